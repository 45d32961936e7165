"""Calendar arithmetic for placements and the latest end a scheme allows.

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
from dataclasses import dataclass
from datetime import date, timedelta

from .ages import age_for, day_before_age
from .schemes import DAYS, WEEKS, YEARS, Duration, SchemeRule, max_duration


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


def day_before_birthday(birth_date: date, age: int) -> date:
    """Return the last day before the person turns ``age`` ("indtil X år").

    Someone born on 29 February is taken to turn a year older on 1 March in other years
    (our assumption, consistent with the period convention above; no source in domain.md).
    """
    return next_period_start(birth_date, Duration(age, YEARS)) - timedelta(days=1)


def personal_age_limit(rule: SchemeRule, birth_date: date | None) -> tuple[int, int] | None:
    """Return (years, months) of the age at which this person's placement in the scheme ends, or None.

    The cohort table (``rule.age_steps``: folkepension or efterløn age by date of birth, see
    ``ages``) decides; a person it does not cover falls back to ``rule.ends_at_age``. Without a
    birth date there is no personal limit.
    """
    if birth_date is None:
        return None
    step = age_for(rule.age_steps, birth_date) if rule.age_steps else None
    if step is not None:
        return step.years, step.months
    if rule.ends_at_age is not None:
        return rule.ends_at_age, 0
    return None


def max_end_date(
    rule: SchemeRule, target_group: str | None, start: date, birth_date: date | None = None
) -> date | None:
    """Return the latest allowed last day of a placement, or None when the law sets no limit.

    Two limits apply, whichever comes first: the maximum duration for the target group (e.g.
    virksomhedspraktik 4/8/13 weeks, LAB 2019 § 61; løntilskud at a public employer 4 months,
    LAB 2019 § 68; domain.md §1.3-1.4), and for schemes that run "until age X" (seniorjob until
    efterløn age, skånejob until folkepension age; domain.md §1.2, §1.6) the day before that
    birthday (the age by birth cohort, ``personal_age_limit``). Without a birth date the age
    limit cannot be applied and is ignored.
    """
    limits = []
    duration = max_duration(rule, target_group)
    if duration is not None:
        limits.append(add_duration(start, duration))
    age = personal_age_limit(rule, birth_date)
    if age is not None and birth_date is not None:  # a personal age limit needs a birth date
        limits.append(day_before_age(birth_date, *age))
    return min(limits) if limits else None


@dataclass(frozen=True)
class DurationResult:
    """Whether a planned end respects the scheme, and by how many days it does not.

    ``reason`` is one of "within_max_duration", "no_max_duration", "exceeds_max_duration",
    "exceeds_age_limit", "end_before_start".
    """

    ok: bool
    max_end: date | None
    exceeds_by_days: int
    reason: str


def check_duration(
    rule: SchemeRule,
    target_group: str | None,
    start: date,
    planned_end: date,
    birth_date: date | None = None,
) -> DurationResult:
    """Check a planned last day against the scheme's maximum duration and age limit."""
    max_end = max_end_date(rule, target_group, start, birth_date)
    if planned_end < start:
        return DurationResult(ok=False, max_end=max_end, exceeds_by_days=0, reason="end_before_start")
    if max_end is None:
        return DurationResult(ok=True, max_end=None, exceeds_by_days=0, reason="no_max_duration")
    if planned_end <= max_end:
        return DurationResult(ok=True, max_end=max_end, exceeds_by_days=0, reason="within_max_duration")
    duration = max_duration(rule, target_group)
    by_duration = add_duration(start, duration) if duration is not None else None
    reason = "exceeds_max_duration" if by_duration == max_end else "exceeds_age_limit"
    return DurationResult(
        ok=False, max_end=max_end, exceeds_by_days=(planned_end - max_end).days, reason=reason
    )
