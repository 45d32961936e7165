"""Keeping colleagues who lose work capacity (fastholdelse): the deadlines of a retention case.

A retention case records absence periods (days only, never a diagnosis) and the steps taken. Its
deadlines come from dated rules (the law's and the municipality's sickness-absence guideline):
"hold the sickness-absence interview at the latest N days after the first day of absence". A rule
applies to an absence period that lasts until its due date, and is met by a step of its kind taken
on or after the first day of that absence.

A § 56 agreement (sygedagpengeloven § 56) runs two years at a time: it ends on the last day of a
two-year period from its start, and is due for renewal before then.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from .dates import add_duration
from .schemes import YEARS, Duration

AGREEMENT_56_PERIOD = Duration(2, YEARS)
# A § 56 agreement shows as due for renewal this many days before it ends.
AGREEMENT_56_RENEWAL_NOTICE_DAYS = 60


@dataclass(frozen=True)
class DeadlineRule:
    key: str
    label: str
    days_after_first_day: int
    met_by: str  # the step kind that meets it


@dataclass(frozen=True)
class Absence:
    first_day: date
    last_day: date | None  # None: still absent


@dataclass(frozen=True)
class Step:
    kind: str
    on: date


@dataclass(frozen=True)
class Deadline:
    rule: DeadlineRule
    absence: Absence
    due: date
    met_on: date | None

    def is_overdue(self, today: date) -> bool:
        return self.met_on is None and self.due < today


def due_date(first_day: date, rule: DeadlineRule) -> date:
    """"Senest 4 uger efter 1. sygedag": the due date is the first day plus the rule's days."""
    return first_day + timedelta(days=rule.days_after_first_day)


def applies(rule: DeadlineRule, absence: Absence) -> bool:
    """True when the absence lasts until the rule's due date (someone back before it needs no interview)."""
    return absence.last_day is None or absence.last_day >= due_date(absence.first_day, rule)


def deadlines(absences: list[Absence], steps: list[Step], rules: list[DeadlineRule]) -> list[Deadline]:
    """Return every deadline of the case's absence periods, each with the day a step met it (or None).

    A step meets the deadline of the latest absence that had begun when it was taken, so an
    interview held for one absence is not counted again for the next.
    """
    ordered = sorted(absences, key=lambda a: a.first_day)
    result = []
    for index, absence in enumerate(ordered):
        next_start = ordered[index + 1].first_day if index + 1 < len(ordered) else None
        for rule in rules:
            if not applies(rule, absence):
                continue
            met = [s.on for s in steps if s.kind == rule.met_by and s.on >= absence.first_day
                   and (next_start is None or s.on < next_start)]
            result.append(Deadline(rule, absence, due_date(absence.first_day, rule), min(met) if met else None))
    return sorted(result, key=lambda d: d.due)


def agreement_56_ends(start: date) -> date:
    """Return the last day of a § 56 agreement that starts on start (two years at a time)."""
    return add_duration(start, AGREEMENT_56_PERIOD)


def agreement_56_renewal_due(start: date) -> date:
    """Return the day a § 56 agreement starting on start shows as due for renewal."""
    return agreement_56_ends(start) - timedelta(days=AGREEMENT_56_RENEWAL_NOTICE_DAYS)


def absence_days(absence: Absence, until: date) -> int:
    """Return the calendar days of absence up to and including until (a still-open absence counts to until)."""
    last = absence.last_day if absence.last_day is not None and absence.last_day < until else until
    return max(0, (last - absence.first_day).days + 1)
