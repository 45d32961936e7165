"""Udbudsloven § 176 stk. 2: the training clause duty at each of its boundaries."""

from decimal import Decimal

import pytest

from rummelig.rules.training_clause import GOODS, SERVICES, WORKS, DutyLimits, training_clause_duty

LIMITS = DutyLimits(min_months=6, works_threshold=Decimal("40100744"), services_value=Decimal("5000000"))
MIO = Decimal("1000000")


def duty(kind=SERVICES, value=5 * MIO, months=6, in_denmark=True):
    return training_clause_duty(kind, value, months, in_denmark, LIMITS).required


def test_services_for_six_months_and_five_million_in_denmark_need_the_clause():
    assert duty()


def test_five_months_is_too_short_six_is_enough():
    assert not duty(months=5)
    assert duty(months=6)
    assert not duty(kind=WORKS, value=50 * MIO, months=5)
    assert duty(kind=WORKS, value=50 * MIO, months=6)


def test_4_99_million_is_below_and_5_million_is_at_the_limit():
    assert not duty(value=Decimal("4990000"))
    assert not duty(value=Decimal("4999999.99"))
    assert duty(value=Decimal("5000000"))


def test_a_contract_performed_abroad_is_not_covered():
    assert not duty(in_denmark=False)
    assert not duty(kind=WORKS, value=50 * MIO, in_denmark=False)
    assert duty(in_denmark=True)


def test_works_below_the_eu_threshold_are_not_covered_at_or_above_they_are():
    assert not duty(kind=WORKS, value=Decimal("40100743"))
    assert duty(kind=WORKS, value=Decimal("40100744"))
    assert not duty(kind=WORKS, value=10 * MIO)  # above the services limit, but works follow the EU threshold


def test_goods_are_never_covered():
    assert not duty(kind=GOODS, value=100 * MIO, months=48)


def test_the_reason_says_why_in_danish():
    result = training_clause_duty(SERVICES, 4 * MIO, 12, True, LIMITS)
    assert result.reason == "Tjenesteydelse under 5.000.000 kr."
    assert "under 6 måneder" in training_clause_duty(WORKS, 50 * MIO, 5, True, LIMITS).reason


def test_an_unknown_kind_is_an_error():
    with pytest.raises(ValueError):
        training_clause_duty("x", MIO, 6, True, LIMITS)
