"""The MED spreadsheet: an XLSX workbook with the sheets "Udvalg" and "Medlemmer" (and "Vejledning").

Row 1 of each sheet holds the Danish column headers below (case and spaces do not matter; extra
columns are ignored). It is read like the payroll template (imports/parsers/spreadsheet.py): the
size is checked, a zip bomb or a DOCTYPE is refused, dates are Excel dates or dd-mm-åååå, and every
problem names the sheet, row and column ("Arket 'Medlemmer', række 4, kolonne 'plads'").
`write_template` writes the blank workbook with the sheet "Vejledning" explaining every column.
"""

from collections.abc import Iterator
from typing import BinaryIO

from rummelig.imports.parsers.common import Source, check_size, open_binary, read_head, source_name
from rummelig.imports.parsers.fields import end_not_before_start, first_time, parse_flag, required
from rummelig.imports.parsers.records import Problems, file_error
from rummelig.imports.parsers.spreadsheet import Column, _date, _key, _positions, _Row, open_workbook, sheet_values

from .loading import CommitteeRow, MedSource, SeatRow, kind_from_word, seat_from_word

SHEET_COMMITTEES = "Udvalg"
SHEET_MEMBERS = "Medlemmer"
SHEET_GUIDE = "Vejledning"
MAX_BYTES = 20 * 1024 * 1024

COMMITTEE_COLUMNS = (
    Column("udvalgs-id", True, "text", "Udvalgets faste id. Bruges af 'overordnet udvalg' og af arket 'Medlemmer', "
           "og genkender udvalget, når filen indlæses igen.", "LMED-SOL"),
    Column("navn", True, "text", "Udvalgets navn.", "LokalMED Solsikken"),
    Column("type", True, "text", "hovedudvalg, område, lokal eller personalemøde (personalemøde med MED-status).", "lokal"),
    Column("overordnet udvalg", False, "text", "Udvalgs-id for udvalget lige over. Tom for hovedudvalget.", "OMED-BU"),
    Column("enheder", False, "text", "De enheder, udvalget dækker (med underenheder): enheds-id'er som i lønsystemet, "
           "adskilt af komma.", "W11, W12"),
)  # fmt: skip
MEMBER_COLUMNS = (
    Column("udvalgs-id", True, "text", "Udvalget (udvalgs-id fra arket 'Udvalg').", "LMED-SOL"),
    Column("brugernavn eller e-mail", True, "text", "Medlemmets brugernavn til kommunens login, eller e-mail. "
           "Findes ingen bruger, oprettes en uden adgangskode, så rollerne er der ved første login.", "trine"),
    Column("navn", False, "text", "Medlemmets navn (bruges, når brugeren oprettes).", "Trine Hansen"),
    Column("plads", True, "text", "formand, næstformand, leder, TR, AMR eller medarbejderrepræsentant.", "TR"),
    Column("faglig organisation", False, "text", "Den faglige organisation, medlemmet repræsenterer.", "BUPL"),
    Column("suppleant", False, "text", "ja, hvis medlemmet er suppleant; ellers nej eller tom.", "nej"),
    Column("periode fra", True, "date", "Første dag i valgperioden.", "01-01-2025"),
    Column("periode til", False, "date", "Sidste dag i valgperioden. Tom, hvis den ikke har en slutdato.", "31-12-2026"),
)  # fmt: skip
SHEETS = {SHEET_COMMITTEES: COMMITTEE_COLUMNS, SHEET_MEMBERS: MEMBER_COLUMNS}


def read_med_workbook(source: Source, *, name: str | None = None) -> MedSource:
    """Read the workbook into rows; row problems are collected, a file that cannot be read raises ImportFileError."""
    name = source_name(source, name)
    problems = Problems(name)
    result = MedSource(file=name)
    seen: dict[str, dict[str, int]] = {SHEET_COMMITTEES: {}, SHEET_MEMBERS: {}}
    check_size(source, name, MAX_BYTES)
    with open_binary(source, name, MAX_BYTES) as stream:
        if read_head(stream, 4) != b"PK\x03\x04":
            raise file_error(name, "Filen er ikke et Excel-regneark (XLSX). Brug skabelonen, og gem den som .xlsx.")
        for title, row in _rows(stream, name):
            if title == SHEET_COMMITTEES:
                committee = _committee(row, problems, seen[title])
                if committee:
                    result.committees.append(committee)
            else:
                seat = _seat(row, problems, seen[title])
                if seat:
                    result.seats.append(seat)
    result.problems = problems.as_list()
    result.notices = list(problems.notices)
    return result


def _rows(stream: BinaryIO, name: str) -> Iterator[tuple[str, _Row]]:
    with open_workbook(stream, name) as (workbook, by_key):
        missing = [title for title in SHEETS if _key(title) not in by_key]
        if missing:
            raise file_error(name, "Regnearket skal have arkene 'Udvalg' og 'Medlemmer' (brug skabelonen); "
                             f"det mangler {' og '.join(repr(title) for title in missing)}.")  # fmt: skip
        for title, columns in SHEETS.items():
            yield from _sheet_rows(title, columns, sheet_values(workbook, by_key[_key(title)], title, name), name)


