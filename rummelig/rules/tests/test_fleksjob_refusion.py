from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from rummelig.rules.fleksjob_refusion import Cap, expected_refusion, wage_counted

CAP_2019 = Cap(date(2019, 1, 1), None, Decimal("527091"), Decimal("273.93"))


def refusion(wage, fraction, *, hours=None, start=date(2025, 1, 1), end=date(2025, 12, 31), caps=(CAP_2019,)):
    return expected_refusion(
        wage_basis=Decimal(wage), fraction=fraction, hours_per_week=hours, start=start, end=end, year=2025, caps=list(caps)
    )


def test_a_full_year_under_the_cap_gives_the_fraction_of_the_wage():
    result = refusion("300000", Fraction(2, 3))
    assert result.amount == Decimal("200000.00")
    assert (result.days, result.reason) == (365, "ok")


def test_a_wage_above_the_annual_cap_counts_only_the_cap():
    result = refusion("600000", Fraction(1, 2))
    assert result.amount == Decimal("263545.50")
    assert result.reason == "capped"


def test_part_time_is_capped_by_the_hourly_cap_times_the_hours_of_a_year():
    # 273.93 kr × 20 hours × 52 weeks = 284,887.20 kr; half of it.
    assert wage_counted(Decimal("300000"), Decimal("20"), CAP_2019) == Fraction(28488720, 100)
    assert refusion("300000", Fraction(1, 2), hours=Decimal("20")).amount == Decimal("142443.60")


def test_full_time_is_capped_by_the_annual_cap_only():
    assert wage_counted(Decimal("600000"), Decimal("37"), CAP_2019) == Fraction(527091)


def test_only_the_days_the_fleksjob_ran_in_the_year_count():
    # 1 July - 31 December 2025 is 184 days: 365,000 × 1/2 × 184 / 365.
    result = refusion("365000", Fraction(1, 2), start=date(2025, 7, 1), end=date(2026, 6, 30))
    assert result.amount == Decimal("92000.00")
    assert result.days == 184


def test_a_cap_change_mid_year_splits_the_year():
    caps = [
        Cap(date(2020, 1, 1), date(2025, 6, 30), Decimal("100000"), Decimal("1000")),
        Cap(date(2025, 7, 1), None, Decimal("200000"), Decimal("1000")),
    ]
    # 181 days under 100,000 and 184 days under 200,000, half of each: 54,900,000 / 730.
    result = refusion("365000", Fraction(1, 2), caps=caps)
    assert result.amount == Decimal("75205.48")
    assert result.capped_days == 365


def test_days_without_a_cap_in_force_are_counted_without_a_cap_and_said_so():
    result = refusion("600000", Fraction(1, 2), caps=[Cap(date(2025, 7, 1), None, Decimal("527091"), Decimal("273.93"))])
    assert result.uncapped_days == 181
    assert result.reason == "no_cap"
    assert result.amount == (Decimal(600000 * 181 + 527091 * 184) / 730).quantize(Decimal("0.01"))


def test_a_fleksjob_outside_the_year_gives_nothing():
    assert refusion("300000", Fraction(1, 2), start=date(2026, 1, 1), end=date(2026, 3, 1)).amount == Decimal("0.00")


def test_only_a_half_or_two_thirds_is_allowed():
    with pytest.raises(ValueError, match="1/2 or 2/3"):
        refusion("300000", Fraction(3, 4))


def test_the_wage_counted_is_given_for_the_days_of_the_year_after_the_cap():
    result = refusion("600000", Fraction(1, 2), start=date(2025, 7, 1))
    # 527,091 × 184 / 365 = 265,711.63 (to øre); the refusion is half of the exact figure.
    assert result.wage_counted == Decimal("265711.63")
    assert result.amount == Decimal("132855.81")
