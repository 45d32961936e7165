from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rummelig.rules.ratio import (
    average_ordinary_fte,
    check_ratio,
    max_supported_placements,
    merbeskaeftigelse_met,
)

# The municipalities' worked table (Sønderborg, Ligeværd; domain.md §2.1).
WORKED_TABLE = [
    (0, 1), (5, 1), (9, 1),
    (10, 2), (14, 2),
    (15, 3), (19, 3),
    (20, 4), (24, 4),
    (25, 5),
    (50, 10),
    (59.9, 10),
    (60, 11),
    (70, 12),
    (100, 15),
]


@pytest.mark.parametrize(("ordinary_fte", "allowed"), WORKED_TABLE)
def test_the_allowance_follows_the_municipalities_worked_table(ordinary_fte, allowed):
    assert max_supported_placements(ordinary_fte) == allowed


def test_a_workplace_of_25_fte_may_have_five():
    assert max_supported_placements(25) == 5


def test_an_empty_workplace_may_still_have_one():
    assert max_supported_placements(0) == 1


@pytest.mark.parametrize(
    ("ordinary_fte", "allowed"),
    [
        (9.99, 1), (10, 2), (10.01, 2),
        (14.99, 2), (15, 3),
        (19.99, 3), (20, 4),
        (24.99, 4), (25, 5),
        (49.99, 9), (50, 10), (50.01, 10),
        (59.99, 10), (60, 11),
        (69.99, 11), (70, 12),
    ],
)
def test_fractional_fte_changes_the_allowance_only_at_the_boundary(ordinary_fte, allowed):
    assert max_supported_placements(ordinary_fte) == allowed
    assert max_supported_placements(Decimal(str(ordinary_fte))) == allowed
    assert max_supported_placements(Fraction(str(ordinary_fte))) == allowed


def test_a_float_just_below_15_is_not_rounded_up():
    assert max_supported_placements(14.999999) == 2


def test_monthly_floats_that_average_exactly_15_give_three():
    months = [15.25, 17.63, 14.29, 12.83]
    assert sum(months) / 4 < 15  # float arithmetic would lose a placement here
    assert average_ordinary_fte(months) == 15
    assert check_ratio(months, persons_counted=2).allowed == 3


def test_a_negative_staff_count_is_refused():
    with pytest.raises(ValueError):
        max_supported_placements(-1)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), Decimal("NaN")])
def test_a_staff_count_that_is_not_a_number_is_refused(bad):
    with pytest.raises(ValueError):
        max_supported_placements(bad)


def test_a_boolean_is_not_a_staff_count():
    with pytest.raises(TypeError):
        max_supported_placements(True)


fte = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=100)
@given(smaller=fte, larger=fte)
def test_the_allowance_never_falls_as_staff_grows(smaller, larger):
    smaller, larger = sorted([smaller, larger])
    assert max_supported_placements(smaller) <= max_supported_placements(larger)


@settings(max_examples=100)
@given(ordinary_fte=fte)
def test_the_allowance_never_drops_below_one(ordinary_fte):
    assert max_supported_placements(ordinary_fte) >= 1


@settings(max_examples=100)
@given(ordinary_fte=fte)
def test_the_allowance_is_one_per_five_up_to_50_then_one_per_ten(ordinary_fte):
    allowed = max_supported_placements(ordinary_fte)
    if ordinary_fte <= 50:
        assert allowed == max(1, int(ordinary_fte // 5))
    else:
        assert allowed == 10 + int((ordinary_fte - 50) // 10)


def test_the_average_uses_the_last_four_months():
    assert average_ordinary_fte([100, 100, 10, 12, 14, 16]) == Decimal(13)


def test_the_average_of_a_new_unit_uses_the_months_it_has():
    assert average_ordinary_fte([9, 11]) == Decimal(10)


def test_the_average_keeps_fractional_fte():
    assert average_ordinary_fte([14.5, 15, 15.5, 14.75]) == Decimal("14.9375")


def test_the_average_needs_at_least_one_month():
    with pytest.raises(ValueError):
        average_ordinary_fte([])


def test_a_unit_with_room_may_add_one_more():
    result = check_ratio([25, 25, 25, 25], persons_counted=4)
    assert result.ok
    assert result.allowed == 5
    assert result.after == 5
    assert result.reason == "within_ratio"


def test_a_full_unit_may_not_add_one_more():
    result = check_ratio([25, 25, 25, 25], persons_counted=5)
    assert not result.ok
    assert result.after == 6
    assert result.reason == "ratio_exceeded"


def test_part_time_placements_count_as_fractions():
    result = check_ratio([10, 10, 10, 10], persons_counted=Decimal("1.5"), adding=Decimal("0.5"))
    assert result.counted == Decimal("1.5")
    assert result.after == 2
    assert result.ok


def test_the_allowance_is_from_the_average_not_the_last_month():
    result = check_ratio([9, 9, 9, 13], persons_counted=1)
    assert result.ordinary_fte == Decimal(10)
    assert result.allowed == 2
    assert result.ok


def test_an_average_just_under_a_boundary_is_not_rounded_into_it():
    # (15 + 15 + 14.99) / 3 = 14.9966…, which a 2-decimal rounding would turn into 15.00.
    result = check_ratio([15, 15, 14.99], persons_counted=2)
    assert result.allowed == 2
    assert not result.ok


def test_a_growing_staff_meets_merbeskaeftigelse():
    result = merbeskaeftigelse_met([20, 20, 21, 21, 22, 22, 23, 23, 24, 24, 25, 26])
    assert result.ok
    assert result.last_month == 26
    assert result.reason == "staff_not_reduced"


def test_a_flat_staff_meets_merbeskaeftigelse():
    result = merbeskaeftigelse_met([30] * 12)
    assert result.ok
    assert result.average_12_months == 30


def test_a_shrinking_staff_fails_merbeskaeftigelse():
    result = merbeskaeftigelse_met([30] * 6 + [29] * 6)
    assert not result.ok
    assert result.average_12_months == Decimal("29.5")
    assert result.reason == "staff_below_average"


def test_merbeskaeftigelse_looks_only_at_the_last_12_months():
    # A big team 13 months ago no longer counts.
    assert merbeskaeftigelse_met([90] + [30] * 12).ok


def test_merbeskaeftigelse_with_fewer_months_uses_what_there_is():
    assert not merbeskaeftigelse_met([12, 11]).ok
    assert merbeskaeftigelse_met([11, 12]).ok


def test_a_single_month_always_meets_its_own_average():
    assert merbeskaeftigelse_met([7]).ok


def test_merbeskaeftigelse_needs_at_least_one_month():
    with pytest.raises(ValueError):
        merbeskaeftigelse_met([])


def test_a_last_month_a_hair_below_the_average_fails():
    assert not merbeskaeftigelse_met([10, 10, 10, 9.99]).ok
