"""SD Løn (Silkeborg Data): SD's web-service answers read together, or Rummelig's SD CSV.

The XML answers (GetOrganization20111201, GetDepartment20111201, GetPerson20111201,
GetEmployment20111201 and its …Changed… variants) each hold part of the picture: names only in
GetPerson, the tree only in GetOrganization, a department once per validity period, an
employment's history in GetEmploymentChanged. They are gathered first and joined afterwards.
The semantics (status codes, ends, re-hires, SD's fictional persons) and their sources are in
FORMATS.md, section "SD Løn".

CSV (Rummelig's own, one file of departments or of employments, recognised by its header):

    DepartmentIdentifier;DepartmentUUIDIdentifier;DepartmentName;DepartmentLevelIdentifier;
    ParentDepartmentIdentifier;ProductionUnitIdentifier;CostCentre;ActivationDate;DeactivationDate

    PersonCivilRegistrationIdentifier;PersonGivenName;PersonSurnameName;EmploymentIdentifier;
    EmploymentDate;ActivationDate;DeactivationDate;EmploymentStatusCode;JobPositionIdentifier;
    EmploymentName;OccupationRate;DepartmentIdentifier
"""

import os
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from . import records
from .common import MAX_FILE_BYTES, Source, check_size, format_size, open_binary, read_head, source_name
from .csvtable import CsvTable
from .fields import (
    SD_DATE,
    check_cpr,
    check_date,
    end_not_before_start,
    first_time,
    fte_in_range,
    not_own_parent,
    open_end,
    parse_decimal,
    quantize_fte,
    required,
    required_id,
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
FICTIONAL_CPR_SUFFIX = "0000"  # SD's test persons; OS2mo skips them (sdlon/skip.py, skip_fictional_users)
# SD has no manager flag. OS2mo's SD importer makes a manager of each employment whose
# JobPositionIdentifier is one of these (sdlon/sd_importer.py: "These job functions will normally
# (but necessarily) correlate to a manager position"; levels 1040 Leder, 1035 Chef, 1030 Direktør).
MANAGER_POSITIONS = frozenset({"1030", "1035", "1040"})
UNIT_FIELDS = records.UnitFields(
    p_number="ProductionUnitIdentifier", cost_centre="CostCentre", kind_hint="DepartmentLevelIdentifier"
)
FICTIONAL_NOTICE = "SD's fiktive person (CPR-nummeret slutter på 0000) er sprunget over, som OS2mo gør."


def parse_sd(source: Source, *, name: str | None = None, as_of: date | None = None) -> ParsedFile:
    """Read a whole SD file (departments or employments, CSV or XML) into lists."""
    name = source_name(source, name)
    return parse_sd_files([(source, name)], as_of=as_of)


def parse_sd_files(sources: list[tuple[Source, str]], *, as_of: date | None = None) -> ParsedFile:
    """Read a set of SD files (SD's web-service answers and/or CSV) together into lists."""
    problems = Problems(sources[0][1] if sources else "")
    return collect(iter_sd_files(sources, problems, as_of=as_of), problems)


def iter_sd(
    source: Source, problems: Problems, *, name: str | None = None, as_of: date | None = None
) -> Iterator[Record]:
    """Yield UnitRecord or EmploymentRecord from an SD file; row problems go to `problems`."""
    yield from iter_sd_files([(source, source_name(source, name))], problems, as_of=as_of)


def iter_sd_files(
    sources: list[tuple[Source, str]], problems: Problems, *, as_of: date | None = None
) -> Iterator[Record]:
    """Yield the records of a set of SD files: CSV files one by one, XML answers joined.

    SD's answers complete each other (names from GetPerson, the tree from GetOrganization, the
    history from GetEmploymentChanged), so every XML answer is read before any of it is yielded.
    """
    as_of = as_of or date.today()
    answers = _Answers()
    with ExitStack() as stack:
        for source, name in _unzipped(sources, stack):
            problems.file = name
            check_size(source, name)
            with open_binary(source, name) as stream:
                if _looks_like_xml(read_head(stream, 4096)):
                    _read_answer(stream, name, problems, answers)
                else:
                    yield from _iter_csv(stream, name, problems)
    yield from _xml_records(answers, problems, as_of)


ZIP_MAGIC = b"PK\x03\x04"
MAX_ZIP_MEMBERS = 50


def _unzipped(sources: list[tuple[Source, str]], stack: ExitStack) -> list[tuple[Source, str]]:
    """Return the sources with each zip file replaced by its files (SD's answers sent as one zip).

    Each member is copied to a temporary file, capped at MAX_FILE_BYTES however its header lies.
    """
    files: list[tuple[Source, str]] = []
    for source, name in sources:
        check_size(source, name)
        with open_binary(source, name) as stream:
            if not read_head(stream, 4).startswith(ZIP_MAGIC):
                files.append((source, name))
                continue
            try:
                opened = source if isinstance(source, (str, os.PathLike)) else stream
                archive = stack.enter_context(zipfile.ZipFile(opened))
                members = [
                    info
                    for info in archive.infolist()
                    if not info.is_dir() and not info.filename.startswith("__MACOSX/")
                ]
            except (zipfile.BadZipFile, OSError):
                raise file_error(name, "Zip-filen kan ikke åbnes; den er ødelagt eller ikke en zip-fil.") from None
            if not members:
                raise file_error(name, "Zip-filen er tom.")
            if len(members) > MAX_ZIP_MEMBERS:
                raise file_error(
                    name, f"Zip-filen har {len(members)} filer; højst {MAX_ZIP_MEMBERS} kan indlæses på én gang."
                )
            for info in members:
                # an uploaded zip is named in its files' names; a bundle of uploaded files is named by its files
                member_name = os.path.basename(info.filename)
                if name.lower().endswith(".zip"):
                    member_name = f"{member_name} (i {name})"
                files.append((_copy_member(archive, info, member_name, stack), member_name))
    return files


def _copy_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, stack: ExitStack):
    if info.file_size > MAX_FILE_BYTES:
        raise file_error(name, f"Filen fylder {format_size(info.file_size)} udpakket; den største fil, der kan "
                               f"indlæses, er {format_size(MAX_FILE_BYTES)}.")  # fmt: skip
    copy = stack.enter_context(tempfile.TemporaryFile())
    try:
        with archive.open(info) as member:
            copied = 0
            while chunk := member.read(1024 * 1024):
                copied += len(chunk)
                if copied > MAX_FILE_BYTES:
                    raise file_error(name, f"Filen fylder mere end {format_size(MAX_FILE_BYTES)} udpakket.")
                copy.write(chunk)
    except (zipfile.BadZipFile, RuntimeError, OSError, EOFError):  # broken, encrypted or truncated member
        raise file_error(name, "Filen i zip-filen kan ikke pakkes ud (ødelagt eller krypteret).") from None
    copy.seek(0)
    return copy


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
    department_id = required_id(row.text("DepartmentIdentifier"), problems, row, "DepartmentIdentifier", seen,
                                what="Afdelingen")  # fmt: skip
    name = required(row.text("DepartmentName"), problems, row, "DepartmentName")
    parent = row.text("ParentDepartmentIdentifier") or None
    return _department(row, department_id, name, parent, problems, before)


