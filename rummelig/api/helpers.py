"""Pieces every REST API router shares: pagination, scoped look-ups, write checks, errors, audit of lists.

The routers live in each app's `api.py`; `rummelig/api/site.py` assembles them. Permissions come from
`access_for(user)` as on the pages: an object outside the user's units is 404, a role that may
never write gets 403. Validation errors answer 422 as {"detail": [{"field": …, "message": …}]}
with Danish messages.

The contract: every request body is an `InputSchema` (a strict JSON object, unknown fields refused),
its PATCH twin comes from `patch_schema` (same fields and bounds, all optional, null only where the
full schema allows it), ids are `Id` and dates `Day`, and each operation lists the error statuses
its code can answer (READ_ERRORS, LIST_ERRORS, …). `accounts/tests/test_api_contract.py` holds
every operation to it with schemathesis.

Each app's api.py imports this module as `api` (`from rummelig.api import helpers as api`) and builds
its operations from it: `api.requires` (or `api.require`), `api.get_or_404` / `api.get_for_change` for
the record, `api.valid(form)` with `api.form_data(...)` for the page's own form, `api.save_logged` /
`api.save_form` to write it audited, `api.paginate` or `api.audited_page` (a list of personal records)
with `api.page_of(XOut)` as its schema, and `api.log_read` for the read of a personal record. An output
field that is a related record's id or attribute names it with `alias` ("parent_id", "person.full_name")
rather than a resolver.
"""

import re
from datetime import date
from functools import wraps
from typing import Annotated, get_args

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from ninja import Field, Schema, Status
from ninja.errors import HttpError
from pydantic import BeforeValidator, ConfigDict, create_model, field_validator, model_validator
from pydantic_core import PydanticCustomError

from rummelig.accounts.access import LOGIN, PUBLIC, access_for, access_or_404, check_permission
from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.lib.cpr import looks_like_cpr

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000
MAX_ID = 2**63 - 1  # BigAutoField: a larger number names nothing and would overflow the database's integer
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


# Responses an operation may give besides its success; each operation lists the ones its code can answer.
# A path that names nothing (a malformed or unknown id) is 404, a query or body the schema refuses is 422,
# a body that is not JSON is 400.
READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
LIST_ERRORS = {401: ErrorOut, 422: FieldErrorsOut}
SCOPED_LIST_ERRORS = {**LIST_ERRORS, 404: ErrorOut}
# A search with its filters in a body (so a CPR number is never in an address) may also get a body that is not JSON.
SEARCH_ERRORS = {**SCOPED_LIST_ERRORS, 400: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut}
CREATE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 422: FieldErrorsOut}

