"""Receiving and following a person on special terms: checklist due dates, evaluations, mentor periods,
outcome follow-ups and the MED committee's yearly framework, as pure functions (issue 15).

The law facts are dated rows with their source sentence (``LawFact``); what could not be confirmed in
the law's text says so in ``note`` and has ``verified=False``.

- A checklist item is due a number of days after the placement's start (negative: before it).
- Evaluations fall on the scheme's follow-up dates (SchemeRule.follow_up_first_months / every_months,
  via rules.deadlines); a planned evaluation counts as held by one recorded from EVALUATION_EARLY_DAYS
  before it until the next planned one. One not held by its date is missing.
- Mentor support is given for at most 6 months at a time; a new period of up to 6 months may follow
  (LAB § 167 stk. 1).
- The effect of a temporary placement is followed up 3 and 12 months after it ended (the issue's
  measure; a municipal practice, not law).
- The local MED committee answers the framework questions at least once in 12 months (Norddjurs'
  policy asks the committee to take a position; the 12 months are the issue's choice, not law).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import add_duration, months_after
from .schemes import MONTHS, Duration


@dataclass(frozen=True)
class LawFact:
    """A number the law sets, valid from ``valid_from`` (to ``valid_to``), with the sentence it comes from."""

    key: str
    value: int
    unit: str
    valid_from: date
    valid_to: date | None
    source: str
    sentence: str
    verified: bool
    note: str = ""

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


MENTOR_PERIODS = (
    LawFact(
        key="mentor_period", value=6, unit=MONTHS, valid_from=date(2020, 1, 1), valid_to=None,
        source="https://www.elov.dk/lov-om-en-aktiv-beskaeftigelsesindsats/kapitel/26/ (LBK nr. 701 af 22/05/2022, § 167 stk. 1)",
        sentence="… kan der gives mentorstøtte i en periode på højst 6 måneder. Personerne kan efter en konkret vurdering "
                 "gives mentorstøtte i en ny periode på op til 6 måneder ved udløb af en periode.",
        verified=True,
        note="Bekræftet i lovens tekst (LBK 701/2022). IKKE BEKRÆFTET: om reformen pr. 1/1/2026 ændrer periodens længde; "
             "kun at brugen begrænses.",
    ),
)

FOLLOW_UP_MONTHS = (3, 12)
EVALUATION_EARLY_DAYS = 30
FRAMEWORK_VALID_MONTHS = 12

# What a person went on to, counted as the effect: ordinary job (here or elsewhere) or education.
WENT_ON = frozenset({"ordinaert_job_her", "job_andetsteds", "uddannelse"})
NOT_WENT_ON = frozenset({"anden_ordning", "ingen_job"})


def fact_on(facts: Iterable[LawFact], day: date) -> LawFact | None:
    """Return the fact in force on day, or None."""
    return next((f for f in facts if f.in_force_on(day)), None)


def item_due(start: date, days_after_start: int) -> date:
    """Return the day a checklist item is due: ``days_after_start`` days after the start (before it if negative)."""
    return start + timedelta(days=days_after_start)


def overdue(due: date, done_on: date | None, today: date) -> bool:
    """An item is overdue when it is not done and its due day has passed."""
    return done_on is None and due < today


def progress(items: Sequence[tuple[date, date | None]], today: date) -> tuple[int, int, int]:
    """Return (done, total, overdue) of (due, done_on) pairs."""
    done = sum(1 for _due, done_on in items if done_on is not None)
    late = sum(1 for due, done_on in items if overdue(due, done_on, today))
    return done, len(items), late


def evaluation_dates(start: date, first_months: int | None, every_months: int | None, until: date) -> list[date]:
    """Return the planned evaluation days from start up to until: after first_months, then every every_months.

    Each day is counted from the start (as rules.deadlines does), so no clamp at a month end drifts.
    """
    first = first_months or every_months
    if first is None:
        return []
    days, months = [], first
    while (due := add_duration(start, Duration(months, MONTHS))) <= until:
        days.append(due)
        if every_months is None:
            break
        months += every_months
    return days


def missing_evaluations(planned: Sequence[date], held: Iterable[date], today: date) -> list[date]:
    """Return the planned days (before today) that no held evaluation covers.

    A held evaluation covers a planned day if it took place from EVALUATION_EARLY_DAYS before it and before
    the window of the next planned day begins; each held evaluation covers one planned day.
    """
    held = sorted(held)
    missing, used = [], set()
    planned = sorted(planned)
    for i, due in enumerate(planned):
        first = due - timedelta(days=EVALUATION_EARLY_DAYS)
        last = planned[i + 1] - timedelta(days=EVALUATION_EARLY_DAYS + 1) if i + 1 < len(planned) else date.max
        match = next((j for j, day in enumerate(held) if j not in used and first <= day <= last), None)
        if match is not None:
            used.add(match)
        elif due < today:
            missing.append(due)
    return missing


def mentor_period_end(start: date, day: date | None = None) -> date:
    """Return the last day of a mentor period beginning on start (6 months at most, LAB § 167)."""
    fact = fact_on(MENTOR_PERIODS, day or start)
    if fact is None:
        raise ValueError(f"No mentor period is known for {start.isoformat()}.")
    return add_duration(start, Duration(fact.value, fact.unit))


def mentor_period_too_long(start: date, end: date) -> bool:
    """True when a mentor period from start to end (both included) is longer than the law allows."""
    return end > mentor_period_end(start)


def follow_up_dates(ended_on: date) -> dict[int, date]:
    """Return {3: day, 12: day}: when the outcome of a temporary placement ended on ended_on is followed up."""
    return {months: months_after(ended_on, months) for months in FOLLOW_UP_MONTHS}


def framework_is_current(last_answered: date | None, today: date) -> bool:
    """True when the MED committee has answered the framework within the last 12 months."""
    return last_answered is not None and months_after(last_answered, FRAMEWORK_VALID_MONTHS) >= today
