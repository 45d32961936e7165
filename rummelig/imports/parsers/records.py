"""Plain records that every import format becomes, and the problems found on the way.

The parsers know nothing about the database. They yield these frozen records and collect
`ImportProblem`s (a Danish message plus a precise location) so HR can fix a file in one go.
A problem with the file as a whole (not XML, wrong encoding, too large, a DOCTYPE …) raises
`ImportFileError` at once. The importer writes nothing while there is any problem.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from .fields import check_p_number, hours_from_fte

MAX_PROBLEMS = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitRecord:
    """An organisation unit as the source system knows it (a format leaves out what it does not have)."""

    source_id: str
    parent_source_id: str | None = None
    name: str
    short_name: str = ""
    p_number: str | None = ""  # 10 digits, "" for none, None when the source's value was not a P-number (keep ours)
    cost_centre: str = ""
    valid_from: date | None = None
    valid_to: date | None = None  # None = open-ended (sources write 9999-12-31)
    kind_hint: str = ""  # OPUS orgTypeTxt, SD DepartmentLevelIdentifier, OS2mo unit type name
    location: str  # where in the source, for messages about this record


@dataclass(slots=True, kw_only=True)
class EmploymentRecord:
    """One employment (not a person: a person with two jobs has two records with the same CPR).

    Read-only like the other records, but not frozen: a frozen dataclass sets each of its 17
    fields through object.__setattr__, which for 50,000 employees is a tenth of the parser's time.
    A format leaves out what it does not have; weekly hours left out follow from the FTE.
    """

    source_id: str  # payroll employment number
    cpr: str = ""  # normalised 10 digits, may be ""
    first_name: str
    last_name: str
    unit_source_id: str
    job_title: str = ""
    contract_code: str = ""  # OPUS workContract or SD JobPositionIdentifier
    contract_text: str = ""
    status_code: str = ""  # SD EmploymentStatusCode, "" for OPUS
    start: date
    end: date | None = None  # last day employed, None = open-ended
    fte: Decimal  # 0..1, four decimals
    weekly_hours: Decimal | None = None  # left out: the full-time week × FTE, set on creation
    is_manager: bool = False  # the leder of the employment's unit (OPUS isManager, SD's manager positions)
    account_name: str = ""  # the login user name payroll knows (OPUS userId, the template's Brugernavn)
    cancelled: bool = False  # OPUS "Annulleret", SD status "S": the employment never was; remove it
    location: str
    # False when the source gave no start date and `start` is only "known since" (OPUS's empty
    # <entryDate/> falls back to the dump date): the importer keeps an earlier start it already has.
    start_known: bool = True

    def __post_init__(self):
        if self.weekly_hours is None:
            self.weekly_hours = hours_from_fte(self.fte)


@dataclass(frozen=True, slots=True)
class LeaveRecord:
    """An OPUS `<employee id="…" action="leave"/>`: the employment has ended.

    The file gives no date; the importer ends the employment on the dump date (as OS2mo's OPUS
    integration does). The id may be unknown: OPUS repeats leaves, also for ids never sent.
    """

    source_id: str
    location: str


Record = UnitRecord | EmploymentRecord | LeaveRecord


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """Something HR must fix in the file; `message` is Danish and says what is wrong."""

    file: str
    location: str
    message: str

    def __str__(self):
        return ": ".join(part for part in (self.file, self.location, self.message) if part)


class ImportFileError(Exception):
    """The file cannot be read at all, or (from `Problems.raise_if_any`) has row-level problems."""

    def __init__(self, problems: ImportProblem | Iterable[ImportProblem]):
        if isinstance(problems, ImportProblem):
            problems = [problems]
        self.problems: list[ImportProblem] = list(problems)
        super().__init__(str(self))

    def __str__(self):
        return "\n".join(str(problem) for problem in self.problems)


def file_error(file: str, message: str, location: str = "") -> ImportFileError:
    """Return an ImportFileError with a single problem (raise it)."""
    return ImportFileError(ImportProblem(file, location, message))


def unless_problems(problems: "Problems", before: int, record_type, /, **values):
    """Return record_type(**values), or None when a problem was found since `before` (problems.total then).

    Every parser ends a record this way: a record with a problem is skipped, and HR reads why.
    """
    if problems.total > before:
        return None
    return record_type(**values)


@dataclass(frozen=True)
class UnitFields:
    """A format's own names for a unit's plain fields (see `unit_record`); "" for one the format does not have."""

    p_number: str
    cost_centre: str = ""
    kind_hint: str = ""
    short_name: str = ""


def unit_record(problems: "Problems", before: int, place, fields: UnitFields, source_id: str, name: str,
                parent: str | None, period: tuple[date | None, date | None]) -> UnitRecord | None:  # fmt: skip
    """End a unit the same way in every format: the P-number (a notice), the plain fields, then `unless_problems`.

    `place` is the format's row or element (it has `text(field)` and `where(field)`); the caller has
    read and checked the id, the name, the parent and the period (`valid_from`, `valid_to`) its own way.
    """
    valid_from, valid_to = period
    p_number = check_p_number(place.text(fields.p_number), problems, place, fields.p_number)
    return unless_problems(
        problems, before, UnitRecord,
        source_id=source_id,
        parent_source_id=parent,
        name=name,
        short_name=place.text(fields.short_name) if fields.short_name else "",
        p_number=p_number,
        cost_centre=place.text(fields.cost_centre) if fields.cost_centre else "",
        valid_from=valid_from,
        valid_to=valid_to,
        kind_hint=place.text(fields.kind_hint) if fields.kind_hint else "",
        location=place.where(),
    )  # fmt: skip


class Problems:
    """Collect row-level problems: keep the first `limit`, count the rest.

    Parsers add to it while they stream; the caller reads it when the stream is exhausted.
    `notices` are remarks that do not block the import (a value that was left out, e.g. an OPUS
    P-number that is not 10 digits); show them to HR with the result.
    """

    def __init__(self, file: str = "", limit: int = MAX_PROBLEMS):
        self.file = file
        self.limit = limit
        self.total = 0
        self._kept: list[ImportProblem] = []
        self.notices: list[ImportProblem] = []

    def add(self, location: str, message: str) -> None:
        self.total += 1
        if len(self._kept) < self.limit:
            self._kept.append(ImportProblem(self.file, location, message))

    def note(self, location: str, message: str) -> None:
        if len(self.notices) < self.limit:
            self.notices.append(ImportProblem(self.file, location, message))

    def __len__(self):
        return self.total

    def __bool__(self):
        return self.total > 0

    def __iter__(self) -> Iterator[ImportProblem]:
        return iter(self._kept)

    @property
    def overflow(self) -> int:
        return self.total - len(self._kept)

    def as_list(self) -> list[ImportProblem]:
        """Return the kept problems, plus one line saying how many were left out."""
        problems = list(self._kept)
        if self.overflow:
            problems.append(
                ImportProblem(
                    self.file,
                    "",
                    f"… og {self.overflow} problemer mere, som ikke er vist. Ret de viste, og indlæs filen igen.",
                )
            )
        return problems

    def raise_if_any(self) -> None:
        if self.total:
            raise ImportFileError(self.as_list())


@dataclass
class ParsedFile:
    """Everything read from one source, for callers that do not need to stream."""

    file: str
    units: list[UnitRecord] = field(default_factory=list)
    employments: list[EmploymentRecord] = field(default_factory=list)
    leaves: list[LeaveRecord] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    notices: list[ImportProblem] = field(default_factory=list)  # shown to HR, do not block
    dump_timestamp: datetime | None = None  # OPUS: from the file name

    @property
    def ok(self) -> bool:
        return not self.problems


def collect(records: Iterable[Record], problems: Problems, dump_timestamp: datetime | None = None) -> ParsedFile:
    """Drain a parser's record stream into a ParsedFile (ImportFileError propagates)."""
    parsed = ParsedFile(file=problems.file, dump_timestamp=dump_timestamp)
    for record in records:
        if isinstance(record, UnitRecord):
            parsed.units.append(record)
        elif isinstance(record, EmploymentRecord):
            parsed.employments.append(record)
        else:
            parsed.leaves.append(record)
    parsed.problems = problems.as_list()
    parsed.notices = list(problems.notices)
    return parsed


