"""KMD OPUS Løn: the nightly XML dump `ZLPE<YYYYMMDDhhmmss>_delta.xml`.

Shape (root `<kmd>`, no namespace, UTF-8):

    <orgUnit id="3" client="813" lastChanged="2015-01-16">
      <startDate>1900-01-01</startDate> <endDate>9999-12-31</endDate>
      <parentOrgUnit>2</parentOrgUnit> (empty for the top unit)
      <shortName/> <longName/> <street/> <zipCode/> <city/> <phoneNumber/>
      <cvrNr/> <eanNr/> <seNr/> <pNr/> <costCenter/> <orgType/> <orgTypeTxt/>
    </orgUnit>
    <employee id="1000" client="813" lastChanged="2020-10-01">
      <entryDate/> <leaveDate/> <cpr suppId="0">0101010000</cpr> <firstName/> <lastName/>
      <address/> <postalCode/> <city/> <country/> <workPhone/>
      <workContract>08</workContract> <workContractText>Ansat</workContractText>
      <positionId/> <position/> <positionShort/> <isManager>false</isManager>
      <superiorLevel/> <subordinateLevel/> <orgUnit>3</orgUnit> <payGradeText/>
      <numerator>1 </numerator> <denominator>1 </denominator> <email/> <userId/>
    </employee>
    <employee id="999" client="813" action="leave"/>

What the real sample dumps (OS2mo's OPUS integration tests) show, and how it is handled:
- `<entryDate/>` is often empty. The start date then falls back to the dump date (from the file
  name or `dump_date=`), as OS2mo's integration does; without either it is a problem.
- `<employee id action="leave"/>` carries nothing but the id: a `LeaveRecord`. Leaves repeat in
  later dumps and may name ids never sent before.
- An employee who is simply absent from a later dump has *not* left; only `action="leave"` ends.
  Each dump repeats unchanged objects (OS2mo diffs consecutive dumps).
- `workContractText` "Annulleret" means the employment was cancelled: `cancelled=True`.
  Other texts vary ("Ansat", "Softwaretester"); they are passed on, not interpreted.
- The employee id is the *employment* number: one CPR can have several employee ids.
- `numerator`/`denominator` carry trailing spaces ("1 "). FTE = numerator / denominator.
- `<pNr>0000000000</pNr>` means "no P-number"; new units may lack every optional element.
- `lastChanged` is not trustworthy (it can be later than the dump) and is not used.
Unknown elements (e.g. `<function>` roles) are ignored.
"""

import re
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from . import records
from .common import MAX_FILE_BYTES, Source, aware, check_size, open_binary, source_name
from .fields import (
    ISO_DATE,
    check_cpr,
    check_date,
    check_flag,
    end_not_before_start,
    first_time,
    format_decimal,
    hours_from_fte,
    not_own_parent,
    open_end,
    parse_decimal,
    quantize_fte,
    required,
)
from .records import EmploymentRecord, LeaveRecord, ParsedFile, Problems, Record, UnitRecord, collect
from .safexml import Fields, iter_records, localname

__all__ = ["MAX_FILE_BYTES", "check_size", "dump_timestamp_from_filename", "iter_opus", "parse_opus"]

_FILENAME = re.compile(r"ZLPE(\d{8})(\d{6})?", re.IGNORECASE)
CANCELLED_TEXT = "annulleret"
UNIT_FIELDS = records.UnitFields(p_number="pNr", cost_centre="costCenter", kind_hint="orgTypeTxt", short_name="shortName")


def dump_timestamp_from_filename(name: str) -> datetime | None:
    """Return the time in `ZLPE<YYYYMMDD[hhmmss]>…` (Danish time, aware), or None if absent.

    The real sample files use both `ZLPE20200101_delta.xml` and `ZLPE20200102000000_delta.xml`.
    """
    match = _FILENAME.search(str(name).rsplit("/", 1)[-1])
    if not match:
        return None
    stamp = match.group(1) + (match.group(2) or "000000")
    try:
        return aware(datetime.strptime(stamp, "%Y%m%d%H%M%S"))
    except ValueError:
        return None


