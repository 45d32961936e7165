"""Pieces every REST API router shares: pagination, scoped look-ups, write checks, errors, audit of lists.

The routers live in each app's `api.py`; `rummelig/api.py` assembles them. Permissions come from
`access_for(user)` as on the pages: an object outside the user's units is 404, a role that may
never write gets 403. Validation errors answer 422 as {"detail": [{"field": …, "message": …}]}
with Danish messages.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Schema
from ninja.errors import HttpError
from pydantic import create_model

from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.lib.cpr import looks_like_cpr

from .access import access_for

MAX_LIMIT = 500
NOT_FOUND_MESSAGE = gettext_lazy("Not found.")
UNKNOWN_REFERENCE = gettext_lazy("Does not exist, or you do not have access to it.")
MAY_NOT_WRITE = gettext_lazy("Your role may read but not change this.")
ONLY_HR = gettext_lazy("Only HR may create or change units.")
PERSON_EITHER_OR = gettext_lazy("Give either an existing person (person) or a new person (new_person), not both.")
CPR_IN_ADDRESS = gettext_lazy(
    "A CPR number must not be sent in the address, where logs keep it. Search with POST %(path)s and the text in the body."
)
PERSON_MISSING = gettext_lazy("Give the person: an existing person (person) or a new person (new_person).")


class ErrorOut(Schema):
    detail: str = Field(description="Hvad der gik galt, på dansk.")


class FieldErrorOut(Schema):
    field: str = Field(description="Feltet fejlen gælder, fx 'planned_end' eller 'new_person.cpr'.")
    message: str = Field(description="Hvad der er galt, på dansk.")


class FieldErrorsOut(Schema):
    detail: list[FieldErrorOut] = Field(description="Én linje pr. fejl.")


# Responses every operation may give besides its success.
READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
LIST_ERRORS = {**READ_ERRORS, 422: FieldErrorsOut}
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut}


class FieldErrors(Exception):
    """Raise with {field: [messages]}; the API answers 422 with one line per message."""

    def __init__(self, errors):
        self.errors = {field: [str(m) for m in messages] for field, messages in errors.items() if messages}
        super().__init__(self.errors)

    def as_detail(self):
        return [{"field": field, "message": message} for field, messages in self.errors.items() for message in messages]


class PageParams(Schema):
    limit: int = Field(100, ge=1, le=MAX_LIMIT, description=f"Højst så mange poster pr. side (1–{MAX_LIMIT}).")
    offset: int = Field(0, ge=0, description="Spring så mange poster over (0 = første side).")


def paginate(queryset, page):
    """Return {"count": all matches, "items": the page} of a queryset."""
    return {"count": queryset.count(), "items": list(queryset[page.offset : page.offset + page.limit])}


def refuse_cpr_in_address(text, search_path):
    """Refuse (422) search text in a query string that looks like a CPR number: the address ends in access logs.

    The search operation (POST search_path) takes the same text in its body.
    """
    if looks_like_cpr(text):
        raise FieldErrors({"q": [CPR_IN_ADDRESS % {"path": search_path}]})


def log_list_read(request, object_type, filters, result):
    """Audit a list of people or placements read through the API as an export: who, what filter, how many.

    A CPR number in the filter is masked by log.record."""
    given = {k: str(v) for k, v in filters.dict().items() if v not in (None, "") and k not in ("limit", "offset")}
    shown = ", ".join(f"{k}={v}" for k, v in sorted(given.items())) or "-"
    log.record(
        request.user,
        AuditEntry.Action.EXPORT,
        object_type=object_type,
        detail=f"API {request.path}: filter {shown}; {len(result['items'])} of {result['count']} rows",
    )


def log_read(request, obj):
    """Audit the read of one person or placement through the API as a view of it."""
    log.record(request.user, AuditEntry.Action.VIEW, obj, detail=f"API {request.path}")


def patch_schema(schema):
    """Return a copy of an input schema with every field optional, for PATCH (send only what changes)."""
    fields = {name: (info.annotation | None, Field(None, description=info.description)) for name, info in schema.model_fields.items()}
    return create_model(f"{schema.__name__}Patch", __base__=Schema, **fields)


def patch_changes(payload, schema):
    """Return the fields a PATCH sets; null means "empty" for text, and is refused for a required field."""
    data = payload.dict(exclude_unset=True)
    missing = {}
    for name, value in data.items():
        info = schema.model_fields[name]
        if value is None and info.is_required():
            missing[name] = [_PYDANTIC_MESSAGES["missing"]]
        elif value is None and info.default == "":
            data[name] = ""
    if missing:
        raise FieldErrors(missing)
    return data


def save_logged(request, obj, before):
    """Save obj, audit it (a create when before is None, else an update against before) and return it as stored."""
    obj.save()
    obj.refresh_from_db()
    if before is None:
        log.record_create(request.user, obj)
    else:
        log.record_update(request.user, obj, before)
    return obj


def pick(queryset, pk, field):
    """Return the object with pk from a (scoped) queryset, or raise a 422 on field; None stays None."""
    if pk is None:
        return None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise FieldErrors({field: [UNKNOWN_REFERENCE]})
    return obj


def require_writer(request):
    """Refuse (403) a user whose roles never allow changes (TR, MED, auditor, no role)."""
    access = access_for(request.user)
    if not access.may_edit:
        raise HttpError(403, str(MAY_NOT_WRITE))
    return access


def require_hr(request, message=MAY_NOT_WRITE):
    """Refuse (403, with message) anyone but HR."""
    access = access_for(request.user)
    if not access.is_hr:
        raise HttpError(403, str(message))
    return access


def get_for_change(visible, editable, pk):
    """Return the object to change: 404 if the user cannot see it, 403 if they see it but may not change it."""
    obj = visible.filter(pk=pk).first()
    if obj is None:
        raise Http404
    if not editable.filter(pk=pk).exists():
        raise HttpError(403, str(MAY_NOT_WRITE))
    return obj


def form_errors(form, prefix=""):
    """Return a Django form's errors as {field: [messages]}, non-field errors under "__all__"."""
    return {f"{prefix}{field}": list(messages) for field, messages in form.errors.items()}


