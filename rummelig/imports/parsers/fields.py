"""One rule per field, for every format (see FORMATS.md, "Fields"): parsing, checking and the Danish message.

Django-free. A parser hands a rule the value and where it stands (a `Place`: the parser's row, XML
element or OS2mo object, which knows how to name the field and its location); the rule returns the
clean value and reports a problem (the record is skipped) or a notice (the value is left out).
"""

from __future__ import annotations  # Problems is only imported for type checking (records.py imports this module)

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from rummelig.lib.cpr import birth_date_from_cpr, normalise_cpr
from rummelig.rules.ratio import FULL_TIME_HOURS

if TYPE_CHECKING:
    from .records import Problems

OPEN_END = date(9999, 12, 31)  # payroll systems write this for "no end"
_FULL_TIME = Decimal(FULL_TIME_HOURS)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DANISH_DATE = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")


def parse_iso_date(text: str) -> date:
    """Return the date in "YYYY-MM-DD" (a time part after it is ignored); raise ValueError."""
    value = text.strip()
    if len(value) > 10 and value[10] in "T ":
        value = value[:10]
    if len(value) != 10 or not _ISO_DATE.fullmatch(value):
        raise ValueError(text)
    return date.fromisoformat(value)


def parse_danish_date(text: str) -> date:
    """Return the date in "dd-mm-yyyy", "dd.mm.yyyy", "dd/mm/yyyy" or "yyyy-mm-dd"; raise ValueError."""
    value = text.strip()
    match = _DANISH_DATE.fullmatch(value)
    if match:
        day, month, year = map(int, match.groups())
        return date(year, month, day)
    if _ISO_DATE.fullmatch(value):
        return parse_iso_date(value)
    raise ValueError(text)


@lru_cache(maxsize=65536)
def birth_date_of_cpr_start(first_seven: str) -> date:
    """Return the date of birth for the first seven digits of a CPR number (they alone decide it); ValueError if none.

    Cached, and shared with the planner, which sets each new person's date of birth.
    """
    return birth_date_from_cpr(first_seven + "000")


def open_end(day: date | None) -> date | None:
    """Return None for the payroll systems' "no end" date 9999-12-31, else the date."""
    return None if day == OPEN_END else day


def parse_decimal(text: str) -> Decimal:
    """Return a Decimal from "0.8108", "0,8108" or " 1 " (no thousands separators); raise ValueError."""
    value = text.strip()
    if value.isascii() and value.isdigit():  # the common case in payroll files: "37", "1"
        return Decimal(value)
    value = value.replace(" ", "")
    if "," in value:
        if "." in value or value.count(",") > 1:
            raise ValueError(text)
        value = value.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", value):
        raise ValueError(text)
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ValueError(text) from None


def quantize_fte(fte: Decimal) -> Decimal:
    """Round an FTE fraction to four decimals, as stored."""
    return fte.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def fte_in_range(fte: Decimal, problems: Problems, where: str, message: str) -> Decimal:
    """Return the FTE to four decimals; one outside 0..1 is a problem (`message`, at `where`) and gives 0."""
    if not 0 <= fte <= 1:
        problems.add(where, message)
        return Decimal(0)
    return quantize_fte(fte)


def hours_from_fte(fte: Decimal) -> Decimal:
    """Return weekly hours for an FTE fraction of the full-time week (rules.ratio), to two decimals.

    The one rounding of hours: the parsers and the planner both use it.
    """
    return (_FULL_TIME * fte).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_decimal(value: Decimal) -> str:
    """Return a Decimal the Danish way for messages ("0,8")."""
    return format(value.normalize(), "f").replace(".", ",")


def parse_flag(text: str) -> bool:
    """Return True/False for "true"/"false", "ja"/"nej", "1"/"0", "x"/""; raise ValueError."""
    value = text.strip().casefold()
    if value in {"true", "ja", "1", "x", "j", "yes"}:
        return True
    if value in {"false", "nej", "0", "", "n", "no"}:
        return False
    raise ValueError(text)


# The rules -------------------------------------------------------------------------------------
#
# Each takes the field's text, the parser's Problems, and the Place it stands in (the location is
# only worked out when something is reported: a dump has 50,000 records of 25 fields).


class Place(Protocol):
    """Where a record stands (an OPUS element, an SD row or element, a spreadsheet row, an OS2mo object)."""

    @property
    def LINE(self) -> str:  # a class constant in each format: "linje" or "række"
        ...

    @property
    def line(self) -> int: ...

    def where(self, name: str | None = None) -> str: ...

    def missing(self, name: str) -> str:
        """Say that the field is empty, in the format's words ("Feltet <cpr> mangler eller er tomt")."""
        ...


class At:
    """A place given by a fixed location (OS2mo's objects have no lines)."""

    LINE = "linje"
    line = 0

    def __init__(self, location: str):
        self.location = location

    def where(self, name: str | None = None) -> str:
        return self.location

    def missing(self, name: str) -> str:
        return f"Feltet {name} mangler i OS2mo"


