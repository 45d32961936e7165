"""Write audit entries. Views call these in the same transaction as the change or read they log.

CPR numbers never reach the log: a changed CPR is recorded as changed, without its values, and
anything shaped like a CPR number in the text of an entry (a search typed into a filter, a number
typed into a free-text field) is masked as "ddmmyy-xxxx" before it is written.
"""

from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

from django.apps import apps
from django.db import models
from django.db.models.fields.files import FieldFile

from rummelig.lib.cpr import cpr_shaped_numbers, mask_cprs_in_text

from .models import AuditEntry

# Field values that must not be written to the log, only the fact that they changed.
SECRET_FIELDS = {"cpr", "pending_cpr"}
HIDDEN = "***"
# Fields whose ten digits are known not to be a CPR number (a P-number may begin like a date).
NOT_CPR_FIELDS = {"p_number"}


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, FieldFile):  # an uploaded file: its stored (random) name, never its content
        return value.name or ""
    return value


def snapshot(instance, fields=None):
    """Return {field name: plain value} of a model instance's concrete fields."""
    names = fields or [f.name for f in instance._meta.concrete_fields if f.name not in ("id", "created_at", "updated_at")]
    result = {}
    for name in names:
        field = instance._meta.get_field(name)
        value = getattr(instance, field.attname)
        if field.many_to_one and value is not None:
            # A reader of the log wants "Plejecenter Åbjerg (#12)", not a bare id.
            value = f"{getattr(instance, field.name)} (#{value})"
        result[name] = _plain(value)
    return result


def diff(before, after):
    """Return {field: [before, after]} of the fields that differ, with secrets hidden."""
    changes = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            changes[name] = [HIDDEN, HIDDEN] if name in SECRET_FIELDS else [old, new]
    return changes


def _p_numbers(texts):
    """Return the CPR-shaped numbers in texts that are a workplace's P-number, and so stay readable."""
    candidates = set().union(*(cpr_shaped_numbers(text) for text in texts))
    if not candidates:
        return set()
    unit = apps.get_model("organisation", "Unit")
    return set(unit.objects.filter(p_number__in=candidates).values_list("p_number", flat=True))


def _masked_changes(changes, keep):
    """Return the changes with CPR-shaped text masked in every value but the fields known to hold no CPR."""
    return {
        name: values if name in NOT_CPR_FIELDS else [mask_cprs_in_text(v, keep) for v in values]
        if isinstance(values, (list, tuple)) else mask_cprs_in_text(values, keep)
        for name, values in (changes or {}).items()
    }


def record(user, action, obj=None, *, object_type=None, object_id="", object_repr="", changes=None, detail=""):
    """Write one audit entry and return it."""
    if obj is not None:
        object_type = object_type or obj._meta.model_name
        object_id = str(obj.pk)
        object_repr = object_repr or str(obj)
    values = [v for values in (changes or {}).values() for v in (values if isinstance(values, (list, tuple)) else [values])]
    keep = _p_numbers([object_repr, detail, *values])
    return AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        username=(user.get_username() if user is not None and user.is_authenticated else "system"),
        action=action,
        object_type=object_type or "",
        object_id=object_id,
        object_repr=mask_cprs_in_text(object_repr, keep)[:200],
        changes=_masked_changes(changes, keep),
        detail=mask_cprs_in_text(detail, keep),
    )


def list_read(user, object_type, filters, shown, total, where):
    """Audit a read of a list of people or placements (a page or an API call) as an export: who, filter, how many.

    `filters` is {name: value} of the filters given; a CPR number in them is masked by `record`.
    """
    given = ", ".join(f"{k}={v}" for k, v in sorted(filters.items()) if v not in (None, "")) or "ingen"
    return record(user, AuditEntry.Action.EXPORT, object_type=object_type,
                  detail=f"{where}: filter {given}; {shown} af {total} rækker")


def _stored(model, pk):
    """Return the row as the database has it (never an instance a form may already have changed), or None."""
    if pk is None:
        return None
    return model._base_manager.filter(pk=pk).first()


class Change:
    """What `change` yields: after the block, `entry` is the entry it wrote (None when nothing changed)."""

    entry = None


@contextmanager
def change(user, obj, *, object_type=None, fields=snapshot):
    """Audit what the block does to obj: ``with log.change(user, obj): form.save()``.

    The before is read from the database, so a form that changed the instance while it validated
    does not hide the change; the after is obj as the block saved it. One entry is written: a create when obj was
    not stored before, a delete when it is gone after, an update of the fields that differ, and
    nothing when nothing changed (or when the block raised: the transaction is rolled back).
    `fields` turns a stored instance into the {field: value} the log keeps (default: `snapshot`);
    `object_type` names the record type when it is not the model's name.
    """
    model, pk = type(obj), obj.pk
    old = _stored(model, pk)
    before = fields(old) if old is not None else None
    logged = Change()
    yield logged
    if old is not None and _stored(model, pk) is None:
        logged.entry = record(user, AuditEntry.Action.DELETE, old, object_type=object_type, changes=diff(before, {}))
    elif obj.pk is None:
        return  # nothing was saved
    elif before is None:
        logged.entry = record(user, AuditEntry.Action.CREATE, obj, object_type=object_type, changes=diff({}, fields(obj)))
    else:
        changes = diff(before, fields(obj))
        if changes:
            logged.entry = record(user, AuditEntry.Action.UPDATE, obj, object_type=object_type, changes=changes)