def _department(source, department_id: str, name: str, parent: str | None, problems: Problems, before: int):
    """Finish a department read from a CSV row or an XML node: dates, parent, P-number, the record."""
    valid_from = _date(source, "ActivationDate", problems)
    valid_to = open_end(_date(source, "DeactivationDate", problems))
    end_not_before_start(valid_from, valid_to, problems, source, "DeactivationDate")
    not_own_parent(parent, department_id, problems, source, "ParentDepartmentIdentifier",
                   "Afdelingen står som sin egen overordnede afdeling.")  # fmt: skip
    period = (valid_from, valid_to)
    return records.unit_record(problems, before, source, UNIT_FIELDS, department_id, name, parent, period)


def _employment_row(row: _Row, problems: Problems, seen: dict[str, int]) -> EmploymentRecord | None:
    before = problems.total
    employment_id = required_id(row.text("EmploymentIdentifier"), problems, row, "EmploymentIdentifier", seen,
                                what="Ansættelsen")  # fmt: skip
    cpr = check_cpr(row.text("PersonCivilRegistrationIdentifier"), problems, row, "PersonCivilRegistrationIdentifier",
                    required=True)  # fmt: skip
    if cpr and cpr.endswith(FICTIONAL_CPR_SUFFIX):
        problems.note(row.where(), FICTIONAL_NOTICE)
        return None
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
    return _employment(
        problems, before, row.text("EmploymentName"), row.text("JobPositionIdentifier"),
        source_id=employment_id, cpr=cpr, first_name=first_name, last_name=last_name, unit_source_id=unit_id,
        status_code=status, start=start, end=end, fte=fte, cancelled=cancelled, location=row.where(),
    )  # fmt: skip