def _sheet_rows(title: str, columns: tuple[Column, ...], rows, name: str) -> Iterator[tuple[str, _Row]]:
    header = None
    positions: dict[str, int] = {}
    for number, values in enumerate(rows, start=1):
        values = tuple(values)
        if header is None:
            header = values
            positions = _positions(list(header), columns)
            missing = [column.header for column in columns if column.required and column.header not in positions]
            if missing:
                raise file_error(name, "Disse kolonner mangler i overskriften: " + ", ".join(f"'{m}'" for m in missing) + ".",
                                 f"Arket '{title}', række 1")  # fmt: skip
            continue
        if all(value is None or str(value).strip() == "" for value in values):
            continue
        yield title, _Row(title, number, {column: values[i] if i < len(values) else None for column, i in positions.items()})
    if header is None:
        raise file_error(name, "Arket er tomt; række 1 skal være kolonneoverskrifterne fra skabelonen.", f"Arket '{title}'")


def _committee(row: _Row, problems: Problems, seen: dict[str, int]) -> CommitteeRow | None:
    before = problems.total
    key = required(row.text("udvalgs-id"), problems, row, "udvalgs-id")
    if key:
        first_time(seen, key, problems, row, "udvalgs-id", id_name="udvalgs-id")
    name = required(row.text("navn"), problems, row, "navn")
    word = required(row.text("type"), problems, row, "type")
    kind = kind_from_word(word) if word else None
    if word and kind is None:
        problems.add(row.where("type"), f"'{word}' er ikke en udvalgstype; skriv hovedudvalg, område, lokal eller personalemøde.")
    parent = row.text("overordnet udvalg")
    if parent and parent == key:
        problems.add(row.where("overordnet udvalg"), "Udvalget står som sit eget overordnede udvalg.")
    units = tuple(dict.fromkeys(part.strip() for part in row.text("enheder").replace(";", ",").split(",") if part.strip()))
    if problems.total > before:
        return None
    return CommitteeRow(key=key, name=name, kind=kind, parent_key=parent, unit_ids=units, place=row)


def _seat(row: _Row, problems: Problems, seen: dict[str, int]) -> SeatRow | None:
    before = problems.total
    committee = required(row.text("udvalgs-id"), problems, row, "udvalgs-id")
    login = required(row.text("brugernavn eller e-mail"), problems, row, "brugernavn eller e-mail")
    word = required(row.text("plads"), problems, row, "plads")
    seat = seat_from_word(word) if word else None
    if word and seat is None:
        problems.add(row.where("plads"), f"'{word}' er ikke en plads; skriv formand, næstformand, leder, TR, AMR "
                     "eller medarbejderrepræsentant.")  # fmt: skip
    try:
        substitute = parse_flag(row.text("suppleant"))
    except ValueError:
        substitute = False
        problems.add(row.where("suppleant"), f"'{row.text('suppleant')}' er hverken ja eller nej.")
    start = _date(row, "periode fra", problems) if required(row.text("periode fra"), problems, row, "periode fra") else None
    end = _date(row, "periode til", problems)
    end_not_before_start(start, end, problems, row, "periode til", ("Periodens slutning", "dens begyndelse"))
    if problems.total > before:
        return None
    key = f"{committee}|{login.casefold()}|{seat}|{start}"
    if not first_time(seen, key, problems, row, "brugernavn eller e-mail", what=f"Pladsen for {login}",
                      id_name="medlem"):  # fmt: skip
        return None
    email = login if "@" in login else ""
    return SeatRow(committee_key=committee, username="" if email else login, email=email, name=row.text("navn"),
                   seat=seat, union=row.text("faglig organisation"), substitute=substitute,
                   term_from=start, term_until=end, place=row)  # fmt: skip


def write_template(path_or_stream) -> None:
    """Write the blank MED workbook (Udvalg, Medlemmer, Vejledning) to a path or binary stream."""
    from rummelig.core.spreadsheets import write_blank_template

    write_blank_template(path_or_stream, SHEETS, GUIDE_NOTES, SHEET_GUIDE, (14, 24, 14, 90, 20))


GUIDE_NOTES = (
    "Række 1 i hvert ark er overskrifter; lad dem stå. Ekstra kolonner må gerne tilføjes; de ignoreres.",
    "Datoer skrives som dd-mm-åååå (fx 01-01-2025) eller som Excel-datoer.",
    "Filen beskriver hele MED-organisationen: en plads, der ikke længere står i filen, afsluttes dagen før "
    "indlæsningen; et udvalg, der ikke står i filen, nævnes men slettes ikke.",
    "Rummelig indlæser intet, hvis filen har fejl; alle fejl vises med ark, række og kolonne.",
)