# An id in a path, a query or a body: a positive whole number the database can hold.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value):
    """Accept a date only as "YYYY-MM-DD", as the schema says (not a number of seconds, not a timestamp)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "Input should be a valid date")
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("date_parsing", "Input should be a valid date in the format YYYY-MM-DD") from None


# A date in a request body: "YYYY-MM-DD" and nothing else.
Day = Annotated[date, BeforeValidator(_iso_date)]


def _drop_impossible_defaults(schema, model):
    """Leave "default": null out of the schema where null is not allowed: such a field is simply optional."""
    for prop in schema.get("properties", {}).values():
        if "default" in prop and prop["default"] is None and not _allows_null(prop):
            del prop["default"]


def object_rules(rules):
    """Return the model_config of an input schema with object-level JSON Schema rules (which fields go together)."""

    def extra(json_schema, model):
        _drop_impossible_defaults(json_schema, model)
        json_schema.update(rules)

    return ConfigDict(json_schema_extra=extra)


def _allows_null(prop):
    return prop.get("type") == "null" or any(option.get("type") == "null" for option in prop.get("anyOf", ()))


class InputSchema(Schema):
    """Base of every request body: a JSON object with the documented fields only, each of its documented type.

    Strict types, so the schema's `integer`, `string` and `boolean` mean what they say ("5" is not a
    number, 1 is not true); dates use `Day` and decimals opt out of strictness to accept "37.5" and 37.5.
    """

    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra=_drop_impossible_defaults)

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(cls, values, handler, info):
        """A body is a JSON object: refuse true, [] or 5 (ninja's Schema would read them as objects without fields)."""
        if not isinstance(values, dict):
            raise PydanticCustomError("model_type", "Input should be an object")
        return handler(values)

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_null(cls, value, info):
        """Refuse null where the schema does not allow it, with the words of a required field left empty."""
        if value is None and not _nullable(cls.model_fields[info.field_name].annotation):
            raise PydanticCustomError("null", "Field may not be null")
        return value


def _nullable(annotation):
    return annotation is None or type(None) in get_args(annotation)


def created(obj):
    """Answer 201 Created with obj (ninja's Status; a placement has a Status of its own)."""
    return Status(201, obj)


class FieldErrors(Exception):
    """Raise with {field: [messages]}; the API answers 422 with one line per message."""

    def __init__(self, errors):
        self.errors = {field: [str(m) for m in messages] for field, messages in errors.items() if messages}
        super().__init__(self.errors)

    def as_detail(self):
        return [{"field": field, "message": message} for field, messages in self.errors.items() for message in messages]


class PageParams(Schema):
    limit: int = Field(100, ge=1, le=MAX_LIMIT, description=f"Højst så mange poster pr. side (1–{MAX_LIMIT}).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Spring så mange poster over (0 = første side).")


def page_of(schema, count_description=None):
    """Return the schema of a list's answer {count, items} of schema, named after it (UnitOut → UnitPage)."""
    count = (int, Field(description=count_description)) if count_description else (int, ...)
    name = schema.__name__.removesuffix("Out") + "Page"
    return create_model(name, __base__=Schema, __module__=schema.__module__, count=count, items=(list[schema], ...))


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
    """Audit a list of personal records read through the API as an export: who, what filter, how many.

    `filters` is the operation's filter schema or {name: value}; a CPR number in it is masked by log.record."""
    values = filters if isinstance(filters, dict) else filters.dict()
    given = {k: str(v) for k, v in values.items() if v not in (None, "") and k not in ("limit", "offset")}
    log.list_read(request.user, object_type, given, len(result["items"]), result["count"], f"API {request.path}")


def audited_page(request, object_type, queryset, page, filters=None):
    """Return a page of queryset as `paginate` does, audited as an export by `log_list_read`."""
    result = paginate(queryset, page)
    log_list_read(request, object_type, {} if filters is None else filters, result)
    return result


def log_read(request, obj):
    """Audit the read of one personal record through the API as a view of it; return the record."""
    log.record(request.user, AuditEntry.Action.VIEW, obj, detail=f"API {request.path}")
    return obj


def patch_schema(schema, json_schema_extra=None):
    """Return the PATCH schema of a full input schema: the same fields with the same types and bounds, all optional.

    A field is nullable in PATCH only where it is nullable in the full schema (an end date may be
    cleared, a name may not). `json_schema_extra` adds object-level rules that hold for a partial body.
    """
    fields = {}
    for name, info in schema.model_fields.items():
        annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        fields[name] = (annotation, Field(None, description=info.description))

    base = type(f"{schema.__name__}PatchBase", (InputSchema,), {"model_config": object_rules(json_schema_extra or {})})
    return create_model(f"{schema.__name__}Patch", __base__=base, **fields)


def patch_changes(payload):
    """Return the fields a PATCH sends (the schema has refused null where null is not allowed)."""
    return payload.dict(exclude_unset=True)


def save_logged(request, obj, *, fields=log.snapshot):
    """Save obj, audit it (`fields` as log.change takes them) and return it as stored."""
    with log.change(request.user, obj, fields=fields):
        obj.save()
        obj.refresh_from_db()
    return obj


def save_form(request, form):
    """Save a valid model form (its many-to-many fields too) in one transaction, audited; return the saved object."""
    with transaction.atomic(), log.change(request.user, form.instance):
        return form.save()


def get_or_404(queryset, pk):
    """Return the object with pk from a (scoped) queryset, or raise Http404: outside the user's units it does not exist."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def pick(queryset, pk, field):
    """Return the object with pk from a (scoped) queryset, or raise a 422 on field; None stays None."""
    if pk is None:
        return None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise FieldErrors({field: [UNKNOWN_REFERENCE]})
    return obj


def requires(permission, *, refuse=404, message=MAY_NOT_WRITE, in_body=False):
    """Declare an operation's permission (an `accounts.access` name, checked at import) and check it first.

    refuse=404 for an operation that does not exist for the user, 403 (with message) for one a role may
    never use. in_body=True when the operation checks it itself after an earlier answer (a 404 of a record
    outside the user's units comes before the 403), with `require` or `get_for_change`. The operation
    carries the name as `.permission` for the test that walks every operation.
    """
    check_permission(permission)

    def decorate(operation):
        if in_body:
            operation.permission = permission
            return operation

        @wraps(operation)
        def checked(request, *args, **kwargs):
            require(request, permission, refuse=refuse, message=message)
            return operation(request, *args, **kwargs)

        checked.permission = permission
        return checked

    return decorate


def require(request, permission, *, refuse=403, message=MAY_NOT_WRITE):
    """Return the user's Access if permission holds, else refuse: 404, or 403 with message."""
    if refuse == 404:
        return access_or_404(request.user, permission)
    access = access_for(request.user)
    if permission not in (PUBLIC, LOGIN) and not getattr(access, check_permission(permission)):
        raise HttpError(refuse, str(message))
    return access


def get_for_change(visible, editable, pk):
    """Return the object to change: 404 if the user cannot see it, 403 if they see it but may not change it."""
    obj = get_or_404(visible, pk)
    if not editable.filter(pk=pk).exists():
        raise HttpError(403, str(MAY_NOT_WRITE))
    return obj


def form_errors(form, prefix=""):
    """Return a Django form's errors as {field: [messages]}, non-field errors under "__all__"."""
    return {f"{prefix}{field}": list(messages) for field, messages in form.errors.items()}


def valid(form, prefix=""):
    """Return the bound form if it is valid, else raise FieldErrors with its errors (field names prefixed)."""
    if not form.is_valid():
        raise FieldErrors(form_errors(form, prefix))
    return form


def form_data(values):
    """Return a body's values as a Django form's data: null as empty, true as a ticked box, false as an unticked one."""
    return {name: "" if value is None else "on" if value is True else value for name, value in values.items() if value is not False}


# Messages whose Danish comes from Django's own catalogue; the aliases keep makemessages from copying them here.
django_message = gettext_lazy
django_plural = ngettext

NOT_AN_OBJECT = gettext_lazy("Send a JSON object with the fields described in the API documentation.")
UNKNOWN_FIELD = gettext_lazy("Unknown field; see the API documentation for the fields this operation takes.")
NOT_JSON = gettext_lazy("The request body is not valid JSON.")
NOT_LOGGED_IN = gettext_lazy("Log in: send an API token (Authorization: Bearer …) or use a browser session.")

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
    "finite_number": django_message("Enter a number."),
    "string_type": gettext_lazy("Enter text."),
    "null": django_message("This field is required."),
    "model_type": NOT_AN_OBJECT,
    "model_attributes_type": NOT_AN_OBJECT,
    "dict_type": NOT_AN_OBJECT,
    "extra_forbidden": UNKNOWN_FIELD,
    # Names carry the pattern "\S" (not only spaces), as Django strips them and then requires them.
    "string_pattern_mismatch": django_message("This field is required."),
}


def _message(kind, ctx, error):
    """Return the Danish message for one pydantic error."""
    if kind in _PYDANTIC_MESSAGES:
        return str(_PYDANTIC_MESSAGES[kind])
    if kind in ("literal_error", "enum"):
        message = str(django_message("Select a valid choice. That choice is not one of the available choices."))
        if ctx.get("expected"):
            values = _(" or ").join(str(ctx["expected"]).rsplit(" or ", 1))  # pydantic's list ends in English
            message += " " + _("Allowed values: %(values)s.") % {"values": values}
        return message
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return str(_PYDANTIC_MESSAGES["missing"])
    if kind == "string_too_long":
        return _("Use at most %(max)s characters.") % {"max": ctx.get("max_length")}
    if kind in ("bool_parsing", "bool_type"):
        return _("Use true or false.")
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        return str(django_message("Ensure this value is greater than or equal to %(limit_value)s.")) % {"limit_value": limit}
    if kind in ("less_than_equal", "less_than"):
        limit = ctx.get("le", ctx.get("lt"))
        return str(django_message("Ensure this value is less than or equal to %(limit_value)s.")) % {"limit_value": limit}
    if kind == "decimal_max_places":
        n = ctx.get("decimal_places")
        return django_plural(
            "Ensure that there are no more than %(max)s decimal place.", "Ensure that there are no more than %(max)s decimal places.", n
        ) % {"max": n}
    if kind == "decimal_max_digits":
        n = ctx.get("max_digits")
        return django_plural(
            "Ensure that there are no more than %(max)s digit in total.", "Ensure that there are no more than %(max)s digits in total.", n
        ) % {"max": n}
    if kind == "decimal_whole_digits":
        n = ctx.get("whole_digits")
        return django_plural(
            "Ensure that there are no more than %(max)s digit before the decimal point.",
            "Ensure that there are no more than %(max)s digits before the decimal point.",
            n,
        ) % {"max": n}
    return str(django_message("Enter a valid value."))


def pydantic_error_detail(errors, body_params=("payload",)):
    """Return ninja's request validation errors as [{"field", "message"}], every message in Danish."""
    detail = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path", "form"):
            loc = loc[1:]
        if loc and loc[0] in body_params:
            loc = loc[1:]
        # Pydantic names the branch of a union ("int", "function-after[…]"); the client only needs the field.
        loc = [part for part in loc if not _is_union_branch(part)]
        kind, ctx = error.get("type", ""), error.get("ctx") or {}
        detail.append({"field": ".".join(loc) or "__all__", "message": _message(kind, ctx, error)})
    return _unique(detail)


def _is_union_branch(part):
    return part in ("int", "str", "bool", "date", "decimal", "none", "is-instance[date]") or "[" in part


def _unique(detail):
    """One line per (field, message): a union reports the same fault once per branch."""
    seen, result = set(), []
    for line in detail:
        key = (line["field"], line["message"])
        if key not in seen:
            seen.add(key)
            result.append(line)
    return result


def path_errors_only(errors):
    """True when every error is about the URL's path (an id that cannot name anything): the answer is 404."""
    return bool(errors) and all(error.get("loc", ("",))[0] == "path" for error in errors)
