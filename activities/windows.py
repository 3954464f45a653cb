"""Time windows (时间安排) of activities: the text as written ("9 月", "9-10月", "9月中旬",
"全年", "8月-12月") turned into start and end dates of the campaign year.

The text is parsed by the notice parser's rule (`imports.parser.activities.parse_window`), so
that an imported notice and a typed-in row read a window the same way.
"""

import calendar
import datetime

from imports.parser.activities import parse_window

# 上旬 days 1–10, 中旬 11–20, 下旬 21 to the month's end.
PART_DAYS = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, None)}


def window_dates(text: str, year: int) -> tuple[datetime.date, datetime.date] | None:
    """(start, end) for `text` in `year`, or None when the text is not a window we can read."""
    window = parse_window(text)
    if not window:
        return None
    if window.get("all_year"):
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    start_month, end_month = window.get("start_month"), window.get("end_month")
    if not start_month:
        return None
    end_month = end_month or start_month
    if not (1 <= start_month <= 12 and 1 <= end_month <= 12) or end_month < start_month:
        return None
    first_day, last_day = 1, calendar.monthrange(year, end_month)[1]
    part = window.get("part")
    if part in PART_DAYS:
        first_day, part_end = PART_DAYS[part]
        last_day = part_end or last_day
    return datetime.date(year, start_month, first_day), datetime.date(year, end_month, last_day)
