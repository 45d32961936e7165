"""SD Løn (Silkeborg Data): departments and employments, as CSV or as SD's own XML.

SD publishes no file format for a full dump, so Rummelig defines one, using SD's element names
so that an export from SD's web services, SD's data warehouse or a municipality's own SD mirror
maps one-to-one. Two files, each recognised by its header row or root element:

CSV (separator `;`, UTF-8 with or without BOM, or Windows-1252 as Excel on Danish Windows writes;
dates YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY; 9999-12-31 or empty = no end; decimals with `,` or `.`):

    DepartmentIdentifier;DepartmentUUIDIdentifier;DepartmentName;DepartmentLevelIdentifier;
    ParentDepartmentIdentifier;ProductionUnitIdentifier;CostCentre;ActivationDate;DeactivationDate

    PersonCivilRegistrationIdentifier;PersonGivenName;PersonSurnameName;EmploymentIdentifier;
    EmploymentDate;ActivationDate;DeactivationDate;EmploymentStatusCode;JobPositionIdentifier;
    EmploymentName;OccupationRate;DepartmentIdentifier

  All columns must be in the header (in any order, extra columns are ignored); values may be empty
  where not required. One employment row = the employment's *current* status period:
  ActivationDate/DeactivationDate are the dates of that status.

XML, shaped like SD's web-service responses (no DOCTYPE; namespaces ignored):
  - `<GetDepartment20111201>` with `<Department>` elements: DepartmentIdentifier,
    DepartmentUUIDIdentifier, DepartmentName, DepartmentLevelIdentifier, ActivationDate,
    DeactivationDate, ProductionUnitIdentifier, and — not in SD's response, which has no parent —
    `<ParentDepartmentIdentifier>` or `<DepartmentReference><DepartmentIdentifier>`, and `<CostCentre>`.
  - `<GetEmployment20111201>` (also …Changed…) with `<Person>`: PersonCivilRegistrationIdentifier,
    PersonGivenName and PersonSurnameName (as in GetPerson20111201; SD's GetEmployment lacks
    them), and `<Employment>`: EmploymentIdentifier, EmploymentDate, and periods
    `<EmploymentStatus>` (EmploymentStatusCode), `<Profession>` (JobPositionIdentifier,
    EmploymentName), `<WorkingTime>` (OccupationRate), `<EmploymentDepartment>`
    (DepartmentIdentifier), each with ActivationDate/DeactivationDate. The period valid on
    `as_of` (default today) is used, else the latest before it, else the first.

Status codes: 0 ansat uden løn, 1 ansat i løn, 3 midlertidigt ude af løn (still employed),
4 konflikt/orlov (still employed), 7 emigreret/død, 8 fratrådt, 9 pensioneret (7–9 = ended: the
employment's last day is the day before that status begins), S slettet (= cancelled).
FTE is OccupationRate (a fraction, e.g. 0,8108); weekly hours = 37 × FTE.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .common import Source, check_size, open_binary, read_head, source_name
from .csvtable import CsvTable
from .fields import (
    SD_DATE,
    check_cpr,
    check_date,
    check_p_number,
    end_not_before_start,
    first_time,
    open_end,
    parse_decimal,
    quantize_fte,
    required,
)
from .records import EmploymentRecord, ParsedFile, Problems, Record, UnitRecord, collect, file_error
from .safexml import children, iter_records, localname

DEPARTMENT_COLUMNS = (
    "DepartmentIdentifier",
    "DepartmentUUIDIdentifier",
    "DepartmentName",
    "DepartmentLevelIdentifier",
    "ParentDepartmentIdentifier",
    "ProductionUnitIdentifier",
    "CostCentre",
    "ActivationDate",
    "DeactivationDate",
)
EMPLOYMENT_COLUMNS = (
    "PersonCivilRegistrationIdentifier",
    "PersonGivenName",
    "PersonSurnameName",
    "EmploymentIdentifier",
    "EmploymentDate",
    "ActivationDate",
    "DeactivationDate",
    "EmploymentStatusCode",
    "JobPositionIdentifier",
    "EmploymentName",
    "OccupationRate",
    "DepartmentIdentifier",
)
STATUS_TEXT = {
    "0": "ansat uden løn",
    "1": "ansat i løn",
    "3": "midlertidigt ude af løn",
    "4": "konflikt/orlov",
    "7": "emigreret eller død",
    "8": "fratrådt",
    "9": "pensioneret",
    "S": "slettet",
}
ACTIVE_STATUSES = frozenset({"0", "1", "3", "4"})
ENDED_STATUSES = frozenset({"7", "8", "9"})
DELETED_STATUS = "S"


def parse_sd(source: Source, *, name: str | None = None, as_of: date | None = None) -> ParsedFile:
    """Read a whole SD file (departments or employments, CSV or XML) into lists."""
    name = source_name(source, name)
    problems = Problems(name)
    return collect(iter_sd(source, problems, name=name, as_of=as_of), problems)


def iter_sd(
    source: Source, problems: Problems, *, name: str | None = None, as_of: date | None = None
) -> Iterator[Record]:
    """Yield UnitRecord or EmploymentRecord from an SD file; row problems go to `problems`."""
    name = source_name(source, name)
    problems.file = problems.file or name
    as_of = as_of or date.today()
    check_size(source, name)
    with open_binary(source, name) as stream:
        if _looks_like_xml(read_head(stream, 4096)):
            yield from _iter_xml(stream, name, problems, as_of)
        else:
            yield from _iter_csv(stream, name, problems)


def _looks_like_xml(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"<") or head.startswith((b"\xff\xfe", b"\xfe\xff"))


# CSV -----------------------------------------------------------------------------------------


def _iter_csv(stream, name: str, problems: Problems) -> Iterator[Record]:
    table = CsvTable(stream, name)
    table.rename(DEPARTMENT_COLUMNS + EMPLOYMENT_COLUMNS)
    if "EmploymentIdentifier" in table.header:
        columns, build = EMPLOYMENT_COLUMNS, _employment_row
    elif "DepartmentName" in table.header:
        columns, build = DEPARTMENT_COLUMNS, _department_row
    else:
        raise file_error(
            name,
            "Filen ligner hverken SD-afdelinger eller SD-ansættelser: første linje skal være "
            "kolonneoverskrifterne (fx DepartmentIdentifier;DepartmentName;… eller "
            "PersonCivilRegistrationIdentifier;…;EmploymentIdentifier;…).",
            "linje 1",
        )
    missing = table.missing(columns)
    if missing:
        raise file_error(name, "Disse kolonner mangler i overskriften: " + ", ".join(missing) + ".", "linje 1")
    seen: dict[str, int] = {}
    for line, values, cells in table.rows():
        row = _Row(line, values)
        if cells != len(table.header):
            problems.add(f"linje {line}", f"Linjen har {cells} felter, men overskriften har {len(table.header)}.")
            continue
        record = build(row, problems, seen)
        if record is not None:
            yield record


class _Row:
    """One CSV row: values by column and locations like "linje 12, kolonne EmploymentDate"."""

    LINE = "linje"

    def __init__(self, line: int, values: dict[str, str]):
        self.line, self.values = line, values

    def text(self, column: str) -> str:
        return self.values.get(column, "")

    def where(self, column: str | None = None) -> str:
        return f"linje {self.line}" + (f", kolonne {column}" if column else "")

    def missing(self, column: str) -> str:
        return f"Kolonnen {column} skal udfyldes"


def _department_row(row: _Row, problems: Problems, seen: dict[str, int]) -> UnitRecord | None:
    before = problems.total
    department_id = required(row.text("DepartmentIdentifier"), problems, row, "DepartmentIdentifier")
    if department_id:
        first_time(seen, department_id, problems, row, "DepartmentIdentifier", what="Afdelingen")
    name = required(row.text("DepartmentName"), problems, row, "DepartmentName")
    parent = row.text("ParentDepartmentIdentifier") or None
    return _department(row, department_id, name, parent, problems, before)


def _department(source, department_id: str, name: str, parent: str | None, problems: Problems, before: int):
    """Finish a department read from a CSV row or an XML node: dates, parent, P-number, the record."""
    valid_from = _date(source, "ActivationDate", problems)
    valid_to = open_end(_date(source, "DeactivationDate", problems))
    end_not_before_start(valid_from, valid_to, problems, source, "DeactivationDate")
    if parent and parent == department_id:
        problems.add(source.where("ParentDepartmentIdentifier"), "Afdelingen står som sin egen overordnede afdeling.")
    p_number = check_p_number(source.text("ProductionUnitIdentifier"), problems, source, "ProductionUnitIdentifier")
    if problems.total > before:
        return None
    return UnitRecord(
        source_id=department_id,
        parent_source_id=parent,
        name=name,
        p_number=p_number,
        cost_centre=source.text("CostCentre"),
        valid_from=valid_from,
        valid_to=valid_to,
        kind_hint=source.text("DepartmentLevelIdentifier"),
        location=source.where(),
    )


def _employment_row(row: _Row, problems: Problems, seen: dict[str, int]) -> EmploymentRecord | None:
    before = problems.total
    employment_id = required(row.text("EmploymentIdentifier"), problems, row, "EmploymentIdentifier")
    if employment_id:
        first_time(seen, employment_id, problems, row, "EmploymentIdentifier", what="Ansættelsen")
    cpr = check_cpr(row.text("PersonCivilRegistrationIdentifier"), problems, row, "PersonCivilRegistrationIdentifier",
                    required=True)  # fmt: skip
    first_name, last_name = row.text("PersonGivenName"), row.text("PersonSurnameName")
    required(first_name or last_name, problems, row, "PersonSurnameName",
             "Personen har intet navn: PersonGivenName og PersonSurnameName er tomme.")  # fmt: skip
    status = _status(row.text("EmploymentStatusCode"), row.where("EmploymentStatusCode"), problems)
    cancelled = status == DELETED_STATUS
    activation = _date(row, "ActivationDate", problems)
    deactivation = open_end(_date(row, "DeactivationDate", problems))
    start = _date(row, "EmploymentDate", problems) if row.text("EmploymentDate") else activation
    if not (row.text("EmploymentDate") or row.text("ActivationDate")):
        problems.add(
            row.where("EmploymentDate"), "Ansættelsesdatoen mangler: udfyld EmploymentDate (eller ActivationDate)."
        )
    end = None
    if status in ENDED_STATUSES:
        if activation is None:
            if not row.text("ActivationDate"):
                problems.add(
                    row.where("ActivationDate"),
                    f"ActivationDate skal angive, hvornår status {status} ({STATUS_TEXT[status]}) begyndte.",
                )
        else:
            end = activation - timedelta(days=1)
    elif not cancelled:
        end = deactivation
    end_column = "DeactivationDate" if status not in ENDED_STATUSES else "ActivationDate"
    end_not_before_start(start, end, problems, row, end_column)
    unit_id = row.text("DepartmentIdentifier")
    if not cancelled:
        required(unit_id, problems, row, "DepartmentIdentifier",
                 "Afdelingen mangler; ansættelsen skal høre til en afdeling.")  # fmt: skip
    fte = _fte(row.text("OccupationRate"), row.where("OccupationRate"), problems, cancelled)
    if problems.total > before:
        return None
    return EmploymentRecord(
        source_id=employment_id,
        cpr=cpr,
        first_name=first_name,
        last_name=last_name,
        unit_source_id=unit_id,
        job_title=row.text("EmploymentName"),
        contract_code=row.text("JobPositionIdentifier"),
        contract_text=row.text("EmploymentName"),
        status_code=status,
        start=start,
        end=end,
        fte=fte,
        cancelled=cancelled,
        location=row.where(),
    )


def _date(place, name: str, problems: Problems) -> date | None:
    """Return a date written in one of SD's forms (CSV and XML alike), None if empty; report a bad value."""
    return check_date(place.text(name), problems, place, name, SD_DATE)


