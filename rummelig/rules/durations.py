"""The latest end a scheme allows a placement, and whether a planned end respects it.

Dates are counted by the convention in ``dates`` (a period is given by its last day, inclusive).
"""

from dataclasses import dataclass
from datetime import date

from .ages import age_for
from .dates import add_duration, day_before_age
from .schemes import SchemeRule, max_duration


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