def _employment(problems: Problems, before: int, job_title: str, code: str, **values) -> EmploymentRecord | None:
    """End an SD employment, CSV row and XML answers alike: the job title is also the contract's text, and a
    manager position (`MANAGER_POSITIONS`) makes the leder of the unit; the record unless problems."""
    return records.unless_problems(problems, before, EmploymentRecord, job_title=job_title, contract_code=code,
                                   contract_text=job_title, is_manager=code in MANAGER_POSITIONS, **values)  # fmt: skip


def _date(place, name: str, problems: Problems) -> date | None:
    """Return a date written in one of SD's forms (CSV and XML alike), None if empty; report a bad value."""
    return check_date(place.text(name), problems, place, name, SD_DATE)


# XML: SD's web-service answers, read together -----------------------------------------------

XML_ROOTS = ("GetOrganization*", "GetDepartment*", "GetPerson*", "GetEmployment*")
XML_KIND = (
    "et svar fra SD Løns webservice (GetOrganization20111201, GetDepartment20111201, GetPerson20111201 "
    "eller GetEmployment20111201/GetEmploymentChanged20111201/GetEmploymentChangedAtDate20111201)"
)


class _Node:
    """An XML element's direct children as text, with locations like '<Department> linje 9, felt <X>'."""

    LINE = "linje"

    def __init__(self, element, label: str, file: str = ""):
        self.label, self.line, self.file = label, element.sourceline, file
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


@dataclass(frozen=True)
class _Period:
    start: date
    end: date | None
    node: "_PeriodNode"


class _PeriodNode:
    """A period's node whose locations name the period element ('felt <WorkingTime>/<X>')."""

    LINE = "linje"

    def __init__(self, node: _Node, tag: str):
        self._node, self._tag = node, tag
        self.line, self.file = node.line, node.file

    def text(self, name: str) -> str:
        return self._node.text(name)

    def where(self, name: str | None = None, path: str = "") -> str:
        return self._node.where(name, path or f"<{self._tag}>/")

    def missing(self, name: str) -> str:
        return self._node.missing(name)


@dataclass
class _Employment:
    """One employment id gathered from every employment answer (a snapshot and its history)."""

    node: _Node
    person: _Node
    employment_date: str = ""
    broken: bool = False  # a period had a problem, already reported
    # False while the employment was only in GetEmploymentChangedAtDate answers, which hold only
    # the parts registered as changed (a new WorkingTime, say), not the whole employment
    whole: bool = False
    periods: dict[str, dict[date, _Period]] = field(default_factory=dict)


@dataclass
class _Answers:
    """What the XML answers of one import say, gathered before anything is joined."""

    organization: bool = False
    parents: dict[str, list[tuple[date | None, date | None, str | None]]] = field(default_factory=dict)
    departments: dict[str, list[_Period]] = field(default_factory=dict)
    department_order: list[str] = field(default_factory=list)
    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    employments: dict[str, _Employment] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)


