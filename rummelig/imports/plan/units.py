"""Plan the units: matched by payroll id, new ones placed in the tree, changed ones diffed, never deleted."""

from datetime import date

from django.utils.translation import gettext as _

from rummelig.organisation.models import Unit

from ..parsers import UnitRecord
from .register import Register
from .result import FieldChange, Plan


def check_unique_ids(plan: Plan, register: Register, duplicates: set[str]) -> None:
    """Stop an import that names a payroll id several units in Rummelig have."""
    staged = plan.staged
    file_ids = {record.source_id for record in staged.units} | {record.unit_source_id for record in staged.employments}
    for payroll_id in sorted(duplicates & file_ids):
        plan.problem(
            "",
            _("Several units in Rummelig have the payroll id '%(id)s'; give each unit its own id before importing.")
            % {"id": payroll_id},
        )


class UnitPlanner:
    def __init__(self, plan: Plan, register: Register):
        self.plan = plan
        self.register = register
        self.records = {record.source_id: record for record in plan.staged.units}

    def plan_units(self) -> None:
        plan, register = self.plan, self.register
        parent_of = {record.source_id: record.parent_source_id for record in self.records.values()}
        earliest_start: dict[str, date] = {}
        for record in plan.staged.employments:
            known = earliest_start.get(record.unit_source_id)
            if known is None or record.start < known:
                earliest_start[record.unit_source_id] = record.start
        self._check_cycles()
        if plan.problems:
            return
        has_children = set(parent_of.values()) | {
            register.all_units[unit.parent_id].payroll_id for unit in register.all_units.values() if unit.parent_id
        }
        for record in self.records.values():
            existing = register.units.get(record.source_id)
            if existing is None:
                self._new_unit(record, has_children, earliest_start)
            else:
                self._update_unit(existing, record)

    def _parent_source(self, source_id: str) -> str | None:
        """Return the payroll id of a unit's parent once imported: the file's, else the database's."""
        if source_id in self.records:
            return self.records[source_id].parent_source_id
        unit = self.register.units.get(source_id)
        if unit is None or not unit.parent_id:
            return None
        return self.register.all_units[unit.parent_id].payroll_id or None

    def _check_cycles(self) -> None:
        """Report a unit that would lie under itself once the file's parents meet the database's."""
        for source_id in self.records:
            seen = {source_id}
            current = self._parent_source(source_id)
            while current is not None:
                if current in seen:
                    self.plan.problem(
                        self.records[source_id].location,
                        _("The unit '%(id)s' would lie under itself: its parent units in the file and in Rummelig form a loop.")
                        % {"id": source_id},
                    )
                    break
                seen.add(current)
                current = self._parent_source(current)

    def _depth(self, source_id: str) -> int:
        """Return how deep a unit will lie (0 = the top), following the file's parents, then the database's."""
        depth = 0
        current = source_id
        while current in self.records:
            parent = self.records[current].parent_source_id
            if parent is None:
                return depth
            depth += 1
            current = parent
        unit = self.register.units.get(current)
        return depth + (unit.depth if unit is not None else 0)

    def _new_unit(self, record: UnitRecord, has_children: set, earliest_start: dict[str, date]) -> None:
        plan = self.plan
        if record.parent_source_id is None:
            kind = Unit.Kind.MUNICIPALITY
        elif record.source_id in has_children and self._depth(record.source_id) == 1:
            kind = Unit.Kind.AREA
        else:
            kind = Unit.Kind.WORKPLACE
        reference = plan.staged.reference_date
        valid_from = record.valid_from
        if valid_from is None:
            valid_from = min(earliest_start.get(record.source_id, reference), reference)
        if record.valid_to is not None and record.valid_to < valid_from:
            valid_from = record.valid_to
        unit = Unit(
            name=plan.fit(record.name, 200, record.location, "name"),
            kind=kind,
            payroll_id=record.source_id,
            p_number=record.p_number or "",
            cost_centre=plan.fit(record.cost_centre, 50, record.location, "costCenter"),
            valid_from=valid_from,
            valid_to=record.valid_to,
        )
        plan.new_units.append(unit)
        plan.unit_parents[id(unit)] = record.parent_source_id
        plan.units_by_source[record.source_id] = unit
        plan.counts["units_added"] += 1
        plan.change("unit", "added", record.source_id, unit.name)

    def _update_unit(self, unit: Unit, record: UnitRecord) -> None:
        plan = self.plan
        was_open = unit.valid_to is None
        wanted = {
            "name": plan.fit(record.name, 200, record.location, "name"),
            "p_number": unit.p_number if record.p_number is None else record.p_number,
            "cost_centre": plan.fit(record.cost_centre, 50, record.location, "costCenter"),
            "valid_from": record.valid_from or unit.valid_from,
            "valid_to": record.valid_to,
        }
        if wanted["valid_to"] is not None and wanted["valid_to"] < wanted["valid_from"]:
            wanted["valid_from"] = wanted["valid_to"]
        diffs = []
        for name, value in wanted.items():
            old = getattr(unit, name)
            if old != value:
                diffs.append(FieldChange(name, old, value))
                setattr(unit, name, value)
        old_parent = self.register.all_units[unit.parent_id] if unit.parent_id else None
        old_parent_id = old_parent.payroll_id if old_parent is not None else None
        # A unit HR placed under a unit of their own (no payroll id) stays there if the file gives no parent.
        keeps_own_parent = old_parent is not None and not old_parent.payroll_id and record.parent_source_id is None
        if record.parent_source_id != old_parent_id and not keeps_own_parent:
            new_parent = self._unit_name(record.parent_source_id)
            diffs.append(FieldChange("parent", old_parent.name if old_parent else "", new_parent))
            plan.unit_parents[id(unit)] = record.parent_source_id
        if not diffs:
            plan.counts["units_unchanged"] += 1
            return
        plan.updated_units.append(unit)
        action = "ended" if was_open and unit.valid_to is not None else "updated"
        plan.counts[f"units_{action}"] += 1
        plan.change("unit", action, record.source_id, unit.name, diffs)

    def _unit_name(self, source_id: str | None) -> str:
        if source_id is None:
            return ""
        unit = self.plan.units_by_source.get(source_id)
        if unit is not None:
            return unit.name
        record = self.records.get(source_id)
        return record.name if record is not None else source_id
