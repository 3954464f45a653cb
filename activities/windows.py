"""Time windows (时间安排) of activities: the text as written ("9 月", "9-10月", "9月中旬",
"全年", "8月-12月") turned into start and end dates of the campaign year.

The text is read by the notice parser's rule (`imports.parser.activities.parse_window`), so
that an imported notice and a typed-in row read a window the same way, with one copy of the
rule. The parser is pure Python and imports nothing of ours; the imports app sits above
activities and may not be imported from here, so it hands its reader over in
`ImportsConfig.ready()` (`window_reader_set`).
"""

import calendar
import datetime
from collections.abc import Callable
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured

# 上旬 days 1–10, 中旬 11–20, 下旬 21 to the month's end.
PART_DAYS = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, None)}


class Window(Protocol):
    """What the reader gives for a window it understood (`imports.parser.result.Window`)."""

    start_month: int
    end_month: int
    part: str | None
    all_year: bool


WindowReader = Callable[[str | None], Window | None]

_reader: WindowReader | None = None


def window_reader_set(reader: WindowReader) -> None:
    """The rule that reads a window's text (the notice parser's, set by the imports app)."""
    global _reader
    _reader = reader


def window_dates(text: str, year: int) -> tuple[datetime.date, datetime.date] | None:
    """(start, end) for `text` in `year`, or None when the text is not a window we can read."""
    if _reader is None:
        raise ImproperlyConfigured("No window reader: is the imports app in INSTALLED_APPS?")
    window = _reader(text)
    if not window:
        return None
    if window.all_year:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    start_month, end_month = window.start_month, window.end_month
    if not start_month:
        return None
    end_month = end_month or start_month
    if not (1 <= start_month <= 12 and 1 <= end_month <= 12) or end_month < start_month:
        return None
    first_day, last_day = 1, calendar.monthrange(year, end_month)[1]
    if window.part in PART_DAYS:
        first_day, part_end = PART_DAYS[window.part]
        last_day = part_end or last_day
    return datetime.date(year, start_month, first_day), datetime.date(year, end_month, last_day)
