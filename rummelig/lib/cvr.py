"""Danish CVR numbers (company registration numbers): eight digits with a modulus-11 check.

The check (Erhvervsstyrelsen): multiply the digits by the weights 2, 7, 6, 5, 4, 3, 2, 1 and add
them up; a valid number's sum is divisible by 11. The first digit is never 0. Unlike CPR numbers,
CVR numbers are still issued with the check, so it is applied.

Messages are Danish because forms and the API show them as they are.
"""

import re

WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
_SPACES = re.compile(r"[\s]")

LENGTH_MESSAGE = "CVR-nummeret skal være 8 cifre."
FIRST_DIGIT_MESSAGE = "Et CVR-nummer begynder ikke med 0."
CHECK_MESSAGE = "CVR-nummeret %(cvr)s findes ikke: kontrolcifferet passer ikke (modulus 11). Tjek for tastefejl."


def cvr_checksum_ok(digits: str) -> bool:
    """Return True when the eight digits pass the modulus-11 check."""
    return sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11 == 0


def normalise_cvr(text: str) -> str:
    """Return the CVR number as eight digits ("DK 12 34 56 78" and spaces accepted).

    Raise ValueError with a Danish message when it is not eight digits or fails the check.
    """
    compact = _SPACES.sub("", "" if text is None else str(text))
    if compact[:2].upper() == "DK":
        compact = compact[2:]
    if not (len(compact) == 8 and compact.isascii() and compact.isdigit()):
        raise ValueError(LENGTH_MESSAGE)
    if compact[0] == "0":
        raise ValueError(FIRST_DIGIT_MESSAGE)
    if not cvr_checksum_ok(compact):
        raise ValueError(CHECK_MESSAGE % {"cvr": compact})
    return compact


def is_valid_cvr(text: str) -> bool:
    try:
        normalise_cvr(text)
    except ValueError:
        return False
    return True
