"""How the import pages and commands word a run: the names of entities and actions, field labels,
values as HR reads them (dd.mm.åååå, 0,8, ja/nej) and the link to the payroll code page.

The planner deals in field names and values (`plan.Change`); this module turns them into the rows
the run keeps (`ImportRun.changes`) and the problems HR is shown, so the run reads the same later.
"""

from datetime import date
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from rummelig.accounts.models import RoleAssignment
from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person
from rummelig.placements.models import Placement

from .parsers import ImportProblem
from .plan import Change, Plan

CHANGE_LABELS = {
    "unit": gettext_lazy("Unit"),
    "employment": gettext_lazy("Employment"),
    "person": gettext_lazy("Person"),
    "placement": gettext_lazy("Placement"),
    "role": gettext_lazy("Leder role from payroll"),
    "added": gettext_lazy("New"),
    "updated": gettext_lazy("Changed"),
    "ended": gettext_lazy("Ended"),
    "removed": gettext_lazy("Removed"),
    "linked": gettext_lazy("Linked to payroll"),
}
MODELS = {"unit": Unit, "person": Person, "employment": Employment, "placement": Placement, "role": RoleAssignment}


def change_rows(changes: list[Change]) -> list[dict]:
    """Return the changes as the run keeps them: {entity, action, key, label, fields: [[label, before, after]]}."""
    labels: dict[tuple[str, str], str] = {}
    rows = []
    for change in changes:
        fields = []
        for field in change.fields:
            key = (change.entity, field.field)
            if key not in labels:
                labels[key] = capfirst(str(MODELS[change.entity]._meta.get_field(field.field).verbose_name))
            fields.append([labels[key], show(field.before), show(field.after)])
        rows.append({"entity": change.entity, "action": change.action, "key": change.key, "label": change.name,
                     "fields": fields})  # fmt: skip
    return rows


def show(value) -> str:
    """Return a value as HR reads it: dates dd.mm.åååå, decimals with a comma, booleans ja/nej."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        return date_format(value, "d.m.Y")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    return str(value)


def problems_of(plan: Plan) -> list[ImportProblem]:
    """Return the plan's problems and, after them, one for each payroll code HR has not mapped."""
    return list(plan.problems) + code_problems(plan.staged.file, plan.unknown_codes)


def code_problems(file: str, unknown_codes: list[dict]) -> list[ImportProblem]:
    """Say where each unknown payroll code is, how often, and where HR maps it."""
    problems = []
    for entry in unknown_codes:
        text = f" ({entry['text']})" if entry["text"] else ""
        message = ngettext(
            "The payroll code '%(code)s'%(text)s is not mapped to ordinary employment or a scheme "
            "(%(count)s employment in the file). Map it on the page Payroll codes (linked below) and "
            "import the file again.",
            "The payroll code '%(code)s'%(text)s is not mapped to ordinary employment or a scheme "
            "(%(count)s employments in the file). Map it on the page Payroll codes (linked below) and "
            "import the file again.",
            entry["count"],
        ) % {"code": entry["code"], "text": text, "count": entry["count"]}
        problems.append(ImportProblem(file, entry["location"], message))
    return problems