def parse_opus(source: Source, *, name: str | None = None, dump_date: date | None = None) -> ParsedFile:
    """Read a whole OPUS dump into lists (see `iter_opus` to stream)."""
    name = source_name(source, name)
    problems = Problems(name)
    stream = iter_opus(source, problems, name=name, dump_date=dump_date)
    return collect(stream, problems, dump_timestamp_from_filename(name))


def iter_opus(
    source: Source, problems: Problems, *, name: str | None = None, dump_date: date | None = None
) -> Iterator[Record]:
    """Yield UnitRecord, EmploymentRecord and LeaveRecord from an OPUS dump, in file order.

    Row-level problems go to `problems` (their records are not yielded); a whole-file problem
    raises ImportFileError, possibly after some records were yielded. `dump_date` defaults to the
    date in the file name.
    """
    name = source_name(source, name)
    problems.file = problems.file or name
    if dump_date is None:
        stamp = dump_timestamp_from_filename(name)
        dump_date = stamp.date() if stamp else None
    check_size(source, name)
    seen_units: dict[str, int] = {}
    seen_employees: dict[str, int] = {}
    with open_binary(source, name) as stream:
        for element in iter_records(stream, name, ("kmd",), "en OPUS-fil fra KMD", ("orgUnit", "employee")):
            tag = localname(element)
            if tag == "orgUnit":
                record = _unit(element, problems, seen_units)
            elif tag == "employee":
                record = _employee(element, problems, seen_employees, dump_date)
            else:
                continue
            if record is not None:
                yield record


def _unit(element, problems: Problems, seen: dict[str, int]) -> UnitRecord | None:
    unit_id = (element.get("id") or "").strip()
    fields = Fields(element, f'<orgUnit id="{unit_id}">' if unit_id else "<orgUnit>")
    if not unit_id:
        problems.add(fields.where(), "Enheden mangler attributten id.")
        return None
    before = problems.total
    first_time(seen, unit_id, problems, fields, what="Enheds-id")
    name = fields.text("longName") or fields.text("shortName")
    if not name:
        problems.add(fields.where("longName"), "Enheden har intet navn: både <longName> og <shortName> er tomme.")
    valid_from = _date(fields, "startDate", problems)
    valid_to = open_end(_date(fields, "endDate", problems))
    end_not_before_start(valid_from, valid_to, problems, fields, "endDate")
    parent = fields.text("parentOrgUnit") or None
    not_own_parent(parent, unit_id, problems, fields, "parentOrgUnit")
    return records.unit_record(problems, before, fields, UNIT_FIELDS, unit_id, name, parent, (valid_from, valid_to))