# XML -----------------------------------------------------------------------------------------


def _iter_xml(stream, name: str, problems: Problems, as_of: date) -> Iterator[Record]:
    seen: dict[str, int] = {}
    roots = ("GetEmployment*", "GetDepartment*")
    kind = "et SD Løn-udtræk (GetEmployment20111201 eller GetDepartment20111201)"
    for element in iter_records(stream, name, roots, kind, ("Department", "Person")):
        tag = localname(element)
        if tag == "Department":
            record = _department_element(element, problems, seen)
            if record is not None:
                yield record
        elif tag == "Person":
            yield from _person_element(element, problems, seen, as_of)


class _Node:
    """An XML element's direct children as text, with locations like '<Department> linje 9, felt <X>'."""

    LINE = "linje"

    def __init__(self, element, label: str):
        self.element, self.label, self.line = element, label, element.sourceline
        self.values: dict[str, tuple[str, int]] = {}
        for child in children(element):
            self.values.setdefault(localname(child), ((child.text or "").strip(), child.sourceline))

    def text(self, name: str) -> str:
        return self.values.get(name, ("", 0))[0]

    def where(self, name: str | None = None, path: str = "") -> str:
        if name is None:
            return f"{self.label} linje {self.line}"
        line = self.values[name][1] if name in self.values else self.line
        return f"{self.label} linje {line}, felt {path}<{name}>"

    def missing(self, name: str) -> str:
        return f"Feltet <{name}> mangler eller er tomt"


