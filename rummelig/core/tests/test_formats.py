from datetime import date
from decimal import Decimal

from rummelig.core.formats import long_date, number_text


def test_numbers_are_rounded_not_cut_off():
    assert number_text(Decimal("35.97355"), 1) == "36,0"
    assert number_text(Decimal("0.8108"), 1) == "0,8"
    assert number_text(Decimal("1234.5"), 0) == "1.235"


def test_a_date_in_a_sentence_has_the_danish_month_name():
    assert long_date(date(2026, 3, 28)) == "28. marts 2026"
