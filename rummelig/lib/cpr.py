"""Danish CPR numbers: normalise, validate, find the date of birth, mask, show.

A CPR number is ddmmyy followed by four digits; the first of those four (the 7th digit) tells the
century. Since 1 October 2007 CPR numbers are issued *without* the modulus-11 check, so a valid
number can fail that test: we deliberately do not apply it. Validation here means "ten digits that
begin with a real date".

Error messages are Danish because they are shown to HR as they are (forms, import reports).
They show the CPR number masked, so a message can be logged without leaking the full number.
"""

import re
from datetime import date

_SEPARATORS = re.compile(r"[\s\-]")
_TEN_DIGITS = re.compile(r"\d{10}")
_DASHED = re.compile(r"\d{6}-\d{4}")

# Anything shaped like a CPR number in free text: a day and month (ddmm), two digits of year, then four
# digits, with or without a dash or space between – also as a URL writes the space (+ or %20). Digits
# right before or after mean it is part of a longer number (an amount, an id), not a CPR number.
CPR_IN_TEXT = re.compile(
    r"(?<!\d)(?P<born>(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2})(?:[\s+-]|%20|%2[dD])?\d{4}(?!\d)"
)

LENGTH_MESSAGE = "CPR-nummeret skal være 10 cifre (ddmmåå-xxxx)."


def normalise_cpr(text: str) -> str:
    """Return the CPR number as 10 digits, accepting "ddmmyy-xxxx", "ddmmyyxxxx" and spaces.

    Raise ValueError with a Danish message if it is not 10 digits or does not begin with a date.
    """
    compact = "" if text is None else str(text)
    if not (len(compact) == 10 and compact.isascii() and compact.isdigit()):  # else tidy it first
        compact = re.sub(r"\s", "", compact)
    if "-" in compact:
        if not _DASHED.fullmatch(compact):
            raise ValueError(LENGTH_MESSAGE)
        compact = compact.replace("-", "")
    if not _TEN_DIGITS.fullmatch(compact):
        raise ValueError(LENGTH_MESSAGE)
    birth_date_from_cpr(compact)
    return compact


def birth_date_from_cpr(cpr: str) -> date:
    """Return the date of birth encoded in a CPR number (10 digits, a dash allowed).

    The century comes from the 7th digit (CPR-kontoret's rules):
    0-3 → 1900s; 4 and 9 → 2000s if yy ≤ 36, else 1900s; 5-8 → 2000s if yy ≤ 57, else 1800s.
    Raise ValueError (Danish message) if the first six digits are not a real date.
    """
    digits = str(cpr)
    if len(digits) != 10:
        digits = _SEPARATORS.sub("", digits)
    if not _TEN_DIGITS.fullmatch(digits):
        raise ValueError(LENGTH_MESSAGE)
    day, month, yy, seventh = int(digits[0:2]), int(digits[2:4]), int(digits[4:6]), int(digits[6])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if yy <= 36 else 1900
    else:
        century = 2000 if yy <= 57 else 1800
    try:
        return date(century + yy, month, day)
    except ValueError:
        raise ValueError(f"CPR-nummeret {mask_cpr(digits)} begynder ikke med en gyldig dato.") from None


def format_cpr(cpr: str) -> str:
    """Return a normalised CPR number as people write it: "ddmmyy-xxxx" with the digits."""
    return f"{cpr[:6]}-{cpr[6:]}"


def looks_like_cpr(text) -> bool:
    """True if text holds something shaped like a CPR number (ddmmyy-xxxx, ddmmyyxxxx, with or without a space)."""
    return bool(text) and CPR_IN_TEXT.search(str(text)) is not None


def cpr_shaped_numbers(text):
    """Return the ten digits of everything in text shaped like a CPR number."""
    if not isinstance(text, str):
        return set()
    return {re.sub(r"\D|%20|%2[dD]", "", match[0]) for match in CPR_IN_TEXT.finditer(text)}


def mask_cprs_in_text(text, keep=()):
    """Return text with everything shaped like a CPR number masked as "ddmmyy-xxxx"; other values as they are.

    For log lines and audit text, where a CPR number typed into a search or a free-text field must not
    be kept. The date of birth stays, as on every masked number the pages show. keep: ten-digit numbers
    known not to be CPR numbers (a workplace's P-number may begin like a date) that stay as they are.
    """
    if not isinstance(text, str) or not text:
        return text

    def masked(match):
        if keep and re.sub(r"\D|%20|%2[dD]", "", match[0]) in keep:
            return match[0]
        return f"{match['born']}-xxxx"

    return CPR_IN_TEXT.sub(masked, text)


def mask_cpr(cpr: str) -> str:
    """Return "ddmmyy-xxxx": the date of birth stays readable, the last four digits are hidden."""
    digits = _SEPARATORS.sub("", str(cpr))
    return f"{digits[:6]}-xxxx"
