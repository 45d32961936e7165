"""How Rummelig writes dates and numbers in running Danish text (messages, reports, statements)."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format, number_format


def long_date(day):
    """Return a date as users read it in a sentence ("28. marts 2026")."""
    return date_format(day, "j. F Y")


def number_text(value, places=1):
    """Return a number rounded half up to ``places`` decimals, the Danish way (35,97 → "36,0").

    Django's number_format cuts the decimals off instead of rounding, so round first.
    """
    exponent = Decimal(1).scaleb(-places)
    return number_format(Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP), places, force_grouping=True)


def plain_number(value):
    """Return a decimal without trailing zeros, the Danish way: 37.00 → "37", 37.50 → "37,5", 125000 → "125.000"."""
    number = Decimal(str(value))
    number = number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
    return number_format(number, force_grouping=True)