def _department_element(element, problems: Problems, seen: dict[str, int]) -> UnitRecord | None:
    node = _Node(element, "<Department>")
    department_id = node.text("DepartmentIdentifier")
    if department_id:
        node.label = f"<Department> {department_id}"
    before = problems.total
    if required(department_id, problems, node, "DepartmentIdentifier"):
        first_time(seen, department_id, problems, node, what="Afdelingen")
    name = required(node.text("DepartmentName"), problems, node, "DepartmentName")
    parent = node.text("ParentDepartmentIdentifier") or _reference_parent(element) or None
    return _department(node, department_id, name, parent, problems, before)


def _reference_parent(element) -> str:
    for child in children(element):
        if localname(child) == "DepartmentReference":
            for grandchild in children(child):
                if localname(grandchild) == "DepartmentIdentifier":
                    return (grandchild.text or "").strip()
    return ""


@dataclass(frozen=True)
class _Period:
    start: date
    end: date | None
    node: "_PeriodNode"


def _person_element(element, problems: Problems, seen: dict[str, int], as_of: date) -> Iterator[EmploymentRecord]:
    person = _Node(element, "<Person>")
    employments = [child for child in children(element) if localname(child) == "Employment"]
    if not employments:
        return
    before = problems.total
    cpr = check_cpr(person.text("PersonCivilRegistrationIdentifier"), problems, person,
                    "PersonCivilRegistrationIdentifier", required=True)  # fmt: skip
    first_name, last_name = person.text("PersonGivenName"), person.text("PersonSurnameName")
    required(first_name or last_name, problems, person, "PersonSurnameName",
             "Personen har intet navn: <PersonGivenName> og <PersonSurnameName> mangler.")  # fmt: skip
    person_ok = problems.total == before
    for employment in employments:
        record = _employment_element(employment, problems, seen, as_of, cpr, first_name, last_name)
        if record is not None and person_ok:
            yield record