def required(value: str, problems: Problems, place: Place, name: str, message: str = "") -> str:
    """Return the value; an empty one is a problem (the format's "missing" wording, or `message`)."""
    if not value:
        problems.add(place.where(name), message or f"{place.missing(name)}.")
    return value


def first_time(seen: dict[str, int], key: str, problems: Problems, place: Place, name: str | None = None,
               what: str = "", id_name: str = "id") -> bool:  # fmt: skip
    """Return True unless `key` stood earlier in the file (then a problem naming that line)."""
    if key in seen:
        shown = f"{what} '{key}'" if what else f"'{key}'"
        problems.add(
            place.where(name), f"{shown} står også i {place.LINE} {seen[key]}; hvert {id_name} må kun stå én gang."
        )
        return False
    seen[key] = place.line
    return True


_FLAGS = {"true": True, "false": False, "": False}  # what OPUS writes (and an empty cell): no parse_flag needed


def check_flag(value: str, problems: Problems, place: Place, name: str, words: tuple[str, str] = ("ja", "nej")) -> bool:
    """Return a yes/no field (`parse_flag`; empty = no); another value is a problem naming the format's two `words`."""
    flag = _FLAGS.get(value)
    if flag is not None:
        return flag
    try:
        return parse_flag(value)
    except ValueError:
        problems.add(place.where(name), f"'{value}' er hverken {words[0]} eller {words[1]}.")
        return False


def required_id(value: str, problems: Problems, place: Place, name: str, seen: dict[str, int], what: str = "",
                id_name: str = "id") -> str:  # fmt: skip
    """Return a record's id from a table's column: an empty one is a problem (`required`), so is a repeated one (`first_time`)."""
    if required(value, problems, place, name):
        first_time(seen, value, problems, place, name, what=what, id_name=id_name)
    return value


def check_cpr(value: str, problems: Problems, place: Place, name: str, *, required: bool) -> str:
    """Return the CPR number as ten digits; a bad one is a problem, an empty one too where the format requires it.

    Payroll (OPUS, SD) always has the CPR number; the spreadsheet and OS2mo may leave it out (the
    person is then found through the employment's payroll number).
    """
    if len(value) == 10 and value.isdigit() and value.isascii():  # the usual shape: only the date to check
        try:
            birth_date_of_cpr_start(value[:7])
            return value
        except ValueError:
            pass  # normalise_cpr says what is wrong
    if not value:
        if required:
            problems.add(place.where(name), f"{place.missing(name)}.")
        return ""
    try:
        return normalise_cpr(value)
    except ValueError as exc:
        problems.add(place.where(name), str(exc))
        return ""


def check_p_number(value: str, problems: Problems, place: Place, name: str) -> str | None:
    """Return the unit's 10-digit P-number, "" for none (OPUS writes ten zeros); another value is a notice.

    A notice, not a problem: the P-number belongs to the workplace, not to the person or the
    employment the import registers, and HR can add it on the unit's page; one bad P-number must
    not stop 50,000 employments. A bad value gives None, "not known": the unit keeps the P-number
    Rummelig has (a typo in payroll must not wipe the one HR entered).
    """
    value = value.replace(" ", "")
    if not value or set(value) == {"0"}:
        return ""
    if len(value) != 10 or not value.isdigit() or not value.isascii():
        problems.note(place.where(name), f"P-nummeret '{value}' er ikke 10 cifre og er ikke indlæst.")
        return None
    return value


@dataclass(frozen=True)
class DateForm:
    """How a format writes dates: the parser (cached: a dump repeats its dates) and the hint in the message."""

    parse: Callable[[str], date]
    hint: str


ISO_DATE = DateForm(lru_cache(maxsize=16384)(parse_iso_date), "forventede ÅÅÅÅ-MM-DD")  # OPUS
SD_DATE = DateForm(lru_cache(maxsize=16384)(parse_danish_date), "skriv ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ")  # CSV and XML
SHEET_DATE = DateForm(SD_DATE.parse, "skriv dd-mm-åååå")  # the template asks for dd-mm-åååå


def check_date(value: str, problems: Problems, place: Place, name: str, form: DateForm) -> date | None:
    """Return the date, None for an empty field; a value that is not a date in the format's form is a problem."""
    if not value:
        return None
    try:
        return form.parse(value)
    except ValueError:
        problems.add(place.where(name), f"'{value}' er ikke en gyldig dato ({form.hint}).")
        return None


def end_not_before_start(start: date | None, end: date | None, problems: Problems, place: Place, name: str,
                         words: tuple[str, str] = ("Slutdatoen", "startdatoen")) -> None:  # fmt: skip
    """Report an end date before the start date (either may be unknown: then nothing is said)."""
    if start and end and end < start:
        problems.add(place.where(name), f"{words[0]} ({end:%d-%m-%Y}) ligger før {words[1]} ({start:%d-%m-%Y}).")


def not_own_parent(parent: str | None, source_id: str, problems: Problems, place: Place, name: str,
                   message: str = "Enheden står som sin egen overordnede enhed.") -> None:  # fmt: skip
    """Report a unit that names itself as its parent (a longer cycle is found by `check_references`)."""
    if parent and parent == source_id:
        problems.add(place.where(name), message)
