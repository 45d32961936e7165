"""Rimelighedskravet and merbeskæftigelseskravet: may this workplace take one more person?

Rimelighedskravet (LAB 2019 § 77; the bekendtgørelse om en aktiv beskæftigelsesindsats in force from
1/1/2024, whose rule was § 65 of the repealed BEK nr. 2636 af 28/12/2021; domain.md §2.1): the number
of persons in virksomhedspraktik and løntilskud at a production unit (P-nummer) may be at most
1 for every 5 ordinary employees up to 50, always at least 1, plus 1 for every 10 above 50.
Ordinary employees are counted in full-time equivalents (årsværk), excluding subsidised staff
and employees under 18, averaged over the last 4 months (stk. 3-4). Persons in placements are
counted as full-time persons, part-time as fractions (stk. 2). Nytteindsats counted until the
arbejdspligt law abolished that (domain.md §1.5); whether a scheme counts is ``counts_in_ratio``.

Merbeskæftigelseskravet (løntilskud; domain.md §2.2, VITAS): the last month's number of
ordinary employees must be at least the average of the last 12 months, counted in full-time
persons ("Såvel rimeligheds- som merbeskæftigelseskravet opgøres i fuldtidspersoner",
https://indberet.virk.dk/myndigheder/stat/STAR/Loentilskud).

All arithmetic is exact: floats are read through their decimal text (14.99 stays 14.99, never
14.989999…) and the comparisons are done with fractions, so a boundary such as 15 FTE is never
missed by rounding.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .dates import months_after

Number = int | float | Decimal | Fraction

FULL_TIME_HOURS = 37  # a full-time week; part time counts as a fraction of it (stk. 2)
PERSONS_PER_PLACEMENT_UP_TO_50 = 5
PERSONS_PER_PLACEMENT_ABOVE_50 = 10
SMALL_WORKPLACE_LIMIT = 50
RATIO_MONTHS = 4
MERBESKAEFTIGELSE_MONTHS = 12
VACATED_POST_MONTHS = 3


def _exact(value: Number, what: str) -> Fraction:
    """Convert a count or FTE to an exact fraction, refusing negatives and non-numbers."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, Fraction)):
        raise TypeError(f"{what} must be a number, not {value!r}.")
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"{what} must be a finite number, not {value}.")
    exact = Fraction(value)
    if exact < 0:
        raise ValueError(f"{what} cannot be negative, not {value}.")
    return exact


def _decimal(value: Fraction) -> Decimal:
    """Show an exact fraction as a Decimal (exact when it terminates, else 28 digits)."""
    return Decimal(value.numerator) / Decimal(value.denominator)


def _allowed(ordinary_fte: Fraction) -> int:
    """Apply BEK § 65 stk. 1 to an exact number of ordinary FTE."""
    up_to_50 = min(ordinary_fte, Fraction(SMALL_WORKPLACE_LIMIT))
    above_50 = max(ordinary_fte - SMALL_WORKPLACE_LIMIT, Fraction(0))
    return max(1, math.floor(up_to_50 / PERSONS_PER_PLACEMENT_UP_TO_50)) + math.floor(
        above_50 / PERSONS_PER_PLACEMENT_ABOVE_50
    )


def max_supported_placements(ordinary_fte: Number) -> int:
    """Return how many persons in placements a P-unit with this many ordinary FTE may have.

    BEK § 65 stk. 1: max(1, ⌊min(N, 50) / 5⌋) + ⌊max(N − 50, 0) / 10⌋. So 0-9.99 FTE → 1,
    10 → 2, 25 → 5, 50 → 10, 59.9 → 10, 60 → 11.
    """
    return _allowed(_exact(ordinary_fte, "Ordinary FTE"))


def _average_last(values: Sequence[Number], months: int, what: str) -> Fraction:
    if len(values) == 0:
        raise ValueError(f"{what} needs at least one month of figures.")
    recent = [_exact(v, what) for v in values[-months:]]
    return sum(recent, Fraction(0)) / len(recent)