def _employment_element(element, problems, seen, as_of, cpr, first_name, last_name) -> EmploymentRecord | None:
    node = _Node(element, "<Employment>")
    employment_id = node.text("EmploymentIdentifier")
    before = problems.total
    if not required(employment_id, problems, node, "EmploymentIdentifier"):
        return None
    node.label = f"<Employment> {employment_id}"
    first_time(seen, employment_id, problems, node, what="Ansættelsen")
    statuses = _periods(element, "EmploymentStatus", node.label, problems)
    professions = _periods(element, "Profession", node.label, problems)
    departments = _periods(element, "EmploymentDepartment", node.label, problems)
    working_times = _periods(element, "WorkingTime", node.label, problems)
    if problems.total > before:
        return None
    if not statuses:
        problems.add(node.where("EmploymentStatus"), "Ansættelsen har ingen <EmploymentStatus>.")
        return None
    codes = []
    for period in statuses:
        code = _status(period.node.text("EmploymentStatusCode"), period.node.where("EmploymentStatusCode"), problems)
        codes.append(code)
    if problems.total > before:
        return None
    current = _pick(statuses, as_of)
    status = current.node.text("EmploymentStatusCode")
    cancelled = codes[-1] == DELETED_STATUS
    start = _date(node, "EmploymentDate", problems) or statuses[0].start
    end = _end_from_statuses(statuses, codes)
    end_not_before_start(start, end, problems, node, "EmploymentStatus")
    unit_id = fte = job = code = None
    if departments:
        department = _pick(departments, as_of).node
        unit_id = department.text("DepartmentIdentifier")
    if not unit_id and not cancelled:
        problems.add(
            node.where("EmploymentDepartment"),
            "Ansættelsen har ingen afdeling (<EmploymentDepartment>/<DepartmentIdentifier>).",
        )
    if professions:
        profession = _pick(professions, as_of).node
        job, code = profession.text("EmploymentName"), profession.text("JobPositionIdentifier")
    if working_times:
        working_time = _pick(working_times, as_of).node
        fte = _fte(
            working_time.text("OccupationRate"),
            working_time.where("OccupationRate", "<WorkingTime>/"),
            problems,
            cancelled,
        )
    elif cancelled:
        fte = quantize_fte(Decimal(0))
    else:
        problems.add(
            node.where("WorkingTime"),
            "Ansættelsen har ingen <WorkingTime>/<OccupationRate>, så beskæftigelsesbrøken kendes ikke.",
        )
    if problems.total > before:
        return None
    return EmploymentRecord(
        source_id=employment_id,
        cpr=cpr,
        first_name=first_name,
        last_name=last_name,
        unit_source_id=unit_id or "",
        job_title=job or "",
        contract_code=code or "",
        contract_text=job or "",
        status_code=status,
        start=start,
        end=end,
        fte=fte,
        cancelled=cancelled,
        location=node.where(),
    )