# Messages whose Danish comes from Django's own catalogue; the alias keeps makemessages from copying them here.
django_message = gettext_lazy

# Pydantic's error types in the words Django's forms use.
_PYDANTIC_MESSAGES = {
    "missing": django_message("This field is required."),
    "date_parsing": django_message("Enter a valid date."),
    "date_from_datetime_parsing": django_message("Enter a valid date."),
    "date_from_datetime_inexact": django_message("Enter a valid date."),
    "date_type": django_message("Enter a valid date."),
    "int_parsing": django_message("Enter a whole number."),
    "int_type": django_message("Enter a whole number."),
    "int_from_float": django_message("Enter a whole number."),
    "decimal_parsing": django_message("Enter a number."),
    "decimal_type": django_message("Enter a number."),
    "float_parsing": django_message("Enter a number."),
}


def pydantic_error_detail(errors, body_params=("payload",)):
    """Return ninja's request validation errors as [{"field", "message"}] in Danish where we know the words."""
    detail = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path", "form"):
            loc = loc[1:]
        if loc and loc[0] in body_params:
            loc = loc[1:]
        kind, ctx = error.get("type", ""), error.get("ctx") or {}
        if kind in _PYDANTIC_MESSAGES:
            message = str(_PYDANTIC_MESSAGES[kind])
        elif kind in ("literal_error", "enum"):
            message = str(django_message("Select a valid choice. That choice is not one of the available choices."))
            if ctx.get("expected"):
                message += " " + _("Allowed values: %(values)s.") % {"values": ctx["expected"]}
        elif kind == "string_too_short" and ctx.get("min_length") == 1:
            message = str(_PYDANTIC_MESSAGES["missing"])
        elif kind == "string_too_long":
            message = _("Use at most %(max)s characters.") % {"max": ctx.get("max_length")}
        elif kind in ("bool_parsing", "bool_type"):
            message = _("Use true or false.")
        elif kind == "greater_than_equal":
            message = str(django_message("Ensure this value is greater than or equal to %(limit_value)s.")) % {"limit_value": ctx.get("ge")}
        elif kind == "less_than_equal":
            message = str(django_message("Ensure this value is less than or equal to %(limit_value)s.")) % {"limit_value": ctx.get("le")}
        else:
            message = error.get("msg", "")
        detail.append({"field": ".".join(loc) or "__all__", "message": message})
    return detail
