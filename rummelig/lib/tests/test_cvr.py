import pytest

from rummelig.lib.cvr import cvr_checksum_ok, is_valid_cvr, normalise_cvr

# Real CVR numbers (public): Allerød Kommune, Erhvervsstyrelsen's example, Novo Nordisk.
VALID = ["29188386", "10150817", "24256790"]


@pytest.mark.parametrize("cvr", VALID)
def test_real_cvr_numbers_pass_the_modulus_11_check(cvr):
    assert cvr_checksum_ok(cvr)
    assert normalise_cvr(cvr) == cvr


def test_spaces_and_the_dk_prefix_are_accepted():
    assert normalise_cvr("DK 29 18 83 86") == "29188386"


def test_a_typo_in_one_digit_is_refused_in_danish():
    with pytest.raises(ValueError, match="kontrolcifferet passer ikke"):
        normalise_cvr("29188387")


@pytest.mark.parametrize("text", ["1234567", "123456789", "2918838a", "", "２９１８８３８６"])
def test_anything_but_eight_digits_is_refused(text):
    with pytest.raises(ValueError, match="8 cifre"):
        normalise_cvr(text)


def test_a_leading_zero_is_refused():
    assert not is_valid_cvr("01234567")
