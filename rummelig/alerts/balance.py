"""Balance: temporary special-terms staff as a share of ordinary staff, per unit. The one definition of
"balance": unit pages, flags and the annual report's balance section (which sums the same schemes) agree.

Ballerup's policy: staff on special terms "må aldrig blive en forudsætning for varetagelsen af den
daglige drift". Rummelig measures it per unit (a workplace, and a centre with everything under it)
on a day:

- temporary special-terms staff: placements active on the day whose scheme version in force on
  that day is not permanent (løntilskud, praktik, elever …; fleksjob and skånejob are permanent);
- ordinary staff: the headcount of active employments that are not subsidised;
- share = temporary / ordinary, in per cent; a unit is flagged when the share is above its
  ``balance_threshold`` (HR sets it per unit, default 12 %), or when it has temporary staff and no
  ordinary staff at all.

Two grouped queries for any number of units; sub-units are added up in Python along the paths.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from rummelig.organisation.models import Unit
from rummelig.people.models import Employment
from rummelig.placements.models import Placement
from rummelig.schemes.models import SchemeVersion


@dataclass(frozen=True)
class Balance:
    unit: Unit
    temporary: int
    ordinary: int

    @property
    def share(self):
        """Return the share in per cent (one decimal), or None without ordinary staff."""
        if not self.ordinary:
            return None
        return (Decimal(self.temporary) * 100 / self.ordinary).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def threshold(self):
        return self.unit.balance_threshold

    @property
    def flagged(self):
        if self.ordinary == 0:
            return self.temporary > 0
        return Decimal(self.temporary) * 100 / self.ordinary > self.threshold


def temporary_scheme_ids(day):
    """Return the ids of schemes whose version in force on ``day`` is temporary."""
    versions = SchemeVersion.objects.in_force_on(day).filter(permanent=False)
    return set(versions.values_list("scheme_id", flat=True))


def balances(units, day):
    """Return {unit id: Balance} for the units (a queryset), each counting its whole subtree."""
    units = list(units.filter(kind__in=[Unit.Kind.AREA, Unit.Kind.WORKPLACE]))
    if not units:
        return {}
    scope = Q()
    for path in _top_paths(u.path for u in units):
        scope |= Q(path__startswith=path)
    unit_paths = dict(Unit.objects.filter(scope).values_list("pk", "path"))
    temporary = (
        Placement.objects.filter(workplace_id__in=unit_paths, scheme_id__in=temporary_scheme_ids(day))
        .active_on(day)
        .order_by()
        .values("workplace_id")
        .annotate(n=Count("pk"))
    )
    ordinary = (
        Employment.objects.filter(unit_id__in=unit_paths, subsidised=False)
        .active_on(day)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"))
    )
    temporary_by_path, ordinary_by_path = defaultdict(int), defaultdict(int)
    for row in temporary:
        temporary_by_path[unit_paths[row["workplace_id"]]] += row["n"]
    for row in ordinary:
        ordinary_by_path[unit_paths[row["unit_id"]]] += row["n"]
    result = {}
    for unit in units:
        result[unit.pk] = Balance(
            unit,
            temporary=sum(n for path, n in temporary_by_path.items() if path.startswith(unit.path)),
            ordinary=sum(n for path, n in ordinary_by_path.items() if path.startswith(unit.path)),
        )
    return result


def flagged_units(units, day):
    """Return the Balances of the units above their threshold, highest share first."""
    flagged = [b for b in balances(units, day).values() if b.flagged]
    return sorted(flagged, key=lambda b: (b.share is not None, -(b.share or 0), b.unit.name))


def _top_paths(paths):
    """Return the paths not below another path of the list."""
    result = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(top) for top in result):
            result.append(path)
    return result