def average_ordinary_fte(monthly_fte: Sequence[Number]) -> Decimal:
    """Return the average ordinary FTE of the last 4 months (BEK § 65 stk. 4).

    Takes monthly figures oldest first and uses the last 4, or all of them if there are fewer
    (a new P-unit). Refuses an empty list: with no figures there is nothing to measure against.
    """
    return _decimal(_average_last(monthly_fte, RATIO_MONTHS, "Ordinary FTE"))


@dataclass(frozen=True)
class RatioResult:
    """The ratio check with its numbers; ``reason`` is "within_ratio" or "ratio_exceeded"."""

    ordinary_fte: Decimal
    allowed: int
    counted: Decimal
    after: Decimal
    ok: bool
    reason: str


def check_ratio(
    ordinary_fte_last_4_months: Sequence[Number], persons_counted: Number, adding: Number = 1
) -> RatioResult:
    """Check whether a P-unit may add ``adding`` persons to the ``persons_counted`` it has.

    ``persons_counted`` are the persons already in counted schemes on the P-unit, in full-time
    persons (BEK § 65 stk. 2: part-time as fractions). The allowance is computed from the exact
    4-month average, so ``ordinary_fte`` is shown as a Decimal but never rounded into a new band.
    """
    average = _average_last(ordinary_fte_last_4_months, RATIO_MONTHS, "Ordinary FTE")
    counted = _exact(persons_counted, "Persons counted")
    after = counted + _exact(adding, "Persons added")
    allowed = _allowed(average)
    ok = after <= allowed
    return RatioResult(
        ordinary_fte=_decimal(average),
        allowed=allowed,
        counted=_decimal(counted),
        after=_decimal(after),
        ok=ok,
        reason="within_ratio" if ok else "ratio_exceeded",
    )


@dataclass(frozen=True)
class MerbeskaeftigelseResult:
    """The additionality check; ``reason`` is "staff_not_reduced" or "staff_below_average"."""

    last_month: Decimal
    average_12_months: Decimal
    ok: bool
    reason: str


def merbeskaeftigelse_met(monthly_ordinary_counts: Sequence[Number]) -> MerbeskaeftigelseResult:
    """Check that the last month's ordinary staff is at least the average of the last 12 months.

    VITAS definition (domain.md §2.2): "seneste måneds antal ordinært ansatte skal være lig med
    eller større end gennemsnittet af antal ordinært ansatte inden for de seneste 12 mdr." The
    figures are monthly, oldest first; the last month is part of the average. Fewer than 12
    months are averaged as they are. The figures are full-time persons (FTE), as VITAS measures.
    """
    average = _average_last(monthly_ordinary_counts, MERBESKAEFTIGELSE_MONTHS, "Ordinary staff")
    last = _exact(monthly_ordinary_counts[-1], "Ordinary staff")
    ok = last >= average
    return MerbeskaeftigelseResult(
        last_month=_decimal(last),
        average_12_months=_decimal(average),
        ok=ok,
        reason="staff_not_reduced" if ok else "staff_below_average",
    )


def vacated_post_free_from(vacated_on: date) -> date:
    """Return the first day a løntilskud may fill a post that became vacant on ``vacated_on``.

    Part of the merbeskæftigelse rule: "løntilskudsstillingen ikke må erstatte en stilling, der inden
    for tre måneder er blevet ledig ved afskedigelse eller fratrædelse af en ordinært ansat"
    (kk.dk, Københavns Kommune's guidance to public employers; Ankestyrelsen's 2014 practice study
    checks the same; domain.md §2.2). The paragraph of LAB that sets it was not found. Three months
    after the vacancy the post may be filled (31 May + 3 months → 31 August; 30 November → 28/29
    February, the last day when the day number does not exist).
    """
    return months_after(vacated_on, VACATED_POST_MONTHS)


def fills_recently_vacated_post(vacated_on: date | None, start: date) -> bool:
    """True when a placement starting on ``start`` would fill a post vacated less than 3 months before."""
    return vacated_on is not None and start < vacated_post_free_from(vacated_on)