def _periods(element, tag: str, label: str, problems: Problems) -> list[_Period]:
    """Return the `tag` periods of an employment, sorted by ActivationDate."""
    periods = []
    for child in children(element):
        if localname(child) != tag:
            continue
        node = _PeriodNode(_Node(child, label), tag)
        start = _date(node, "ActivationDate", problems)
        end = open_end(_date(node, "DeactivationDate", problems))
        if start is None:
            if node.text("ActivationDate") == "":
                problems.add(node.where("ActivationDate"), f"<{tag}> mangler <ActivationDate>.")
            continue
        periods.append(_Period(start, end, node))
    return sorted(periods, key=lambda period: period.start)


class _PeriodNode:
    """A period's node whose locations name the period element ('felt <WorkingTime>/<X>')."""

    LINE = "linje"

    def __init__(self, node: _Node, tag: str):
        self._node, self._tag = node, tag
        self.line = node.line

    def text(self, name: str) -> str:
        return self._node.text(name)

    def where(self, name: str | None = None, path: str = "") -> str:
        return self._node.where(name, path or f"<{self._tag}>/")

    def missing(self, name: str) -> str:
        return self._node.missing(name)


def _pick(periods: list[_Period], as_of: date) -> _Period:
    """Return the period valid on `as_of`, else the latest that began before it, else the first."""
    chosen = periods[0]
    for period in periods:
        if period.start <= as_of:
            chosen = period
    return chosen


def _end_from_statuses(statuses: list[_Period], codes: list[str]) -> date | None:
    """Return the last day of employment from the status periods (see the module docstring)."""
    active = [i for i, code in enumerate(codes) if code in ACTIVE_STATUSES]
    after = active[-1] + 1 if active else 0
    for period, code in zip(statuses[after:], codes[after:], strict=True):
        if code in ENDED_STATUSES:
            return period.start - timedelta(days=1)
    if active:
        return statuses[active[-1]].end
    return None


# Shared --------------------------------------------------------------------------------------


def _status(value: str, where: str, problems: Problems) -> str:
    code = value.strip().upper()
    if code not in STATUS_TEXT:
        shown = f"'{value}'" if value else "tom"
        problems.add(where, f"Statuskoden er {shown}; SD's statuskoder er 0, 1, 3, 4, 7, 8, 9 og S.")
    return code


def _fte(value: str, where: str, problems: Problems, cancelled: bool) -> Decimal:
    """Return OccupationRate as an FTE fraction (0..1); a cancelled employment may lack it."""
    if not value and cancelled:
        return quantize_fte(Decimal(0))
    try:
        fte = parse_decimal(value)
    except ValueError:
        problems.add(where, f"Beskæftigelsesbrøken '{value}' er ikke et tal (skriv fx 0,8108).")
        return Decimal(0)
    if not 0 <= fte <= 1:
        problems.add(where, f"Beskæftigelsesbrøken '{value}' skal ligge mellem 0 og 1 (fx 0,8108 for 30 timer).")
        return Decimal(0)
    return quantize_fte(fte)
