"""Calendar arithmetic: periods, time limits, birthdays. The one place rules count days and months.

Convention used everywhere in Rummelig: a period starts on its first day and is given by its
LAST day, both inclusive. A period of N units starting on S ends the day before the next such
period would start:

- days:   S + N − 1 days                  (1 Mar + 10 days  → 10 Mar)
- weeks:  S + 7N − 1 days                 (1 Mar + 4 weeks  → 28 Mar)
- months: the same day number N months later, minus one day (1 Mar + 4 months → 30 Jun,
          15 Jan + 1 month → 14 Feb). When that day does not exist the next period would
          start on the 1st of the following month, so the period ends on the last day of the
          month: 31 Jan + 1 month → 28 Feb (29 Feb in leap years); 30 Jan + 1 month likewise.
- years:  12 months each (29 Feb 2024 + 1 year → 28 Feb 2025).

This is how jobcentres write offers ("4 måneder fra 1. marts" ends 30 June).
"""

import calendar
from datetime import date, timedelta

from .schemes import DAYS, MONTHS, WEEKS, YEARS, Duration


def _shift_months(day: date, months: int) -> tuple[int, int, bool]:
    """Return (year, month) ``months`` after ``day``'s month and whether its day number exists there."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return year, month0 + 1, day.day <= calendar.monthrange(year, month0 + 1)[1]


def next_period_start(start: date, d: Duration) -> date:
    """Return the first day after a period of ``d`` that starts on ``start``.

    For months and years this is the same day number later, or the 1st of the following month
    when that day does not exist (31 Jan + 1 month → 1 Mar).
    """
    if d.unit == DAYS:
        return start + timedelta(days=d.amount)
    if d.unit == WEEKS:
        return start + timedelta(weeks=d.amount)
    year, month, exists = _shift_months(start, d.amount * 12 if d.unit == YEARS else d.amount)
    if exists:
        return date(year, month, start.day)
    return date(year + month // 12, month % 12 + 1, 1)


def months_after(day: date, months: int) -> date:
    """Return the date ``months`` after ``day`` for a time limit ("senest 2 måneder efter").

    The limit falls on the same day number; when that day does not exist it falls on the last
    day of the month (31 Dec + 2 months → 28/29 Feb), as for periods counted from an event in
    EU regulation 1182/71 art. 3(2)(c).
    """
    year, month, exists = _shift_months(day, months)
    return date(year, month, day.day if exists else calendar.monthrange(year, month)[1])


def days_in_year(year: int) -> int:
    """Return 365, or 366 in a leap year."""
    return (date(year + 1, 1, 1) - date(year, 1, 1)).days


def same_day_in(day: date, year: int) -> date:
    """Return ``day`` moved to another year; 29 February becomes 28 February in a year without it."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def add_duration(start: date, d: Duration) -> date:
    """Return the last day of a period of ``d`` that starts on ``start`` (see module docstring)."""
    return next_period_start(start, d) - timedelta(days=1)


def day_before_age(birth_date: date, years: int, months: int = 0) -> date:
    """Return the last day before the person reaches ``years`` and ``months`` ("indtil 62½ år").

    Counted like every period here: someone born 31 August reaches 62½ on 1 March
    (the 31st of February does not exist, so the half year is complete at the end of February).
    Someone born on 29 February turns a year older on 1 March in other years (our assumption,
    consistent with the period convention; no source in domain.md).
    """
    return next_period_start(birth_date, Duration(years * 12 + months, MONTHS)) - timedelta(days=1)
