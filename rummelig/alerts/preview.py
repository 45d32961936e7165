"""The rimelighedskrav and merbeskæftigelse figures beside the placement form, for what is typed so far.

The placement form shows them when the page is drawn (the ``ratio_preview_panel`` tag) and again
each time the user changes a field (the ``ratio_preview`` view answers htmx); both read the
form's values through ``preview_context``.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from rummelig.organisation.models import Unit
from rummelig.rules.dates import months_after
from rummelig.rules.ratio import VACATED_POST_MONTHS, fills_recently_vacated_post, vacated_post_free_from
from rummelig.schemes.models import Scheme

from .ratios import merbeskaeftigelse_applies, ordinary_employments_ended_before, person_fte, workplace_rules


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _date(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _hours(value):
    """Read hours as typed in the form, Danish ("18,5") or not ("18.5")."""
    if isinstance(value, Decimal):
        return value
    value = str(value or "").strip().replace(" ", "")
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    try:
        return Decimal(value) if value else None
    except InvalidOperation:
        return None


def preview_context(access, data, placement=None):
    """Return the context of the ratio panel for the form's current values (a dict-like of field values)."""
    today = timezone.localdate()
    workplace_id, scheme_id = _int(data.get("workplace")), _int(data.get("scheme"))
    context = {"shown": False, "today": today}
    if workplace_id is None or scheme_id is None:
        return context
    workplace = access.editable_units().filter(pk=workplace_id, kind=Unit.Kind.WORKPLACE).first()
    scheme = Scheme.objects.filter(pk=scheme_id).prefetch_related("versions").first()
    start = _date(data.get("start"))
    if workplace is None or scheme is None:
        return context
    version = scheme.version_on(start or today)
    if version is None or not (version.counts_in_ratio or version.merbeskaeftigelse_applies):
        return context
    end = _date(data.get("actual_end")) or _date(data.get("planned_end"))
    exclude = placement.pk if placement is not None and placement.pk else _int(data.get("placement"))
    rules = workplace_rules(workplace, today, start=start, adding=person_fte(_hours(data.get("hours_per_week"))), exclude=exclude, end=end)
    merbeskaeftigelse = merbeskaeftigelse_applies(version, data.get("target_group") or "")
    vacated_on = _date(data.get("vacated_post_on"))
    vacated = None
    if merbeskaeftigelse and start is not None:
        # Part of the merbeskæftigelse rule: no løntilskud in a post vacated within 3 months.
        vacated = {
            "ended": ordinary_employments_ended_before(workplace, start).count(),
            "since": months_after(start, -VACATED_POST_MONTHS),
            "vacated_on": vacated_on,
            "free_from": vacated_post_free_from(vacated_on) if vacated_on else None,
            "refused": fills_recently_vacated_post(vacated_on, start),
        }
    context.update({
        "vacated": vacated,
        "shown": True, "workplace": workplace, "scheme": scheme, "version": version, "start": start, "rules": rules,
        "counts_in_ratio": version.counts_in_ratio,
        "merbeskaeftigelse": merbeskaeftigelse,
        "warn": (version.counts_in_ratio and rules.on_start is not None and not rules.on_start.ok)
        or (merbeskaeftigelse and not rules.merbeskaeftigelse.ok)
        or bool(vacated and vacated["refused"]),
        "reduced_capacity": version.merbeskaeftigelse_applies and not merbeskaeftigelse,
    })
    return context
