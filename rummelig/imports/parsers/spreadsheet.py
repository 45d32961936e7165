"""The Rummelig spreadsheet template, for municipalities with neither OPUS nor SD at hand.

An XLSX workbook with the sheets "Enheder" and "Ansættelser" (either may be left out), or one CSV
file per sheet (recognised by its header row). Row 1 holds the Danish column headers below (case
and spaces do not matter; extra columns are ignored). Dates are real Excel dates or text
dd-mm-åååå, dd.mm.åååå or åååå-mm-dd. `write_template` writes the blank workbook with a
third sheet "Vejledning" that explains every column.

Problems name the sheet, row and column: "Arket 'Ansættelser', række 7, kolonne 'startdato'".
openpyxl reads the sheets in read-only mode through defusedxml; the zip's unpacked size is
checked first, so a zip bomb is refused.
"""

import re
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import BinaryIO

from rummelig.rules.ratio import FULL_TIME_HOURS

from . import records
from .common import Source, check_size, open_binary, read_head, source_name
from .csvtable import CsvTable
from .fields import (
    SHEET_DATE,
    check_cpr,
    check_date,
    check_flag,
    end_not_before_start,
    format_decimal,
    hours_from_fte,
    not_own_parent,
    parse_decimal,
    quantize_fte,
    required,
    required_id,
)
from .records import EmploymentRecord, ParsedFile, Problems, Record, UnitRecord, collect, file_error
from .safexml import PROLOG_BYTES, decode_head

SHEET_UNITS = "Enheder"
SHEET_EMPLOYMENTS = "Ansættelser"
SHEET_GUIDE = "Vejledning"
MAX_UNPACKED_BYTES = 1024**3
MAX_WEEKLY_HOURS = Decimal(48)


@dataclass(frozen=True)
class Column:
    header: str
    required: bool
    kind: str  # text, date, decimal
    guide: str
    example: str


UNIT_COLUMNS = (
    Column(
        "enheds-id",
        True,
        "text",
        "Enhedens id i jeres system. Bruges af ansættelserne og af 'overordnet enhed'.",
        "1200",
    ),
    Column(
        "overordnet enhed",
        False,
        "text",
        "Enheds-id for enheden lige over. Tom for den øverste enhed (kommunen).",
        "1000",
    ),
    Column("navn", True, "text", "Enhedens navn, som medarbejderne kender det.", "Børnehuset Solsikken"),
    Column("P-nummer", False, "text", "Produktionsenhedsnummer fra CVR, 10 cifre.", "1012345678"),
    Column("omkostningssted", False, "text", "Omkostningssted i økonomisystemet.", "4711"),
    Column("gyldig fra", False, "date", "Første dag, enheden findes.", "01-01-2020"),
    Column("gyldig til", False, "date", "Sidste dag, enheden findes. Tom, hvis den ikke er nedlagt.", ""),
)
EMPLOYMENT_COLUMNS = (
    Column("ansættelsesnummer", True, "text", "Ansættelsens nummer i lønsystemet (tjenestenummer). Unikt.", "31207"),
    Column(
        "CPR",
        False,
        "text",
        "CPR-nummer, ddmmåå-xxxx. Kan udelades; så kan Rummelig ikke samle en persons ansættelser.",
        "010190-1234",
    ),
    Column("fornavn", False, "text", "Fornavn(e). Fornavn eller efternavn skal udfyldes.", "Søren"),
    Column("efternavn", False, "text", "Efternavn.", "Ærø-Østergård"),
    Column(
        "enheds-id",
        True,
        "text",
        "Enheden, personen er ansat i (enheds-id fra arket 'Enheder' eller fra Rummelig).",
        "1200",
    ),
    Column("stilling", False, "text", "Stillingsbetegnelse.", "Pædagogmedhjælper"),
    Column(
        "ansættelseskode",
        False,
        "text",
        "Kode for ansættelsesformen i lønsystemet, fx for fleksjob eller løntilskud.",
        "FLEKS",
    ),
    Column("startdato", True, "date", "Første dag i ansættelsen.", "01-03-2024"),
    Column("slutdato", False, "date", "Sidste dag i ansættelsen. Tom, hvis ansættelsen ikke er slut.", ""),
    Column(
        "brøk/FTE",
        False,
        "decimal",
        "Andel af fuld tid: 0,8 eller 80 %. Tom: beregnes af ugentlige timer; er begge tomme, regnes med fuld tid.",
        "0,5",
    ),
    Column("ugentlige timer", False, "decimal", "Timer om ugen (fuld tid er 37). Tom: beregnes af brøken.", "18,5"),
    Column(
        "Brugernavn",
        False,
        "text",
        "Personens brugernavn til kommunens login (fx AD-brugernavnet). Kobler login og leder-rolle til personen.",
        "soeoe",
    ),
    Column("leder", False, "text", "ja, hvis personen er leder af enheden (giver leder-rollen i Rummelig); ellers tom.", ""),
)
SHEETS = {SHEET_UNITS: UNIT_COLUMNS, SHEET_EMPLOYMENTS: EMPLOYMENT_COLUMNS}
UNIT_FIELDS = records.UnitFields(p_number="P-nummer", cost_centre="omkostningssted")


