from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from rummelig.lib.cpr import birth_date_from_cpr, format_cpr, looks_like_cpr, mask_cpr, mask_cprs_in_text, normalise_cpr


def test_it_accepts_ten_digits():
    assert normalise_cpr("0101901234") == "0101901234"


def test_it_accepts_the_dashed_form_and_strips_spaces():
    assert normalise_cpr(" 010190-1234 ") == "0101901234"


def test_it_shows_a_number_in_the_dashed_form():
    assert format_cpr("0101901234") == "010190-1234"
    assert normalise_cpr("010190 1234") == "0101901234"
    assert normalise_cpr("010190 - 1234") == "0101901234"


@pytest.mark.parametrize("text", ["", "010190123", "01019012345", "010190-12a4", "0101-901234", "010190--1234", "ÆØÅ"])
def test_it_rejects_anything_but_ten_digits_with_a_danish_message(text):
    with pytest.raises(ValueError) as error:
        normalise_cpr(text)
    assert str(error.value) == "CPR-nummeret skal være 10 cifre (ddmmåå-xxxx)."


def test_it_rejects_a_number_that_does_not_begin_with_a_date_and_masks_it_in_the_message():
    with pytest.raises(ValueError) as error:
        normalise_cpr("310299-1234")
    assert str(error.value) == "CPR-nummeret 310299-xxxx begynder ikke med en gyldig dato."


def test_it_accepts_numbers_that_fail_the_abolished_modulus_11_check():
    cpr = "0101901235"
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    assert sum(int(digit) * weight for digit, weight in zip(cpr, weights, strict=True)) % 11 != 0
    assert normalise_cpr(cpr) == cpr


@pytest.mark.parametrize(
    "cpr, born",
    [
        ("0101001234", date(1900, 1, 1)),
        ("0101993234", date(1999, 1, 1)),
        ("0101364234", date(2036, 1, 1)),
        ("0101374234", date(1937, 1, 1)),
        ("0101109234", date(2010, 1, 1)),
        ("0101579234", date(1957, 1, 1)),
        ("0101575234", date(2057, 1, 1)),
        ("0101585234", date(1858, 1, 1)),
        ("0101998234", date(1899, 1, 1)),
        ("0101057234", date(2005, 1, 1)),
    ],
)
def test_the_seventh_digit_gives_the_century(cpr, born):
    assert birth_date_from_cpr(cpr) == born


def test_29_february_depends_on_the_century():
    assert birth_date_from_cpr("290200-4123") == date(2000, 2, 29)
    with pytest.raises(ValueError, match="290200-xxxx begynder ikke med en gyldig dato"):
        birth_date_from_cpr("290200-0123")


def test_mask_shows_the_birth_date_and_hides_the_last_four_digits():
    assert mask_cpr("0101901234") == "010190-xxxx"
    assert mask_cpr("010190-1234") == "010190-xxxx"


def _sevenths_for(year: int) -> list[int]:
    """Return the 7th digits that put a two-digit year in `year`'s century."""
    yy = year % 100
    digits = []
    for seventh in range(10):
        if seventh <= 3:
            century = 1900
        elif seventh in (4, 9):
            century = 2000 if yy <= 36 else 1900
        else:
            century = 2000 if yy <= 57 else 1800
        if century + yy == year:
            digits.append(seventh)
    return digits


@given(st.dates(min_value=date(1858, 1, 1), max_value=date(2057, 12, 31)), st.integers(0, 999), st.data())
def test_any_birth_date_and_serial_round_trips(born, serial, data):
    sevenths = _sevenths_for(born.year)
    assume(sevenths)
    seventh = data.draw(st.sampled_from(sevenths))
    cpr = f"{born:%d%m%y}{seventh}{serial:03d}"
    assert normalise_cpr(f"{cpr[:6]}-{cpr[6:]}") == cpr
    assert birth_date_from_cpr(cpr) == born
    assert mask_cpr(cpr) == f"{born:%d%m%y}-xxxx"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("filter q=0101801234", "filter q=010180-xxxx"),
        ("GET /personer/?q=010180-1234 HTTP/1.1", "GET /personer/?q=010180-xxxx HTTP/1.1"),
        ("q=010180+1234&side=2", "q=010180-xxxx&side=2"),
        ("q=010180%201234", "q=010180-xxxx"),
        ("Ring om 010180 1234 i morgen", "Ring om 010180-xxxx i morgen"),
        ("two: 0101801234, 3112999999.", "two: 010180-xxxx, 311299-xxxx."),
    ],
)
def test_anything_shaped_like_a_cpr_number_is_masked_in_text(text, masked):
    assert mask_cprs_in_text(text) == masked
    assert looks_like_cpr(text)


@pytest.mark.parametrize(
    "text", ["id 12345678901", "2026-01-01 12:00:00", "amount 1234567890", "rows: 46", "010180", "3213801234", "0113801234", ""]
)
def test_longer_numbers_dates_and_impossible_dates_are_left_alone(text):
    assert mask_cprs_in_text(text) == text
    assert not looks_like_cpr(text)


def test_numbers_known_not_to_be_cpr_numbers_are_kept():
    text = "P-no. 1012345678; søgning 1012345679 og 010190-1234"
    assert mask_cprs_in_text(text, keep={"1012345678"}) == "P-no. 1012345678; søgning 101234-xxxx og 010190-xxxx"