def check_references(
    units: Iterable[UnitRecord],
    employments: Iterable[EmploymentRecord],
    known_unit_ids: Iterable[str] = frozenset(),
    *,
    file: str = "",
) -> list[ImportProblem]:
    """Return problems for units and employments that point at units found neither here nor in the DB.

    `known_unit_ids` are the source ids the database already has. Cancelled employments are skipped
    (they are about to be removed), and so are empty references (the parser reported those).
    Also report units that lie under themselves (a cycle in the parent chain).
    """
    units = list(units)
    parents = {unit.source_id: unit.parent_source_id for unit in units}
    known = set(parents) | set(known_unit_ids)
    problems = []
    for unit in units:
        parent = unit.parent_source_id
        if parent and parent not in known:
            problems.append(
                ImportProblem(
                    file, unit.location, f"Den overordnede enhed '{parent}' findes hverken i filen eller i Rummelig."
                )
            )
    problems.extend(_cycles(units, parents, file))
    for employment in employments:
        unit_id = employment.unit_source_id
        if employment.cancelled or not unit_id:
            continue
        if unit_id not in known:
            problems.append(
                ImportProblem(
                    file, employment.location, f"Enheden '{unit_id}' findes hverken i filen eller i Rummelig."
                )
            )
    return problems


def _cycles(units: list[UnitRecord], parents: dict[str, str | None], file: str) -> list[ImportProblem]:
    """Report each unit whose parent chain (within the file) comes back to itself."""
    problems = []
    for unit in units:
        chain = [unit.source_id]
        current = parents.get(unit.source_id)
        while current and current in parents and current not in chain:
            chain.append(current)
            current = parents[current]
        if current == unit.source_id:
            path = " → ".join([*chain, unit.source_id])
            problems.append(
                ImportProblem(file, unit.location, f"Enheden '{unit.source_id}' ligger under sig selv ({path}).")
            )
    return problems