def _read_answer(stream, name: str, problems: Problems, answers: _Answers) -> None:
    """Gather one answer's organisation, departments, names or employments into `answers`."""
    answers.seen = {}
    for element in iter_records(stream, name, XML_ROOTS, XML_KIND, ("Organization", "Department", "Person")):
        root = localname(element.getparent())
        tag = localname(element)
        if tag == "Organization" and root.startswith("GetOrganization"):
            answers.organization = True
            _organization_element(element, name, problems, answers)
        elif tag == "Department" and root.startswith("GetDepartment"):
            _department_period(element, name, problems, answers)
        elif tag == "Person" and root.startswith("GetPerson"):
            person = _Node(element, "<Person>", name)
            cpr = check_cpr(person.text("PersonCivilRegistrationIdentifier"), problems, person,
                            "PersonCivilRegistrationIdentifier", required=True)  # fmt: skip
            if cpr:
                answers.names[cpr] = (person.text("PersonGivenName"), person.text("PersonSurnameName"))
        elif tag == "Person" and root.startswith("GetEmployment"):
            _person_employments(element, name, problems, answers, partial=root.startswith("GetEmploymentChangedAtDate"))


def _organization_element(element, file: str, problems: Problems, answers: _Answers) -> None:
    """Record each department's parent from the nested <DepartmentReference>s of one validity period."""
    node = _Node(element, "<Organization>", file)
    start = _date(node, "ActivationDate", problems)
    end = open_end(_date(node, "DeactivationDate", problems))

    def walk(parent_element, parent_id: str | None) -> None:
        for child in children(parent_element):
            if localname(child) != "DepartmentReference":
                continue
            reference = _Node(child, "<DepartmentReference>", file)
            department_id = required(reference.text("DepartmentIdentifier"), problems, reference, "DepartmentIdentifier")
            if department_id:
                answers.parents.setdefault(department_id, []).append((start, end, parent_id))
                walk(child, department_id)

    walk(element, None)


def _department_period(element, file: str, problems: Problems, answers: _Answers) -> None:
    """Keep one validity period of a department (GetDepartment over a period repeats the department)."""
    node = _Node(element, "<Department>", file)
    department_id = node.text("DepartmentIdentifier")
    if not required(department_id, problems, node, "DepartmentIdentifier"):
        return
    node.label = f"<Department> {department_id}"
    if not node.text("ParentDepartmentIdentifier") and _reference_parent(element):
        node.values["ParentDepartmentIdentifier"] = (_reference_parent(element), node.line)
    before = problems.total
    start = _date(node, "ActivationDate", problems)
    end = open_end(_date(node, "DeactivationDate", problems))
    if start is not None:
        first_time(answers.seen, f"{department_id} fra {start:%d-%m-%Y}", problems, node, "ActivationDate",
                   what="Afdelingen")  # fmt: skip
    if problems.total > before:
        return
    if department_id not in answers.departments:
        answers.department_order.append(department_id)
    answers.departments.setdefault(department_id, []).append(
        _Period(start or date.min, end, _PeriodNode(node, "Department"))
    )


def _person_employments(element, file: str, problems: Problems, answers: _Answers, *, partial: bool = False) -> None:
    """Gather the employments of one <Person>; the same id in several answers adds its periods."""
    employments = [child for child in children(element) if localname(child) == "Employment"]
    ids = [_Node(child, "").text("EmploymentIdentifier") for child in employments]
    person = _Node(element, "<Person> (ansættelse " + ", ".join(i for i in ids if i) + ")", file)
    for child in employments:
        node = _Node(child, "<Employment>", file)
        employment_id = node.text("EmploymentIdentifier")
        if not required(employment_id, problems, node, "EmploymentIdentifier"):
            continue
        node.label = f"<Employment> {employment_id}"
        gathered = answers.employments.setdefault(employment_id, _Employment(node, person))
        gathered.whole = gathered.whole or not partial
        if node.text("EmploymentDate"):
            gathered.employment_date = node.text("EmploymentDate")
            gathered.node = node
        before = problems.total
        for tag in ("EmploymentStatus", "Profession", "WorkingTime", "EmploymentDepartment"):
            for period in _periods(child, tag, node.label, file, problems):
                gathered.periods.setdefault(tag, {})[period.start] = period  # a later answer wins
        gathered.broken = gathered.broken or problems.total > before