def parse_spreadsheet(source: Source, *, name: str | None = None) -> ParsedFile:
    """Read a whole template workbook (or one CSV sheet) into lists."""
    name = source_name(source, name)
    problems = Problems(name)
    return collect(iter_spreadsheet(source, problems, name=name), problems)


def iter_spreadsheet(source: Source, problems: Problems, *, name: str | None = None) -> Iterator[Record]:
    """Yield UnitRecords (sheet "Enheder") then EmploymentRecords (sheet "Ansættelser")."""
    name = source_name(source, name)
    problems.file = problems.file or name
    check_size(source, name)
    with open_binary(source, name) as stream:
        if read_head(stream, 4) == b"PK\x03\x04":
            yield from _iter_xlsx(stream, name, problems)
        else:
            yield from _iter_csv(stream, name, problems)


@contextmanager
def open_workbook(stream: BinaryIO, name: str):
    """Open an uploaded workbook read-only after the zip check; yield it with {normalised title: sheet name}."""
    from openpyxl import load_workbook

    _check_zip(stream, name)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError):
        # The library's own text is English and names the server's temporary file: never show it.
        raise file_error(name, UNREADABLE_XLSX) from None
    try:
        yield workbook, {_key(sheet): sheet for sheet in workbook.sheetnames}
    finally:
        workbook.close()


def sheet_values(workbook, sheet_name: str, title: str, name: str) -> Iterator[tuple]:
    """Yield a sheet's rows as values; a sheet is read lazily, and broken XML in it is a Danish file error."""
    sheet = workbook[sheet_name]
    sheet.reset_dimensions()  # some programs write a wrong used range; read every row
    try:
        yield from sheet.iter_rows(values_only=True)
    except (zipfile.BadZipFile, SyntaxError):
        raise file_error(name, UNREADABLE_XLSX, f"Arket '{title}'") from None


def _iter_xlsx(stream: BinaryIO, name: str, problems: Problems) -> Iterator[Record]:
    with open_workbook(stream, name) as (workbook, by_key):
        found = [(title, by_key[_key(title)]) for title in SHEETS if _key(title) in by_key]
        if not found:
            raise file_error(name, "Regnearket skal have et ark, der hedder 'Enheder' eller 'Ansættelser'.")
        for title, sheet_name in found:
            yield from _iter_sheet(title, sheet_values(workbook, sheet_name, title, name), name, problems)


def _check_zip(stream: BinaryIO, name: str) -> None:
    """Refuse a zip that is not a workbook or unpacks to more than MAX_UNPACKED_BYTES."""
    here = stream.tell()
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked <= MAX_UNPACKED_BYTES:
                _refuse_doctype(archive, name)
    except zipfile.BadZipFile:
        raise file_error(name, "Filen er ikke et gyldigt Excel-regneark (XLSX); den er måske beskadiget.") from None
    finally:
        stream.seek(here)
    if unpacked > MAX_UNPACKED_BYTES:
        raise file_error(name, "Regnearket er for stort, når det pakkes ud, og indlæses ikke.")


UNREADABLE_XLSX = (
    "Filen kan ikke åbnes som et Excel-regneark (XLSX); den er måske beskadiget eller gemt i et andet format. "
    "Åbn den i Excel, og gem den igen som Excel-projektmappe (.xlsx)."
)
XLSX_DOCTYPE = (
    "Regnearket indeholder en DOCTYPE-erklæring (i delen %s) og afvises af sikkerhedshensyn: en DOCTYPE kan "
    "definere entiteter, der henter andre filer eller fylder hukommelsen op. Regneark gemt af Excel eller "
    "LibreOffice har ingen; åbn filen i Excel, og gem den igen som .xlsx."
)
_DOCTYPE = re.compile(r"<!doctype", re.IGNORECASE)


