"""Working days of the official calendar (国务院办公厅 holiday arrangements, 调休 included).

The publication limit of 一公开 is counted in working days: 20 working days after the
inspection is concluded is the common rule. A weekend day made a working day by 调休 counts,
a weekday of the Golden Week does not. The calendar comes from the maintained `holidays`
package, whose China calendar carries each year's official arrangement including the
weekend working days (`weekend_workdays`); a new year's arrangement arrives with a package
update, not with a list kept by hand here. `chinese-calendar` has the same data but refuses
any year it does not know yet, which would break the page the day a year turns.
"""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def _calendar(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("CN", years=year)


def is_working_day(day: datetime.date) -> bool:
    return _calendar(day.year).is_working_day(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The `days`-th working day after `start` (start itself not counted)."""
    day = start
    left = days
    while left > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