def _xml_records(answers: _Answers, problems: Problems, as_of: date) -> Iterator[Record]:
    """Join the gathered answers into units and employments."""
    if answers.organization and not answers.departments:
        raise file_error(
            problems.file,
            "GetOrganization20111201 giver kun afdelingernes placering i træet; navnene står i "
            "GetDepartment20111201. Indlæs de to svar sammen.",
        )
    for department_id in answers.department_order:
        record = _unit_from_periods(department_id, answers, problems, as_of)
        if record is not None:
            yield record
    for employment_id, gathered in answers.employments.items():
        record = _employment_from_periods(employment_id, gathered, answers, problems, as_of)
        if record is not None:
            yield record


def _unit_from_periods(department_id: str, answers: _Answers, problems: Problems, as_of: date) -> UnitRecord | None:
    periods = sorted(answers.departments[department_id], key=lambda period: period.start)
    node = _pick(periods, as_of).node
    problems.file = node.file
    before = problems.total
    name = required(node.text("DepartmentName"), problems, node, "DepartmentName")
    if answers.organization:
        parent = _pick_parent(answers.parents.get(department_id, []), as_of)
    else:  # Rummelig's own addition to a lone GetDepartment answer
        parent = node.text("ParentDepartmentIdentifier") or None
    record = _department(node, department_id, name, parent, problems, before)
    if record is None:
        return None
    first = periods[0].start if periods[0].start != date.min else None
    return replace(record, valid_from=first, valid_to=open_end(periods[-1].end))


def _pick_parent(spans: list[tuple[date | None, date | None, str | None]], as_of: date) -> str | None:
    """Return the parent in the organisation period valid on `as_of`, else in the latest before it."""
    chosen = None
    for start, _end, parent in sorted(spans, key=lambda span: span[0] or date.min):
        if start is None or start <= as_of:
            chosen = parent
    return chosen


def _reference_parent(element) -> str:
    for child in children(element):
        if localname(child) == "DepartmentReference":
            for grandchild in children(child):
                if localname(grandchild) == "DepartmentIdentifier":
                    return (grandchild.text or "").strip()
    return ""


def _employment_from_periods(
    employment_id: str, gathered: _Employment, answers: _Answers, problems: Problems, as_of: date
) -> EmploymentRecord | None:
    """Join one employment's gathered periods into its record on `as_of` (None when skipped or after a problem)."""
    node, person = gathered.node, gathered.person
    if gathered.broken:
        return None
    problems.file = node.file
    before = problems.total
    cpr = check_cpr(person.text("PersonCivilRegistrationIdentifier"), problems, person,
                    "PersonCivilRegistrationIdentifier", required=True)  # fmt: skip
    if _waits(employment_id, gathered, cpr, problems):
        return None
    first_name, last_name = _names(employment_id, person, cpr, answers, problems)
    periods = {tag: sorted(by_start.values(), key=lambda p: p.start) for tag, by_start in gathered.periods.items()}
    statuses = periods.get("EmploymentStatus", [])
    codes = _status_codes(employment_id, node, statuses, problems)
    if problems.total > before:
        return None
    cancelled = codes[-1] == DELETED_STATUS
    start, end = _span(employment_id, gathered, statuses, codes, problems)
    unit_id, job, code, fte = _position(employment_id, node, periods, as_of, problems, cancelled)
    return _employment(
        problems, before, job or "", code or "",
        source_id=employment_id, cpr=cpr, first_name=first_name, last_name=last_name, unit_source_id=unit_id or "",
        status_code=_pick(statuses, as_of).node.text("EmploymentStatusCode").upper(), start=start, end=end, fte=fte,
        cancelled=cancelled, location=node.where(),
    )  # fmt: skip


