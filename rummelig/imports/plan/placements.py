"""Plan the placement of an employment whose payroll code maps to a scheme: create it, adopt one HR
registered by hand (same person, scheme and workplace, overlapping period), or keep the linked one in step."""

from django.utils.translation import gettext as _

from rummelig.organisation.models import Unit

from ..bulk import New
from .register import ExistingEmployment, ExistingPlacement, Register
from .result import FieldChange, Plan, pk_of


class PlacementPlanner:
    def __init__(self, plan: Plan, register: Register):
        self.plan = plan
        self.register = register

    def plan_placement(
        self, key: str, employment, existing: ExistingEmployment | None, person, unit: Unit, scheme_id: int,
        start, end, hours, name: str,
    ) -> None:  # fmt: skip
        """Keep the placement of an employment mapped to a scheme in step (create, link or update it)."""
        plan, register = self.plan, self.register
        wanted = {
            "person_id": person,
            "scheme_id": scheme_id,
            "workplace_id": unit,
            "start": start,
            "planned_end": end,
            "hours_per_week": hours,
        }
        link = register.links.get(existing.pk) if existing is not None else None
        if link is not None and link[0] in register.placements:
            self._update(register.placements[link[0]], key, wanted, name)
            return
        candidate = self._adoptable(person, unit, scheme_id, start, end)
        if candidate is not None:
            plan.links.append(New(employment_id=employment, placement_id=candidate.pk, adopted=True))
            self._update(candidate, key, wanted, name, adopted=True)
            return
        placement = New(ends_on=end, **wanted)
        plan.new_placements.append(placement)
        plan.links.append(New(employment_id=employment, placement_id=placement, adopted=False))
        plan.counts["placements_added"] += 1
        plan.change(
            "placement", "added", key, name,
            [FieldChange("scheme", None, register.scheme_name(scheme_id)), FieldChange("workplace", None, unit.name)],
        )  # fmt: skip

    def _adoptable(self, person, unit: Unit, scheme_id: int, start, end) -> ExistingPlacement | None:
        """Return an unlinked placement of the same person, scheme and workplace whose period overlaps."""
        if not isinstance(person, int) or unit.pk is None:
            return None
        candidates = self.register.unlinked.get((person, scheme_id, unit.pk))
        if not candidates:
            return None
        for placement in candidates:
            placement_end = placement.actual_end or placement.planned_end
            if (end is None or placement.start <= end) and (placement_end is None or placement_end >= start):
                candidates.remove(placement)
                return placement
        return None

    def _update(self, placement: ExistingPlacement, key: str, wanted: dict, name: str, adopted=False) -> None:
        plan = self.plan
        wanted = dict(wanted)
        if placement.actual_end is not None and placement.actual_end < wanted["start"]:
            plan.notice(
                "",
                _("The placement of %(name)s keeps its start date: it ended %(end)s, before the start date in payroll.")
                % {"name": name, "end": f"{placement.actual_end:%d.%m.%Y}"},
            )
            wanted["start"] = placement.start
        diffs = []
        for field, value in wanted.items():
            old = getattr(placement, field)
            if old != pk_of(value):
                diffs.append(FieldChange(field.removesuffix("_id"), self._value(field, old), self._value(field, value)))
        if not diffs:
            if adopted:
                plan.change("placement", "linked", key, name)
            return
        wanted["ends_on"] = placement.actual_end or wanted["planned_end"]
        wanted["updated_at"] = plan.now
        plan.updated_placements.append((placement.pk, wanted))
        plan.counts["placements_updated"] += 1
        plan.change("placement", "linked" if adopted else "updated", key, name, diffs)

    def _value(self, field: str, value):
        """Return a value for the change row: a name for a person, scheme or workplace, else the value."""
        if isinstance(value, New):
            return f"{value['first_name']} {value['last_name']}".strip()
        if isinstance(value, Unit):
            return value.name
        if field == "scheme_id":
            return self.register.scheme_name(value)
        if field == "workplace_id":
            return self.register.unit_name(value)
        if field == "person_id":
            return self.register.person_name(value)
        return value
