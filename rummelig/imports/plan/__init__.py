"""Compare staged records with the database and work out exactly what an import would change.

The plan IS the preview and the dry run: it lists what would be added, updated (with the fields
that differ), ended, removed and left unchanged, as typed `Change` rows, and holds the rows (`bulk.New`,
new Unit instances, and (pk, values) updates) that `apply.apply_plan` writes with bulk operations.
The database is read once, into dicts keyed by payroll id (`register.py`); nothing here queries per
record, builds a label or a URL (that is `display.py`'s).

One module per thing planned, in this order (a step that finds a problem stops the plan):
`units.py`, `codes.py` (payroll codes), `employments.py` (people and employments, which asks
`placements.py` for the placement of an employment on special terms), `leaves.py` (OPUS leaves),
`roles.py` (the leder role of each manager from payroll).

Rules (see README in this package for the reasons):
- Units are matched by `Unit.payroll_id`, people by CPR (without CPR: through the employment's
  payroll number), employments by `Employment.payroll_number`.
- A record absent from the file changes nothing (OPUS dumps are deltas). Only an end date in the
  file, or an OPUS `action="leave"`, ends an employment; units get `valid_to`, never deleted.
- An OPUS employment without `<entryDate>` starts on the dump date ("known since"); an earlier
  start already in Rummelig is kept.
- `workContractText` "Annulleret" (SD status S): the employment never was. It is removed if
  Rummelig has it (with the placement the import made for it), and never created.
- Payroll codes map through PayrollCodeMapping to ordinary employment or a scheme. An unknown code
  stops the import (HR maps the code, and imports again): never guessed.
- An employment mapped to a scheme is subsidised and has a placement kept in step with it.
"""

from django.utils import timezone

from ..parsers import check_references
from ..sources import Staged
from .codes import unknown_codes
from .employments import EmploymentPlanner
from .leaves import plan_leaves
from .placements import PlacementPlanner
from .register import Register
from .result import MAX_CHANGES, Change, FieldChange, Plan
from .roles import plan_roles
from .units import UnitPlanner, check_unique_ids

__all__ = ["MAX_CHANGES", "Change", "FieldChange", "Plan", "make_plan"]


def make_plan(staged: Staged) -> Plan:
    """Compare the staged records with the database; return the plan (check `plan.ok`)."""
    plan = Plan(staged=staged, now=timezone.now(), problems=list(staged.problems), notices=list(staged.notices))
    if not plan.ok:
        return plan
    register = Register()
    check_unique_ids(plan, register, register.load_units())
    plan.all_units = register.all_units
    plan.units_by_source = dict(register.units)
    if not plan.ok:
        return plan
    plan.problems.extend(check_references(staged.units, staged.employments, register.units, file=staged.file))
    if not plan.ok:
        return plan
    register.load_codes(staged.source)
    plan.unknown_codes = unknown_codes(plan, register.codes)
    if not plan.ok:
        return plan
    UnitPlanner(plan, register).plan_units()
    if not plan.ok:
        return plan
    register.load_people_and_employments()
    employments = EmploymentPlanner(plan, register, PlacementPlanner(plan, register))
    employments.plan_employments()
    plan_leaves(plan, register)
    plan_roles(plan, register, employments.account_updates)
    return plan
