"""KOMPUS coverage: the share of a unit's staff whose competence dialogue is held this year.

Staff of a unit = the persons with a current ordinary employment (active on the day, not subsidised)
in the unit or a unit under it, counted once each. A centre's figure counts its workplaces' staff.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone

from rummelig.organisation.models import Unit
from rummelig.people.models import Employment

from .models import CompetenceDialogue, KompusSetting


@dataclass
class Coverage:
    unit: Unit
    staff: int
    held: int

    @property
    def missing(self):
        return self.staff - self.held

    @property
    def share(self):
        """Held as a share of staff in per cent (None without staff)."""
        return None if not self.staff else round(100 * self.held / self.staff, 1)


def staff_day(year, today=None):
    """The day staff are counted on: today in the current year, the last day of an earlier year."""
    today = today or timezone.localdate()
    return today if year >= today.year else date(year, 12, 31)


def _roots(units):
    """Return the paths of the units not under another unit of the list (their subtrees cover the others)."""
    roots: list[str] = []
    for path in sorted({unit.path for unit in units}):
        if not any(path.startswith(root) for root in roots):
            roots.append(path)
    return roots


def _staff(units, day):
    """Return [(person id, unit path)] of the current ordinary employments in the units' subtrees."""
    roots = _roots(units)
    if not roots:
        return []
    q = Q(pk__in=[])
    for path in roots:
        q |= Q(unit__path__startswith=path)
    return list(Employment.objects.active_on(day).filter(q, subsidised=False).values_list("person_id", "unit__path").distinct())


def _prefixes(path):
    """Return the paths of a unit and the units above it ("/1/4/9/" → "/1/", "/1/4/", "/1/4/9/")."""
    parts = [part for part in path.strip("/").split("/") if part]
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]


def coverage(units, year, today=None):
    """Return a Coverage per unit (in the order given) for the dialogues of ``year``."""
    units = list(units)
    rows = _staff(units, staff_day(year, today))
    held = set(CompetenceDialogue.objects.filter(year=year, person_id__in={p for p, _ in rows}).values_list("person_id", flat=True))
    under: dict[str, set] = {}
    for person_id, path in rows:
        for prefix in _prefixes(path):
            under.setdefault(prefix, set()).add(person_id)
    result = []
    for unit in units:
        people = under.get(unit.path, set())
        result.append(Coverage(unit, len(people), len(people & held)))
    return result


def missing(units, year, today=None):
    """Return {person id: [unit, …]} of the staff of the units without a dialogue in ``year``."""
    units = list(units)
    rows = _staff(units, staff_day(year, today))
    held = set(CompetenceDialogue.objects.filter(year=year, person_id__in={p for p, _ in rows}).values_list("person_id", flat=True))
    result = {}
    for person_id, path in rows:
        if person_id not in held:
            result.setdefault(person_id, set()).add(path)
    return result


def alerting(today=None):
    """True when lederne are alerted of missing dialogues: from HR's month to the end of the year."""
    today = today or timezone.localdate()
    return today.month >= KompusSetting.get().reminder_month


def report_units(scope):
    """The units a coverage table shows for a scope: its centres and workplaces (the municipality too if in it)."""
    return scope.filter(kind__in=[Unit.Kind.MUNICIPALITY, Unit.Kind.AREA, Unit.Kind.WORKPLACE], valid_to__isnull=True).order_by("path")
