"""Panels the alerts app puts on other apps' pages, so those pages need one line each.

- ``{% placement_rules_panel placement %}``: on the placement page, the employee representative's
  statement (or that it is missing), a "Markér som startet" button and an HR override.
- ``{% workplace_rules_panel unit %}``: on a unit page, the rimelighedskrav and merbeskæftigelse of
  a workplace's P-number, and the unit's balance with its threshold.
- ``{% ratio_preview_panel form %}``: beside the placement form, the figures for what is typed.
- ``{% balance_flags %}`` and ``{% statement_tasks %}``: on the start page.
- ``{% balance_flag unit %}``: in the list of units (the balances of the user's units are worked out
  once per request).
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone

from rummelig.accounts.access import access_for
from rummelig.core.formats import number_text
from rummelig.organisation.models import Unit

from ..balance import balances, flagged_units
from ..models import RepresentativeReminder, Statement, StatementRoute
from ..preview import preview_context
from ..ratios import merbeskaeftigelse_on, ratio_on
from ..recipients import representatives_of
from ..statements import needs_statement, open_tasks

register = template.Library()

BALANCE_FLAGS_SHOWN = 10


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.filter
def dk_number(value, places=1):
    """Show a number (or the text of one, as statements keep them) the Danish way: 25,0."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return value
    if places == 0 or (places == "auto" and number == int(number)):
        places = 0
    elif places == "auto":
        places = 1
    return number_text(number, int(places))


@register.filter
def as_date(value):
    """Turn an ISO date kept as text (in a statement's figures) back into a date."""
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@register.inclusion_tag("alerts/_placement_panel.html", takes_context=True)
def placement_rules_panel(context, placement):
    user = _user(context)
    access = access_for(user)
    version = placement.scheme_version
    statement = Statement.objects.filter(placement=placement).select_related("recorded_by").first()
    needed = needs_statement(placement)
    informs = bool(version and version.informs_representative)
    route = StatementRoute.objects.filter(placement=placement).select_related("giver").first() if needed else None
    return {
        "placement": placement,
        "version": version,
        "needed": needed,
        "informs": informs,
        "statement": statement,
        "representatives": representatives_of(placement.workplace) if needed or informs else [],
        "route": route,
        "last_reminder": RepresentativeReminder.objects.filter(placement=placement).first() if needed else None,
        "hr_acts": needed and statement is None and access.is_hr,
        "may_give": needed and statement is None and access.gives_statement_on(placement),
        "may_start": placement.started_at is None and access.may_edit_placement(placement),
        "blocked": needed and statement is None,
        "too_early": placement.start > timezone.localdate(),
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }


@register.inclusion_tag("alerts/_workplace_panel.html", takes_context=True)
def workplace_rules_panel(context, unit):
    user = _user(context)
    access = access_for(user)
    today = timezone.localdate()
    shows = access.units().filter(pk=unit.pk).exists()
    result = {"unit": unit, "shown": shows, "is_hr": access.is_hr}
    if not shows:
        return result
    if unit.kind == Unit.Kind.WORKPLACE:
        result["representatives"] = representatives_of(unit)
        result["ratio"] = ratio_on(unit, today)
        result["merbeskaeftigelse"] = merbeskaeftigelse_on(unit, today)
    if unit.kind in (Unit.Kind.WORKPLACE, Unit.Kind.AREA):
        result["balance"] = balances(Unit.objects.filter(pk=unit.pk), today).get(unit.pk)
    return result


@register.inclusion_tag("alerts/_ratio_preview.html", takes_context=True)
def ratio_preview_panel(context, form, placement=None):
    access = access_for(_user(context))
    data = {name: form[name].value() for name in ("workplace", "scheme", "start", "planned_end", "actual_end", "hours_per_week", "target_group", "vacated_post_on") if name in form.fields}
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    result = preview_context(access, data, placement=placement if placement is not None and placement.pk else None)
    result["wrapper"] = True
    result["placement_pk"] = placement.pk if placement is not None and placement.pk else ""
    return result


@register.inclusion_tag("alerts/_balance_flags.html", takes_context=True)
def balance_flags(context):
    access = access_for(_user(context))
    if not access.may_edit:
        return {"shown": False}
    flagged = flagged_units(access.editable_units(), timezone.localdate())
    return {"shown": True, "flagged": flagged[:BALANCE_FLAGS_SHOWN], "total": len(flagged)}


@register.simple_tag(takes_context=True)
def balance_flag(context, unit):
    """Return the unit's Balance when it is flagged (else None), for the user's units, worked out once per request."""
    request = context.get("request")
    cache = getattr(request, "_rummelig_balances", None) if request is not None else None
    if cache is None:
        access = access_for(_user(context))
        cache = balances(access.units(), timezone.localdate()) if access.sees_individuals else {}
        if request is not None:
            request._rummelig_balances = cache
    balance = cache.get(unit.pk)
    return balance if balance is not None and balance.flagged else None


@register.inclusion_tag("alerts/_tasks_card.html", takes_context=True)
def statement_tasks(context):
    user = _user(context)
    access = access_for(user)
    if not access.gives_statements:
        return {"shown": False}
    today = timezone.localdate()
    return {"shown": True, "tasks": open_tasks(access, today)[:10], "today": today}
