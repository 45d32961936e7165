"""Write a plan to the database with bulk operations, inside the caller's transaction.

Order: units (created without parents, then parents set, then every materialised path checked),
people, employments (cancelled ones removed first), placements and their links. Every step works
in batches and reports progress; nothing here is per-row SQL.
"""

from django.utils import timezone

from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person
from rummelig.placements.models import Placement

from .models import ImportedPlacementLink
from .plan import Plan
from .progress import NoProgress, Progress

BATCH = 2000
PLACEMENT_FIELDS = ["person", "scheme", "workplace", "start", "planned_end", "ends_on", "hours_per_week", "updated_at"]


def _batches(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _create(model, objects, progress: Progress):
    for batch in _batches(objects):
        model.objects.bulk_create(batch, batch_size=BATCH)
        progress.step(len(batch))


def _update(model, objects, fields, progress: Progress):
    if not fields:
        return
    for batch in _batches(objects, 500):
        model.objects.bulk_update(batch, fields)
        progress.step(len(batch))


def apply_plan(plan: Plan, *, user=None, run=None, progress: Progress | None = None) -> None:
    """Write the plan; call inside transaction.atomic() so any error leaves nothing written."""
    progress = progress or NoProgress()
    _apply_units(plan, progress)
    now = timezone.now()
    for person in plan.new_people:
        person.created_at = person.updated_at = now
    _create(Person, plan.new_people, progress)
    for person in plan.updated_people:
        person.updated_at = now
    _update(Person, plan.updated_people, ["first_name", "last_name", "updated_at"], progress)

    if plan.removed_placement_ids:
        Placement.objects.filter(pk__in=plan.removed_placement_ids).delete()
        progress.step(len(plan.removed_placement_ids))
    if plan.removed_employment_ids:
        Employment.objects.filter(pk__in=plan.removed_employment_ids).delete()
        progress.step(len(plan.removed_employment_ids))
    _create(Employment, plan.new_employments, progress)
    _update(Employment, plan.updated_employments, sorted(plan.employment_update_fields), progress)

    placements = [placement for placement, _ in plan.new_placements]
    for placement in placements:
        placement.created_by = user if user is not None and user.is_authenticated else None
        placement.created_at = placement.updated_at = now
    _create(Placement, placements, progress)
    for placement in plan.updated_placements:
        placement.updated_at = now
    _update(Placement, plan.updated_placements, PLACEMENT_FIELDS, progress)
    links = [
        ImportedPlacementLink(employment_id=employment.pk, placement_id=placement.pk, source=plan.staged.source, run=run)
        for placement, employment in plan.new_placements
    ] + [
        ImportedPlacementLink(
            employment_id=employment.pk, placement_id=placement_pk, source=plan.staged.source, adopted=True, run=run
        )
        for placement_pk, employment in plan.adopted_links
    ]
    _create(ImportedPlacementLink, links, progress)


def _apply_units(plan: Plan, progress: Progress) -> None:
    """Create and update units, set their parents, and bring every materialised path in step."""
    for unit in plan.new_units:
        unit.path, unit.depth = "", 0
    _create(Unit, plan.new_units, progress)
    by_source = plan.units_by_source
    reparented = []
    for unit in plan.new_units + plan.updated_units:
        key = id(unit)
        if key in plan.unit_parents:
            parent_source = plan.unit_parents[key]
            unit.parent_id = by_source[parent_source].pk if parent_source else None
            reparented.append(unit)
    _update(Unit, plan.updated_units, ["name", "parent", "p_number", "cost_centre", "valid_from", "valid_to"], progress)
    new_ids = {id(unit) for unit in plan.new_units}
    _update(Unit, [unit for unit in reparented if id(unit) in new_ids], ["parent"], progress)

    units = dict(plan.all_units)
    units.update({unit.pk: unit for unit in plan.new_units})
    paths: dict[int, str] = {}

    def path_of(unit: Unit) -> str:
        chain = []
        current = unit
        while current.pk not in paths:
            chain.append(current)
            if current.parent_id is None:
                base = "/"
                break
            current = units[current.parent_id]
            if len(chain) > len(units):
                raise ValueError(f"unit {unit.pk} lies under itself")
        else:
            base = paths[current.pk]
        for node in reversed(chain):
            base = f"{base}{node.pk}/"
            paths[node.pk] = base
        return paths[unit.pk]

    moved = []
    for unit in units.values():
        path = path_of(unit)
        depth = path.count("/") - 2
        if unit.path != path or unit.depth != depth:
            unit.path, unit.depth = path, depth
            moved.append(unit)
    _update(Unit, moved, ["path", "depth"], progress)