def _refuse_doctype(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a workbook whose XML parts declare a DOCTYPE, before any XML library reads them.

    In XML a literal "<!DOCTYPE" can only be markup (text escapes "<"), so searching the start of
    each part is enough; the part is named, the server's path never.
    """
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(info) as part:
            head = part.read(PROLOG_BYTES)
        if _DOCTYPE.search(decode_head(head)):
            raise file_error(name, XLSX_DOCTYPE % info.filename)


def _iter_csv(stream: BinaryIO, name: str, problems: Problems) -> Iterator[Record]:
    table = CsvTable(stream, name)
    keys = {_key(column) for column in table.header}
    if _key("ansættelsesnummer") in keys:
        title = SHEET_EMPLOYMENTS
    elif {_key("enheds-id"), _key("navn")} <= keys:
        title = SHEET_UNITS
    else:
        raise file_error(
            name,
            "Filen ligner hverken arket 'Enheder' eller 'Ansættelser': første linje skal være "
            "kolonneoverskrifterne fra skabelonen (fx enheds-id;overordnet enhed;navn;…).",
            "linje 1",
        )
    rows = ((line, [values[column] for column in table.header]) for line, values, _ in table.rows())
    yield from _iter_sheet(title, rows, name, problems, header=table.header)


def _iter_sheet(
    title: str, rows: Iterable, name: str, problems: Problems, header: list | None = None
) -> Iterator[Record]:
    """Read one sheet: rows are value tuples (XLSX, header first) or (line, values) pairs (CSV)."""
    columns = SHEETS[title]
    numbered = _numbered(rows, header)
    if header is None:
        first = next(numbered, None)
        header = list(first[1]) if first else []
    positions = _positions(header, columns)
    missing = [column.header for column in columns if column.required and column.header not in positions]
    if missing:
        raise file_error(
            name,
            "Disse kolonner mangler i overskriften: " + ", ".join(f"'{header}'" for header in missing) + ".",
            f"Arket '{title}', række 1",
        )
    build = _unit if title == SHEET_UNITS else _employment
    seen: dict[str, int] = {}
    for number, values in numbered:
        if all(value is None or str(value).strip() == "" for value in values):
            continue
        row = _Row(title, number, {column: values[i] if i < len(values) else None for column, i in positions.items()})
        record = build(row, problems, seen)
        if record is not None:
            yield record


def _numbered(rows: Iterable, header: list | None) -> Iterator[tuple[int, tuple]]:
    if header is not None:  # CSV: already (line, values)
        yield from rows
        return
    for number, values in enumerate(rows, start=1):
        yield number, tuple(values)


def _positions(header: list, columns: tuple[Column, ...]) -> dict[str, int]:
    wanted = {_key(column.header): column.header for column in columns}
    positions = {}
    for i, cell in enumerate(header):
        column = wanted.get(_key(str(cell or "")))
        if column and column not in positions:
            positions[column] = i
    return positions


def _key(text: str) -> str:
    return "".join(str(text).split()).casefold()


class _Row:
    LINE = "række"

    def __init__(self, sheet: str, number: int, values: dict):
        self.sheet, self.number, self.values = sheet, number, values

    @property
    def line(self) -> int:
        return self.number

    def where(self, column: str | None = None) -> str:
        return f"Arket '{self.sheet}', række {self.number}" + (f", kolonne '{column}'" if column else "")

    def missing(self, column: str) -> str:
        return f"Kolonnen '{column}' skal udfyldes"

    def raw(self, column: str):
        return self.values.get(column)

    def text(self, column: str) -> str:
        value = self.values.get(column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, (datetime, date)):
            return f"{value:%d-%m-%Y}"
        return str(value).strip()


def _unit(row: _Row, problems: Problems, seen: dict[str, int]) -> UnitRecord | None:
    before = problems.total
    unit_id = required_id(row.text("enheds-id"), problems, row, "enheds-id", seen, id_name="enheds-id")
    name = required(row.text("navn"), problems, row, "navn")
    parent = row.text("overordnet enhed") or None
    not_own_parent(parent, unit_id, problems, row, "overordnet enhed")
    valid_from, valid_to = _date(row, "gyldig fra", problems), _date(row, "gyldig til", problems)
    end_not_before_start(valid_from, valid_to, problems, row, "gyldig til", ("'gyldig til'", "'gyldig fra'"))
    return records.unit_record(problems, before, row, UNIT_FIELDS, unit_id, name, parent, (valid_from, valid_to))


def _employment(row: _Row, problems: Problems, seen: dict[str, int]) -> EmploymentRecord | None:
    before = problems.total
    employment_id = required_id(row.text("ansættelsesnummer"), problems, row, "ansættelsesnummer", seen,
                                id_name="ansættelsesnummer")  # fmt: skip
    cpr = _cpr(row, problems)
    first_name, last_name = row.text("fornavn"), row.text("efternavn")
    required(first_name or last_name, problems, row, "efternavn", "Udfyld fornavn eller efternavn.")
    unit_id = required(row.text("enheds-id"), problems, row, "enheds-id")
    start = _date(row, "startdato", problems) if required(row.text("startdato"), problems, row, "startdato") else None
    end = _date(row, "slutdato", problems)
    end_not_before_start(start, end, problems, row, "slutdato")
    fte, hours = _fte_and_hours(row, problems)
    is_manager = check_flag(row.text("leder"), problems, row, "leder")
    return records.unless_problems(
        problems, before, EmploymentRecord,
        source_id=employment_id,
        cpr=cpr,
        first_name=first_name,
        last_name=last_name,
        unit_source_id=unit_id,
        job_title=row.text("stilling"),
        contract_code=row.text("ansættelseskode"),
        start=start,
        end=end,
        fte=fte,
        weekly_hours=hours,
        is_manager=is_manager,
        account_name=row.text("Brugernavn"),
        location=row.where(),
    )


def _cpr(row: _Row, problems: Problems) -> str:
    value = row.raw("CPR")
    if value is None or str(value).strip() == "":
        return ""
    text = row.text("CPR")
    if isinstance(value, (int, float)) and len(text) == 9:
        text = "0" + text  # Excel dropped the leading zero of a number typed without a dash
    return check_cpr(text, problems, row, "CPR", required=False)


def _date(row: _Row, column: str, problems: Problems) -> date | None:
    """Return a date cell (Excel's own, or text in the template's form), None if empty; report a bad one."""
    value = row.raw(column)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return check_date(row.text(column), problems, row, column, SHEET_DATE)


def _number(row: _Row, column: str, problems: Problems) -> Decimal | None:
    value = row.raw(column)
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    text = row.text(column)
    if not text:
        return None
    percent = text.endswith("%")
    try:
        number = parse_decimal(text.rstrip("%"))
    except ValueError:
        problems.add(row.where(column), f"'{text}' er ikke et tal.")
        return None
    return number / 100 if percent else number


def _fte_and_hours(row: _Row, problems: Problems) -> tuple[Decimal, Decimal | None]:
    """Return (FTE, weekly hours): each from the other when one is empty; full time when both are."""
    before = problems.total
    fte = _number(row, "brøk/FTE", problems)
    hours = _number(row, "ugentlige timer", problems)
    if problems.total > before:
        return Decimal(0), None
    if fte is not None and not 0 <= fte <= 1:
        problems.add(
            row.where("brøk/FTE"),
            f"Brøken {format_decimal(fte)} skal ligge mellem 0 og 1 (fx 0,8) eller skrives som procent (80 %).",
        )
        return Decimal(0), None
    if hours is not None and not 0 <= hours <= MAX_WEEKLY_HOURS:
        problems.add(
            row.where("ugentlige timer"),
            f"{format_decimal(hours)} timer om ugen skal ligge mellem 0 og {MAX_WEEKLY_HOURS}.",
        )
        return Decimal(0), None
    if fte is None and hours is None:
        return Decimal(1).quantize(Decimal("0.0001")), hours_from_fte(Decimal(1))
    if fte is None:
        if hours > FULL_TIME_HOURS:
            problems.add(
                row.where("ugentlige timer"),
                f"{format_decimal(hours)} timer er mere end fuld tid (37); udfyld også 'brøk/FTE'.",
            )
            return Decimal(0), None
        return quantize_fte(hours / FULL_TIME_HOURS), hours.quantize(Decimal("0.01"))
    if hours is None:
        return quantize_fte(fte), hours_from_fte(fte)
    return quantize_fte(fte), hours.quantize(Decimal("0.01"))


def write_template(path_or_stream) -> None:
    """Write the blank template workbook (Enheder, Ansættelser, Vejledning) to a path or binary stream."""
    from rummelig.core.spreadsheets import write_blank_template

    write_blank_template(path_or_stream, SHEETS, _GUIDE_NOTES, SHEET_GUIDE)


_GUIDE_NOTES = (
    "Række 1 i hvert ark er overskrifter; lad dem stå. Ekstra kolonner må gerne tilføjes; de ignoreres.",
    "Datoer skrives som dd-mm-åååå (fx 01-03-2024) eller som Excel-datoer.",
    "Rummelig indlæser intet, hvis filen har fejl; alle fejl vises med ark, række og kolonne, "
    "så de kan rettes på én gang.",
    "Filen kan også gemmes som to CSV-filer (én pr. ark, semikolonsepareret, UTF-8).",
)
