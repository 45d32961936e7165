"""The audit log in its readers' words: record types, field names and values as the pages show them.

An entry stores field names and plain values ("kind": ["", "maaltal"]); the audit page and a
target's history show them through `changed_fields`: the field's verbose name, a choice's label,
a date as 31.12.2025, a decimal as 37 or 37,5, yes/no for booleans.
"""

import re
from datetime import date

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rummelig.core.formats import plain_number

# Logged record types that are not models, and fields that are not model fields.
OTHER_TYPES = {
    "annual_report": gettext_lazy("annual report"),
    "demo": gettext_lazy("demo data"),
}
OTHER_FIELDS = {
    "schemes": gettext_lazy("schemes"),
    "units_added": gettext_lazy("new units"), "units_updated": gettext_lazy("changed units"),
    "units_ended": gettext_lazy("ended units"), "units_unchanged": gettext_lazy("unchanged units"),
    "employments_added": gettext_lazy("new employments"), "employments_updated": gettext_lazy("changed employments"),
    "employments_ended": gettext_lazy("ended employments"), "employments_unchanged": gettext_lazy("unchanged employments"),
    "employments_removed": gettext_lazy("removed employments"),
    "people_added": gettext_lazy("new people"), "people_updated": gettext_lazy("changed people"),
    "placements_added": gettext_lazy("new placements from payroll"), "placements_updated": gettext_lazy("changed placements from payroll"),
    "placements_removed": gettext_lazy("removed placements from payroll"),
    "roles_added": gettext_lazy("new leder roles from payroll"), "roles_updated": gettext_lazy("changed leder roles from payroll"),
    "roles_removed": gettext_lazy("removed leder roles from payroll"),
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DECIMAL = re.compile(r"^-?\d+\.\d+$")


def model_of(object_type):
    for model in apps.get_models():
        if model._meta.model_name == object_type:
            return model
    return None


def object_type_label(object_type):
    """Return the Danish name of a logged record type ("unit" → "enhed", "annual_report" → "årsrapport")."""
    if object_type in OTHER_TYPES:
        return OTHER_TYPES[object_type]
    model = model_of(object_type)
    return model._meta.verbose_name if model is not None else object_type


def _field(model, name):
    try:
        return model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        return None


def field_label(model, name):
    if name in OTHER_FIELDS:
        return capfirst(OTHER_FIELDS[name])
    field = _field(model, name)
    return capfirst(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else name


def value_label(model, name, value):
    """Return a logged value as the pages show it; "–" for nothing."""
    if value is None or value == "":
        return "–"
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    field = _field(model, name)
    choices = dict(field.flatchoices) if field is not None and getattr(field, "choices", None) else {}
    if value in choices:
        return str(choices[value])
    if isinstance(value, str) and ISO_DATE.match(value):
        return date.fromisoformat(value).strftime("%d.%m.%Y")
    if isinstance(value, str) and DECIMAL.match(value):
        return plain_number(value)
    return str(value)


def changed_fields(entry):
    """Return [{field, before, after}] of an entry's changes, in the readers' words."""
    model = model_of(entry.object_type)
    return [
        {"field": field_label(model, name), "before": value_label(model, name, values[0]), "after": value_label(model, name, values[1])}
        for name, values in sorted((entry.changes or {}).items())
        if isinstance(values, (list, tuple)) and len(values) == 2
    ]