def _employee(element, problems: Problems, seen: dict[str, int], dump_date: date | None) -> Record | None:
    employee_id = (element.get("id") or "").strip()
    fields = Fields(element, f'<employee id="{employee_id}">' if employee_id else "<employee>")
    if not employee_id:
        problems.add(fields.where(), "Medarbejderen mangler attributten id.")
        return None
    action = (element.get("action") or "").strip()
    if not first_time(seen, employee_id, problems, fields, what="Medarbejder-id"):
        return None
    if action == "leave":
        return LeaveRecord(source_id=employee_id, location=fields.where())
    if action:
        problems.add(fields.where(), f'Ukendt action="{action}"; OPUS bruger kun action="leave".')
        return None
    if not fields:
        problems.add(fields.where(), 'Medarbejderen har ingen oplysninger og er ikke markeret med action="leave".')
        return None

    before = problems.total
    text = fields.texts.get  # text("name", "") is fields.text("name"), without a method call per field
    contract_text = text("workContractText", "")
    cancelled = contract_text.casefold() == CANCELLED_TEXT
    cpr = check_cpr(text("cpr", ""), problems, fields, "cpr", required=True)
    first_name, last_name = text("firstName", ""), text("lastName", "")
    required(first_name or last_name, problems, fields, "lastName",
             "Medarbejderen har intet navn: både <firstName> og <lastName> er tomme.")  # fmt: skip
    unit_id = required(text("orgUnit", ""), problems, fields, "orgUnit",
                       "Feltet <orgUnit> mangler eller er tomt; ansættelsen skal høre til en enhed.")  # fmt: skip
    start = _date(fields, "entryDate", problems)
    start_known = start is not None
    if start is None and not text("entryDate", ""):
        if dump_date is None:
            problems.add(
                fields.where("entryDate"),
                "Feltet <entryDate> er tomt, og filnavnet indeholder ingen dato (ZLPE<ååååmmddttmmss>), "
                "så startdatoen kendes ikke.",
            )
        start = dump_date
    end = open_end(_date(fields, "leaveDate", problems))
    end_not_before_start(start, end, problems, fields, "leaveDate", ("Fratrædelsesdatoen", "startdatoen"))
    fte, weekly_hours = _fraction(fields, problems, cancelled)
    is_manager = check_flag(text("isManager", ""), problems, fields, "isManager", ("true", "false"))
    return records.unless_problems(
        problems, before, EmploymentRecord,
        source_id=employee_id,
        cpr=cpr,
        first_name=first_name,
        last_name=last_name,
        unit_source_id=unit_id,
        job_title=text("position", ""),
        contract_code=text("workContract", ""),
        contract_text=contract_text,
        start=start,
        end=end,
        fte=fte,
        weekly_hours=weekly_hours,
        is_manager=is_manager,
        account_name=text("userId", ""),
        cancelled=cancelled,
        location=fields.where(),
        start_known=start_known,
    )


def _fraction(fields: Fields, problems: Problems, cancelled: bool) -> tuple[Decimal, Decimal]:
    """Return (FTE to four decimals, weekly hours) from numerator / denominator (OPUS: share of full time).

    A cancelled employment may lack it (then 0). A dump has a handful of distinct fractions, so
    each pair of texts is worked out once (`_share`); problems are reported for every record.
    """
    numerator, denominator = fields.text("numerator"), fields.text("denominator")
    try:
        return _share(numerator, denominator)
    except ValueError:
        pass
    try:
        parsed_numerator, parsed_denominator = parse_decimal(numerator), parse_decimal(denominator)
    except ValueError:
        parsed_numerator = parsed_denominator = None
    if not cancelled:
        if parsed_numerator is None or not parsed_denominator:
            problems.add(
                fields.where("denominator"),
                "Beskæftigelsesbrøken kan ikke beregnes: <numerator> og <denominator> skal være tal, "
                "og <denominator> må ikke være 0 "
                f"(fandt '{numerator}' / '{denominator}').",
            )
        else:
            problems.add(
                fields.where("numerator"),
                f"Beskæftigelsesbrøken {format_decimal(parsed_numerator)}/{format_decimal(parsed_denominator)} "
                "skal ligge mellem 0 og 1.",
            )
    return _NO_SHARE


_NO_SHARE = (quantize_fte(Decimal(0)), hours_from_fte(Decimal(0)))


@lru_cache(maxsize=4096)
def _share(numerator: str, denominator: str) -> tuple[Decimal, Decimal]:
    """Return (FTE, weekly hours) for numerator / denominator; raise ValueError unless it lies in 0..1.

    Cached: exceptions are not, so a bad value is looked at (and reported) every time.
    """
    denominator_value = parse_decimal(denominator)
    if not denominator_value:
        raise ValueError(denominator)
    fte = parse_decimal(numerator) / denominator_value
    if not 0 <= fte <= 1:
        raise ValueError(numerator)
    return quantize_fte(fte), hours_from_fte(fte)


def _date(fields: Fields, name: str, problems: Problems) -> date | None:
    """Return the YYYY-MM-DD date in field `name`, None if empty; report a bad value."""
    return check_date(fields.texts.get(name, ""), problems, fields, name, ISO_DATE)
