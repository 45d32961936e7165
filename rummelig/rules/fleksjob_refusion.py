"""The refusion an employer can expect for a fleksjob on the old scheme (started before 1/1/2013).

LAB 2019 § 133 (domain.md §1.1): the employer pays the full wage and receives a subsidy of
one half or two thirds of the wage, after the degree of reduced work capacity. The wage the
subsidy is calculated from is capped: 527,091 kr a year or 273.93 kr an hour (2019 level). The
caps are regulated over time, so they come in as dated `Cap`s, not constants.

How a year's expected refusion is worked out here:

- The wage counted is the annual wage basis, at most the cap: the annual cap for full time (37
  hours a week or more, or hours not known); for a part-time job the hourly cap times the hours of
  a year (hours per week × 52), if that is lower.
- The refusion is the fraction of the wage counted, for the days of the year the fleksjob ran,
  day by day under the cap in force that day (a cap change mid-year splits the period).
- Days without any cap in force are counted without a cap, and the answer says so (``uncapped_days``)
  so that the report can tell the reader.
- Amounts are exact until the end and rounded to øre (half up) once.

Source: https://www.elov.dk/lov-om-en-aktiv-beskaeftigelsesindsats/paragraf/133/
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .dates import days_in_year
from .ratio import FULL_TIME_HOURS

WEEKS_PER_YEAR = 52
ALLOWED_FRACTIONS = (Fraction(1, 2), Fraction(2, 3))


@dataclass(frozen=True)
class Cap:
    valid_from: date
    valid_to: date | None
    annual: Decimal
    hourly: Decimal | None  # None: the year's hourly figure is not known; only the annual cap applies

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Refusion:
    amount: Decimal  # the refusion expected
    wage_counted: Decimal  # the wage it is calculated from: capped, for the days run in the year
    days: int
    capped_days: int
    uncapped_days: int
    reason: str  # "ok", "capped" (the cap lowered the wage counted on some day) or "no_cap" (days without a cap)


def _exact(value) -> Fraction:
    return Fraction(Decimal(str(value)) if isinstance(value, float) else value)


def wage_counted(wage_basis: Decimal, hours_per_week: Decimal | None, cap: Cap | None) -> Fraction:
    """Return the yearly wage the refusion may be calculated from under cap."""
    wage = _exact(wage_basis)
    if cap is None:
        return wage
    limit = _exact(cap.annual)
    if cap.hourly is not None and hours_per_week is not None and _exact(hours_per_week) < FULL_TIME_HOURS:
        limit = min(limit, _exact(cap.hourly) * _exact(hours_per_week) * WEEKS_PER_YEAR)
    return min(wage, limit)


def expected_refusion(
    *,
    wage_basis: Decimal,
    fraction: Fraction,
    hours_per_week: Decimal | None,
    start: date,
    end: date,
    year: int,
    caps: list[Cap],
) -> Refusion:
    """Return the refusion expected for the days from start to end (both included) of year."""
    if fraction not in ALLOWED_FRACTIONS:
        raise ValueError(f"The refusion fraction must be 1/2 or 2/3, not {fraction}.")
    if wage_basis < 0:
        raise ValueError(f"The wage basis cannot be negative, not {wage_basis}.")
    first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
    if last < first:
        return Refusion(Decimal("0.00"), Decimal("0.00"), 0, 0, 0, "ok")
    wage_total = Fraction(0)
    days = capped = uncapped = 0
    day = first
    while day <= last:
        cap = next((c for c in caps if c.in_force_on(day)), None)
        # The run of days under the same cap (or the same absence of one).
        run_end = last
        for other in caps:
            if other is not cap and day < other.valid_from <= run_end:
                run_end = other.valid_from - timedelta(days=1)
        if cap is not None and cap.valid_to is not None:
            run_end = min(run_end, cap.valid_to)
        run = (run_end - day).days + 1
        counted = wage_counted(wage_basis, hours_per_week, cap)
        wage_total += counted * run / days_in_year(year)
        days += run
        if cap is None:
            uncapped += run
        elif counted < _exact(wage_basis):
            capped += run
        day = run_end + timedelta(days=1)
    reason = "no_cap" if uncapped else "capped" if capped else "ok"
    return Refusion(_money(fraction * wage_total), _money(wage_total), days, capped, uncapped, reason)


def _money(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
