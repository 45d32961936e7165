"""Write a plan to the database with bulk operations, inside the caller's transaction.

Order: units (created without parents, then parents set, then every materialised path checked),
people, employments (cancelled ones removed first), placements and their links. Every step works
in batches and reports progress; nothing here is per-row SQL.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from rummelig.accounts.models import Role, RoleAssignment, RoleSource
from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person
from rummelig.placements.models import Placement

from . import bulk
from .models import ImportedPlacementLink
from .plan import Plan
from .progress import NoProgress, Progress


def apply_plan(plan: Plan, *, user=None, run=None, progress: Progress | None = None) -> None:
    """Write the plan; call inside transaction.atomic() so any error leaves nothing written."""
    progress = progress or NoProgress()
    _apply_units(plan, progress)
    bulk.insert(Person, plan.new_people, progress)
    bulk.update(Person, plan.updated_people, progress)

    if plan.removed_placement_ids:
        Placement.objects.filter(pk__in=plan.removed_placement_ids).delete()
        progress.step(len(plan.removed_placement_ids))
    if plan.removed_employment_ids:
        Employment.objects.filter(pk__in=plan.removed_employment_ids).delete()
        progress.step(len(plan.removed_employment_ids))
    bulk.insert(Employment, plan.new_employments, progress)
    bulk.update(Employment, plan.updated_employments, progress)

    creator = user.pk if user is not None and user.is_authenticated else None
    for placement in plan.new_placements:
        placement.values["created_by_id"] = creator
    bulk.insert(Placement, plan.new_placements, progress)
    bulk.update(Placement, plan.updated_placements, progress)
    for link in plan.links:
        link.values.update(source=plan.staged.source, run_id=run.pk if run is not None else None)
    bulk.insert(ImportedPlacementLink, plan.links, progress)
    _apply_roles(plan, user, progress)


def _apply_roles(plan: Plan, user, progress: Progress) -> None:
    """Create the users payroll's managers need, and give, change and take away their payroll leder roles.

    Few rows (managers change seldom), so plain ORM calls; each role change is audited on its own.
    """
    actor = user if user is not None and user.is_authenticated else None
    created = {}
    for username in plan.new_users:
        login = get_user_model().objects.create_user(username=username, password=None)  # unusable password
        created[username.casefold()] = login
        log.record(actor, AuditEntry.Action.CREATE, login, changes={"username": [None, username]},
                   detail=_("Created by an import for a manager's leder role from payroll."))  # fmt: skip
    progress.step(len(plan.new_users))
    if plan.removed_role_ids:
        for role in RoleAssignment.objects.filter(pk__in=plan.removed_role_ids).select_related("unit", "user"):
            log.record(actor, AuditEntry.Action.DELETE, role, changes=_role_values(role, before=True),
                       detail=_("Leder role from payroll: no longer the unit's manager."))  # fmt: skip
        RoleAssignment.objects.filter(pk__in=plan.removed_role_ids).delete()
        progress.step(len(plan.removed_role_ids))
    for pk, values in plan.updated_roles:
        role = RoleAssignment.objects.select_related("unit", "user").get(pk=pk)
        changes = {name: [str(getattr(role, name) or ""), str(value or "")] for name, value in values.items()}
        RoleAssignment.objects.filter(pk=pk).update(**values)
        log.record(actor, AuditEntry.Action.UPDATE, role, changes=changes, detail=_("Leder role from payroll: the employment's period changed."))
    progress.step(len(plan.updated_roles))
    for wanted in plan.new_roles:
        login_id = wanted.user if isinstance(wanted.user, int) else created[wanted.user].pk
        role = RoleAssignment.objects.create(
            user_id=login_id, role=Role.LEDER, unit_id=wanted.unit.pk, source=RoleSource.PAYROLL,
            valid_from=wanted.valid_from, valid_until=wanted.valid_until,
        )  # fmt: skip
        log.record(actor, AuditEntry.Action.CREATE, role, changes=_role_values(role, before=False),
                   detail=_("Leder role from payroll: the unit's manager."))  # fmt: skip
    progress.step(len(plan.new_roles))


def _role_values(role: RoleAssignment, *, before: bool) -> dict:
    values = {"user": str(role.user_id), "role": role.role, "unit": str(role.unit_id), "source": role.source,
              "valid_from": str(role.valid_from or ""), "valid_until": str(role.valid_until or "")}  # fmt: skip
    return {name: [value, None] if before else [None, value] for name, value in values.items()}


def _apply_units(plan: Plan, progress: Progress) -> None:
    """Create and update units, and bring every materialised path in step, in one pass.

    New units get their ids before they are written, so parents, paths and depths are worked out
    in memory first (parents before children does not matter then) and each row is written once.
    """
    by_source = plan.units_by_source
    for unit, pk in zip(plan.new_units, bulk.reserve_ids(Unit, len(plan.new_units)), strict=True):
        unit.pk = pk
    for unit in plan.new_units + plan.updated_units:
        key = id(unit)
        if key in plan.unit_parents:
            parent_source = plan.unit_parents[key]
            unit.parent_id = by_source[parent_source].pk if parent_source else None
    units = dict(plan.all_units)
    units.update({unit.pk: unit for unit in plan.new_units})
    old_paths = {pk: (unit.path, unit.depth) for pk, unit in plan.all_units.items()}
    _set_paths(units)

    fields = [field.attname for field in Unit._meta.concrete_fields if not field.primary_key]
    rows = [bulk.New(**{name: getattr(unit, name) for name in fields}) for unit in plan.new_units]
    bulk.insert(Unit, rows, progress, ids=[unit.pk for unit in plan.new_units])
    updated = {id(unit) for unit in plan.updated_units}
    changes = []
    for pk, unit in plan.all_units.items():
        if id(unit) in updated:
            changes.append((pk, {name: getattr(unit, name) for name in UNIT_FIELDS}))
        elif old_paths[pk] != (unit.path, unit.depth):
            changes.append((pk, {"path": unit.path, "depth": unit.depth}))
    bulk.update(Unit, changes, progress)


UNIT_FIELDS = ("name", "parent_id", "p_number", "cost_centre", "valid_from", "valid_to", "path", "depth")


def _set_paths(units: dict[int, Unit]) -> None:
    """Set every unit's materialised path ("/1/5/12/") and depth from the parent links."""
    paths: dict[int, str] = {}
    for unit in units.values():
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
            node.path, node.depth = base, base.count("/") - 2