def _waits(employment_id: str, gathered: _Employment, cpr: str, problems: Problems) -> bool:
    """Return True (with a notice) for an employment not imported now: SD's fictional person, or only changed parts."""
    node = gathered.node
    if cpr and cpr.endswith(FICTIONAL_CPR_SUFFIX):
        problems.note(node.where(), FICTIONAL_NOTICE)
        return True
    parts = ("EmploymentStatus", "EmploymentDepartment", "WorkingTime")
    if not gathered.whole and not all(gathered.periods.get(tag) for tag in parts):
        problems.note(
            node.where(),
            f"Ansættelse {employment_id} står kun i GetEmploymentChangedAtDate20111201 med de dele, der er ændret; "
            "den indlæses, når SD sender hele ansættelsen (GetEmployment20111201 eller GetEmploymentChanged20111201).",
        )
        return True
    return False


def _names(employment_id: str, person: _Node, cpr: str, answers: _Answers, problems: Problems) -> tuple[str, str]:
    """Return (first name, last name) from the employment answer, else from GetPerson; none is a problem."""
    first_name, last_name = person.text("PersonGivenName"), person.text("PersonSurnameName")
    if not (first_name or last_name) and cpr in answers.names:
        first_name, last_name = answers.names[cpr]
    if not (first_name or last_name):
        problems.add(
            person.where("PersonGivenName"),
            f"Personen med ansættelse {employment_id} har intet navn: GetEmployment-svarene har ingen navne, så "
            "indlæs GetPerson20111201 sammen med dem (eller tilføj <PersonGivenName>/<PersonSurnameName>).",
        )
    return first_name, last_name


def _status_codes(employment_id: str, node: _Node, statuses: list[_Period], problems: Problems) -> list[str]:
    """Return the status code of each <EmploymentStatus> period; none at all is a problem."""
    if not statuses:
        problems.add(node.where("EmploymentStatus"), f"Ansættelse {employment_id} har ingen <EmploymentStatus>.")
    return [
        _status(p.node.text("EmploymentStatusCode"), p.node.where("EmploymentStatusCode"), problems) for p in statuses
    ]


def _span(employment_id: str, gathered: _Employment, statuses: list[_Period], codes: list[str],
          problems: Problems) -> tuple[date, date | None]:  # fmt: skip
    """Return (start, end) of the latest employment run; a re-hire's earlier run is left out with a notice."""
    node = gathered.node
    employment_date = _date(_Value(node, "EmploymentDate", gathered.employment_date), "EmploymentDate", problems)
    start, earlier = _start_from_statuses(statuses, codes, employment_date)
    if earlier is not None:
        problems.note(
            node.where(),
            f"Ansættelse {employment_id} er genansat {start:%d-%m-%Y} efter en fratrædelse; perioden "
            f"{earlier[0]:%d-%m-%Y}–{earlier[1]:%d-%m-%Y} indlæses ikke som en del af ansættelsen.",
        )
    end = _end_from_statuses(statuses, codes)
    end_not_before_start(start, end, problems, node, "EmploymentStatus")
    return start, end


def _position(employment_id: str, node: _Node, periods: dict, as_of: date, problems: Problems,
              cancelled: bool) -> tuple:  # fmt: skip
    """Return (department id, job title, contract code, FTE) of an employment on `as_of`, from its periods."""
    unit_id = job = code = None
    fte = None
    if periods.get("EmploymentDepartment"):
        unit_id = _pick(periods["EmploymentDepartment"], as_of).node.text("DepartmentIdentifier")
    if not unit_id and not cancelled:
        problems.add(
            node.where("EmploymentDepartment"),
            f"Ansættelse {employment_id} har ingen afdeling (<EmploymentDepartment>/<DepartmentIdentifier>).",
        )
    if periods.get("Profession"):
        profession = _pick(periods["Profession"], as_of).node
        job, code = profession.text("EmploymentName"), profession.text("JobPositionIdentifier")
    if periods.get("WorkingTime"):
        working_time = _pick(periods["WorkingTime"], as_of).node
        fte = _fte(working_time.text("OccupationRate"), working_time.where("OccupationRate", "<WorkingTime>/"),
                   problems, cancelled)  # fmt: skip
    elif cancelled:
        fte = quantize_fte(Decimal(0))
    else:
        problems.add(
            node.where("WorkingTime"),
            f"Ansættelse {employment_id} har ingen <WorkingTime>/<OccupationRate>, så beskæftigelsesbrøken kendes ikke.",
        )
    return unit_id, job, code, fte


