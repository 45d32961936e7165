"""The placements list as an XLSX workbook: every filtered row, Danish headers, real dates.

Written with openpyxl's write-only mode, row by row from a database iterator, so a list of tens
of thousands of placements costs little memory. CPR numbers are masked; health-related columns
(HEALTH_FIELDS) are left out for users who see no placement's health details (employee
representatives), and left blank in the rows a user sees only as one. Made by the worker
(`build_export`, queued by the list's export link through rummelig.exports), not in the request.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from rummelig.accounts.access import access_for
from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.core.spreadsheets import Workbook
from rummelig.exports.service import Refused
from rummelig.organisation.models import Unit
from rummelig.schemes.models import TargetGroup

from .filters import filtered
from .models import Outcome, Status

DATE_FORMAT = "DD-MM-YYYY"
MONEY_FORMAT = "#,##0.00"
HOURS_FORMAT = "0.00"


class Labels:
    """Choice labels translated once per export, not once per cell."""

    def __init__(self):
        self.target_group = {value: str(label) for value, label in TargetGroup.choices}
        self.outcome = {value: str(label) for value, label in Outcome.choices}
        self.status = {value: str(label) for value, label in Status.choices}
        self.yes_no = {True: _("Yes"), False: _("No"), None: ""}


@dataclass(frozen=True)
class Column:
    header: Callable[[], str]  # called at export time, so the header is in the user's language
    value: Callable
    number_format: str | None = None
    width: int = 18
    health: bool = False


class CentreNames:
    """Find a workplace's centre from its materialised path without a query per row."""

    def __init__(self):
        self.by_id = dict(Unit.objects.filter(kind=Unit.Kind.AREA).values_list("pk", "name"))

    def of(self, unit):
        for part in reversed(unit.path.strip("/").split("/")):
            if part and int(part) in self.by_id:
                return self.by_id[int(part)]
        return ""


def columns(today, centres, labels):
    return [
        Column(lambda: _("First name"), lambda p: p.person.first_name),
        Column(lambda: _("Last name"), lambda p: p.person.last_name),
        Column(lambda: _("CPR number"), lambda p: p.person.masked_cpr, width=13),
        Column(lambda: _("Scheme"), lambda p: p.scheme.name, width=24),
        Column(lambda: _("Target group"), lambda p: labels.target_group.get(p.target_group, ""), width=28, health=True),
        Column(lambda: _("Centre"), lambda p: centres.of(p.workplace), width=28),
        Column(lambda: _("Workplace"), lambda p: p.workplace.name, width=28),
        Column(lambda: _("P-number"), lambda p: p.workplace.p_number, width=12),
        Column(lambda: _("Cost centre"), lambda p: p.workplace.cost_centre, width=12),
        Column(lambda: _("Start date"), lambda p: p.start, DATE_FORMAT, 12),
        Column(lambda: _("Planned end date"), lambda p: p.planned_end, DATE_FORMAT, 12),
        Column(lambda: _("Actual end date"), lambda p: p.actual_end, DATE_FORMAT, 12),
        Column(lambda: _("Status"), lambda p: labels.status[p.status_on(today)], width=14),
        Column(lambda: _("Hours per week"), lambda p: p.hours_per_week, HOURS_FORMAT, 10),
        Column(lambda: _("Purpose"), lambda p: p.purpose, width=40),
        Column(lambda: _("Special considerations"), lambda p: p.special_considerations, width=40, health=True),
        Column(lambda: _("Mentor"), lambda p: p.mentor.full_name if p.mentor_id else "", width=22),
        Column(lambda: _("Jobcenter contact"), lambda p: p.jobcenter_contact, width=22),
        Column(lambda: _("Yearly subsidy (DKK)"), lambda p: p.yearly_subsidy, MONEY_FORMAT, 14),
        Column(lambda: _("Lives in the municipality"), lambda p: labels.yes_no[p.lives_in_municipality], width=10),
        Column(lambda: _("Via own jobcenter"), lambda p: labels.yes_no[p.via_own_jobcenter], width=10),
        Column(lambda: _("No other education"), lambda p: labels.yes_no[p.no_other_education], width=10),
        Column(lambda: _("Outcome"), lambda p: labels.outcome.get(p.outcome, ""), width=18),
        Column(lambda: _("Reason for extension"), lambda p: p.extension_reason, width=30),
    ]


def placements_workbook(placements, access, today, out=None):
    """Write the placements (a queryset) as XLSX, as far as the user may see them, to `out` (a path or file).

    Return (the bytes if no `out` was given, else None; number of rows).
    """
    # Employee representatives see no health details anywhere: leave the columns out altogether.
    cols = [c for c in columns(today, CentreNames(), Labels()) if access.sees_health_anywhere or not c.health]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Placements"))
    for index, column in enumerate(cols, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in cols:
        cell = WriteOnlyCell(sheet, value=column.header())
        cell.font = bold
        header.append(cell)
    sheet.append(header)

    # One styled cell per formatted column, refilled for every row: the write-only sheet writes a
    # row as soon as it is appended, and creating styled cells per value costs more than the rest.
    plan = []
    for column in cols:
        styled = None
        if column.number_format:
            styled = WriteOnlyCell(sheet)
            styled.number_format = column.number_format
        plan.append((column.value, column.health, styled))

    rows = 0
    query = placements.select_related("person", "scheme", "workplace", "mentor")
    for placement in query.iterator(chunk_size=2000):
        health = access.sees_health_of(placement)
        row = []
        for value_of, is_health, styled in plan:
            value = value_of(placement) if health or not is_health else None
            if value is None or value == "":
                row.append(None)  # an empty cell, which write-only mode skips
            elif styled is not None:
                styled.value = value
                row.append(styled)
            else:
                row.append(value)
        sheet.append(row)
        rows += 1
    if out is not None:
        workbook.save(out)
        return None, rows
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), rows


def build_export(user, params, path):
    """Make the export a user asked for on the list (exports.service, in the worker): the same rows, as that user.

    `params` = {"filters": {name: [values]}, "sort": …, "today": ISO date} as the list was filtered when
    asked. Audited as the export in the request was: the filter and the number of rows.
    """
    access = access_for(user)
    today = date.fromisoformat(params["today"])
    data = QueryDict(mutable=True)
    for name, values in params["filters"].items():
        data.setlist(name, values)
    filterset, placements, _sort = filtered(access, data, params.get("sort", ""), today)
    if filterset.unit_outside_scope or not filterset.is_valid():
        raise Refused  # a unit no longer the user's, a scheme gone: exports.service says so in Danish
    _none, rows = placements_workbook(placements, access, today, path)
    shown = filterset.data.copy()
    shown.pop("side", None)
    log.record(  # the search text is written as typed; log.record masks a CPR number in it
        user, AuditEntry.Action.EXPORT, object_type="placement",
        detail=ngettext("Filter: %(filter)s; %(rows)s row", "Filter: %(filter)s; %(rows)s rows", rows) % {
            "filter": shown.urlencode() or _("none"), "rows": rows,
        },
    )
    return f"ansaettelser-{today:%Y-%m-%d}.xlsx", rows
