"""The dated duties that follow from a placement, so HR is reminded before they fall due.

Every date is a last day in the sense of ``durations``: the day by which the thing must be
done. Kinds:

- "placement_ends": the planned last day.
- "evaluation_due": follow-up of the placement. Skånejob: at the latest after 6 months, then at
  least every 12 months (domain.md §1.2); other schemes use their planned evaluation interval.
- "renewal_due": the end of each grant period, when a new grant is needed: fleksjob 5 years
  (domain.md §1.1), § 56-aftale 2 years (sygedagpengeloven § 56, §1.12), mentor 6 months
  (LAB 2019 § 167, §1.14).
- "max_duration_reached": the latest allowed last day (maximum duration for the target group
  or, when a birth date is given, the day before the age at which the scheme ends).
- "seniorjob_start_duty": the municipality must employ the person in seniorjob at the latest
  2 months after the request (lov om seniorjob, lov nr. 1543 af 20/12/2006; domain.md §1.6).
  The law adds "dog tidligst ved udløbet af dagpengeperioden"; that later date is not known
  here, so the reminder may come earlier than the law requires, never later. (A person back
  from ordinary work must be employed within 1 month, lov om seniorjob § 3; not modelled.)

Nothing is due after the placement ends: its actual end, else its planned end, else the latest
end the scheme allows.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import add_duration, months_after
from .durations import max_end_date
from .schemes import MONTHS, Duration, SchemeRule

PLACEMENT_ENDS = "placement_ends"
EVALUATION_DUE = "evaluation_due"
RENEWAL_DUE = "renewal_due"
MAX_DURATION_REACHED = "max_duration_reached"
SENIORJOB_START_DUTY = "seniorjob_start_duty"
KINDS = (SENIORJOB_START_DUTY, EVALUATION_DUE, RENEWAL_DUE, MAX_DURATION_REACHED, PLACEMENT_ENDS)

SENIORJOB_START_MONTHS = 2


@dataclass(frozen=True)
class Deadline:
    """A duty of ``kind`` due on ``due``, counted from ``reference`` (start or request date)."""

    kind: str
    due: date
    reference: date | None = None


def _repeating(start: date, first_months: int, every_months: int | None, until: date) -> list[date]:
    """Return the last days of periods of first_months, then every every_months, up to ``until``.

    Each date is counted from ``start`` (not from the previous date), so a clamp at a short
    month end does not drift into later dates.
    """
    dates = []
    months = first_months
    while (due := add_duration(start, Duration(months, MONTHS))) <= until:
        dates.append(due)
        if every_months is None:
            break
        months += every_months
    return dates


def deadlines_for(
    rule: SchemeRule,
    target_group: str | None,
    start: date,
    planned_end: date | None = None,
    actual_end: date | None = None,
    birth_date: date | None = None,
    requested_on: date | None = None,
    *,
    horizon: date,
) -> list[Deadline]:
    """Return every deadline of a placement up to ``horizon`` (inclusive), sorted by date.

    Pass ``requested_on`` only for seniorjob: it is the day the person asked for the job.
    """
    max_end = max_end_date(rule, target_group, start, birth_date)
    end = actual_end or planned_end or max_end
    until = horizon if end is None else min(horizon, end)
    deadlines = []
    if requested_on is not None:
        due = months_after(requested_on, SENIORJOB_START_MONTHS)
        deadlines.append(Deadline(SENIORJOB_START_DUTY, due, requested_on))
    first = rule.follow_up_first_months or rule.follow_up_every_months
    if first is not None:
        for due in _repeating(start, first, rule.follow_up_every_months, until):
            deadlines.append(Deadline(EVALUATION_DUE, due, start))
    if rule.grant_months is not None:
        for due in _repeating(start, rule.grant_months, rule.grant_months, until):
            deadlines.append(Deadline(RENEWAL_DUE, due, start))
    if max_end is not None:
        deadlines.append(Deadline(MAX_DURATION_REACHED, max_end, start))
    if planned_end is not None:
        deadlines.append(Deadline(PLACEMENT_ENDS, planned_end, start))
    return sorted(
        (d for d in deadlines if d.due <= until),
        key=lambda d: (d.due, KINDS.index(d.kind)),
    )


def due_within(deadlines: Iterable[Deadline], today: date, days: int) -> list[Deadline]:
    """Return the deadlines due from ``today`` up to ``days`` days ahead, both inclusive."""
    if days < 0:
        raise ValueError(f"days must not be negative, not {days}.")
    last = today + timedelta(days=days)
    return [d for d in deadlines if today <= d.due <= last]
