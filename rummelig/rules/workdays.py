"""Working days (hverdage) in Denmark: Monday to Friday that are not public holidays.

The holidays come from the `holidays` library (country "DK"), which keeps the Danish calendar –
Easter-based days included, and Store bededag only until 2023 (abolished from 2024 by lov nr. 151
af 28. februar 2023). Only the official holidays count; 5 June (Grundlovsdag), 24 and 31 December
are ordinary working days in this count, as in the law's "hverdage".

A deadline of N working days from a day is the N-th working day after it (the day itself does not
count): a request sent on Friday with 10 working days is due Friday two weeks later, and later
still when a holiday falls in between.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

DEFAULT_DOCUMENTATION_DAYS = 10


@lru_cache(maxsize=64)
def danish_holidays(year: int) -> frozenset[date]:
    """Return the Danish public holidays of year."""
    return frozenset(holidays.country_holidays("DK", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in danish_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """Return the day that is ``days`` working days after start (start itself not counted; days ≥ 0)."""
    if days < 0:
        raise ValueError("days must be 0 or more")
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day
