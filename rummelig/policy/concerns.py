"""Concerns: whom an employee may tell, and the counts the working-environment group and MED see.

Recipients: the active users holding a current leder, AMR or TR role for the employee's workplace or
a unit above it (a role covers its sub-units, as everywhere in Rummelig).

Counts: per quarter, by unit (centre) and kind, suppressed (counts 1-4 as "<5", with secondary
suppression) for every reader, never a case. Only quarters that have ended are shown: a concern is
dated when it is reported and cannot be back-dated, so an ended quarter's counts never change, and
comparing the page from day to day tells nothing about a new concern.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from rummelig.accounts.models import Role, RoleAssignment
from rummelig.organisation.models import Unit
from rummelig.people.models import Employment
from rummelig.reports.tables import Column, Row, Table, publish

from .models import Concern

RECIPIENT_ROLES = (Role.LEDER, Role.AMR, Role.TR)


def prefixes(path):
    """Return the paths of a unit and the units above it, nearest first."""
    parts = [part for part in path.strip("/").split("/") if part]
    return ["/" + "/".join(parts[:i]) + "/" for i in range(len(parts), 0, -1)]


def workplaces_of(person, day=None):
    """The units of the person's current employments."""
    day = day or timezone.localdate()
    ids = Employment.objects.active_on(day).filter(person=person).values("unit_id")
    return Unit.objects.filter(pk__in=ids).order_by("name")


@dataclass(frozen=True)
class Recipient:
    user: object
    role: str
    unit: Unit

    @property
    def key(self):
        return f"{self.user.pk}:{self.role}"

    @property
    def label(self):
        return f"{self.user.get_full_name() or self.user.username} ({Role(self.role).label}, {self.unit.name})"


def recipients_for(workplace, *, exclude_user=None, day=None):
    """Return the leder, AMR and TR of the workplace (or of a unit above it), nearest first, each user once per role."""
    paths = prefixes(workplace.path)
    assignments = (
        RoleAssignment.current(day)
        .filter(role__in=RECIPIENT_ROLES, user__is_active=True, unit__path__in=paths)
        .select_related("user", "unit")
    )
    ordered = sorted(assignments, key=lambda a: (RECIPIENT_ROLES.index(a.role), paths.index(a.unit.path), a.user.username))
    seen, result = set(), []
    for a in ordered:
        if exclude_user is not None and a.user_id == exclude_user.pk:
            continue
        if (a.user_id, a.role) not in seen:
            seen.add((a.user_id, a.role))
            result.append(Recipient(a.user, a.role, a.unit))
    return result


def quarter_of(day):
    return (day.year, (day.month - 1) // 3 + 1)


def quarter_bounds(year, quarter):
    first = date(year, 3 * (quarter - 1) + 1, 1)
    last = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return first, last  # last is the first day after the quarter


def ended_quarters(today=None, count=8):
    """The last ``count`` quarters that have ended, latest first, as (year, quarter)."""
    year, quarter = quarter_of(today or timezone.localdate())
    result = []
    for _i in range(count):
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
        result.append((year, quarter))
    return result


def count_rows(scope):
    """The units a count table has as rows: the scope's centres, or (a scope below the centres) its top units."""
    areas = list(scope.filter(kind=Unit.Kind.AREA).order_by("name"))
    if areas:
        return areas
    units = list(scope.order_by("path"))
    ids = {u.pk for u in units}
    return [u for u in units if u.parent_id not in ids]


def concern_table(scope, year, quarter):
    """Return the suppressed Table of concerns reported in the quarter, by unit (rows) and kind (columns)."""
    rows = count_rows(scope)
    first, after = quarter_bounds(year, quarter)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(timezone.datetime(first.year, first.month, first.day), tz)
    end = timezone.make_aware(timezone.datetime(after.year, after.month, after.day), tz)
    paths = list(Concern.objects.filter(reported_at__gte=start, reported_at__lt=end).values_list("kind", "workplace__path"))
    kinds = list(Concern.Kind)
    cells = {(row.pk, kind.value): 0 for row in rows for kind in kinds}
    for kind, path in paths:
        row = next((r for r in rows if path.startswith(r.path)), None)
        if row is not None:
            cells[(row.pk, kind)] += 1
    if not rows:
        return None
    published = publish(cells, suppress=True)
    table_rows = [Row(r.name, [published.value(r.pk, k.value) for k in kinds] + [published.row_total(r.pk)]) for r in rows]
    table_rows.append(Row(_("Total"), [published.col_total(k.value) for k in kinds] + [published.grand_total()], total=True))
    return Table(
        key="bekymringer",
        title=_("Concerns reported in Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year},
        row_header=_("Unit"),
        columns=[Column(k.label) for k in kinds] + [Column(_("Total"))],
        rows=table_rows,
        note=_("Counts of 1-4 are shown as <5, and some other counts as x, so that no one can work out who is behind a number."),
        with_previous=False,
    )