class _Value:
    """One value gathered from any answer, located where its employment was read."""

    LINE = "linje"

    def __init__(self, node: _Node, name: str, value: str):
        self._node, self._name, self._value = node, name, value

    def text(self, name: str) -> str:
        return self._value if name == self._name else self._node.text(name)

    def where(self, name: str | None = None) -> str:
        return self._node.where(name)

    def missing(self, name: str) -> str:
        return self._node.missing(name)


def _periods(element, tag: str, label: str, file: str, problems: Problems) -> list[_Period]:
    """Return the `tag` periods of an employment, sorted by ActivationDate."""
    periods = []
    for child in children(element):
        if localname(child) != tag:
            continue
        node = _PeriodNode(_Node(child, label, file), tag)
        start = _date(node, "ActivationDate", problems)
        end = open_end(_date(node, "DeactivationDate", problems))
        if start is None:
            if node.text("ActivationDate") == "":
                problems.add(node.where("ActivationDate"), f"<{tag}> mangler <ActivationDate>.")
            continue
        periods.append(_Period(start, end, node))
    return sorted(periods, key=lambda period: period.start)


def _pick(periods: list[_Period], as_of: date) -> _Period:
    """Return the period valid on `as_of`, else the latest that began before it, else the first."""
    chosen = periods[0]
    for period in periods:
        if period.start <= as_of:
            chosen = period
    return chosen


def _start_from_statuses(
    statuses: list[_Period], codes: list[str], employment_date: date | None
) -> tuple[date, tuple[date, date] | None]:
    """Return the first day of the latest employment run, and the span of an earlier run it follows.

    A re-hire on the same employment id (employed, then 7/8/9, then employed again) starts a new
    period: the months between are not employment. EmploymentDate is the start unless such an
    end lies before the latest employed status.
    """
    active = [i for i, code in enumerate(codes) if code in ACTIVE_STATUSES]
    if not active:
        return employment_date or statuses[0].start, None
    first = active[-1]
    while first > 0 and codes[first - 1] in ACTIVE_STATUSES:
        first -= 1
    ended_before = [i for i in range(first) if codes[i] in ENDED_STATUSES]
    if not ended_before:
        return employment_date or statuses[first].start, None
    earlier_active = [i for i in range(ended_before[-1]) if codes[i] in ACTIVE_STATUSES]
    start = max(statuses[first].start, employment_date or date.min)
    if not earlier_active:
        return start, None
    earlier_start = employment_date if employment_date and employment_date < statuses[first].start else None
    earlier = (min(earlier_start or statuses[earlier_active[0]].start, statuses[earlier_active[0]].start),
               statuses[ended_before[-1]].start - timedelta(days=1))  # fmt: skip
    return start, earlier


def _end_from_statuses(statuses: list[_Period], codes: list[str]) -> date | None:
    """Return the last day of employment: the day before a 7/8/9 status after the last employed one.

    An employed status's own DeactivationDate is not an end: a snapshot (GetEmployment) shows a
    status only up to the next change, which it leaves out.
    """
    active = [i for i, code in enumerate(codes) if code in ACTIVE_STATUSES]
    after = active[-1] + 1 if active else 0
    for period, code in zip(statuses[after:], codes[after:], strict=True):
        if code in ENDED_STATUSES:
            return period.start - timedelta(days=1)
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
    message = f"Beskæftigelsesbrøken '{value}' skal ligge mellem 0 og 1 (fx 0,8108 for 30 timer)."
    return fte_in_range(fte, problems, where, message)
