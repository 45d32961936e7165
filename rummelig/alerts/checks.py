"""The rimelighedskrav and the merbeskæftigelse rule as checks of placements.validation.CHECKS.

Each check takes the validation's Proposal and yields (field, Danish message) when the placement
would break the rule. HR may override with a written reason (``rule_override_reason``): the check
then yields nothing and adds an English line for the audit log to ``proposal.overridden``.

A placement is checked when it is created, and on a change only when what the rule depends on
changes (scheme, workplace, start, end, hours or target group), so correcting a typo in a
placement that HR once let through is not refused. A placement that ended before today is
history being registered and is not checked.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rummelig.core.formats import long_date, number_text
from rummelig.organisation.models import Unit
from rummelig.placements.models import Placement
from rummelig.rules.ratio import fills_recently_vacated_post, vacated_post_free_from

from .ratios import merbeskaeftigelse_applies, merbeskaeftigelse_on, person_fte, ratio_for_new_placement

RELEVANT_FIELDS = (
    "scheme_id", "workplace_id", "start", "planned_end", "actual_end", "hours_per_week", "target_group", "vacated_post_on",
)


def _persons(value):
    """Return a count of full-time persons: whole numbers without decimals ("5"), else one decimal ("4,5")."""
    return number_text(value, 0) if value == int(value) else number_text(value, 1)


def _unchanged(p):
    """True when a saved placement keeps everything the rules depend on."""
    if p.placement is None or p.placement.pk is None:
        return False
    saved = Placement.objects.filter(pk=p.placement.pk).values(*RELEVANT_FIELDS).first()
    if saved is None:
        return False
    proposed = {
        "scheme_id": getattr(p.scheme, "pk", None),
        "workplace_id": getattr(p.workplace, "pk", None),
        "start": p.start,
        "planned_end": p.planned_end,
        "actual_end": p.actual_end,
        "hours_per_week": p.hours_per_week,
        "target_group": p.target_group or "",
        "vacated_post_on": p.vacated_post_on,
    }
    return all(saved[name] == proposed[name] for name in RELEVANT_FIELDS)


def _applies(p):
    if p.version is None or p.workplace is None or p.workplace.kind != Unit.Kind.WORKPLACE:
        return False
    end = p.actual_end or p.planned_end
    if end is not None and (end < p.start or end < timezone.localdate()):
        return False
    return not _unchanged(p)


def _where(workplace):
    if workplace.p_number:
        return _("%(workplace)s (P-no. %(p_number)s)") % {"workplace": workplace.name, "p_number": workplace.p_number}
    return workplace.name


def _override_hint(p):
    if p.may_override:
        return _("If the placement must be registered anyway, write the reason in “Reason for overriding a rule”.")
    return _("Only HR can approve an exception, with a written reason.")


def _overridden(p):
    return p.may_override and bool((p.rule_override_reason or "").strip())


def check_ratio_rule(p):
    """Refuse a placement in a counted scheme that would take the P-number above the rimelighedskrav."""
    if not _applies(p) or not p.version.counts_in_ratio:
        return
    exclude = p.placement.pk if p.placement is not None and p.placement.pk else None
    check = ratio_for_new_placement(
        p.workplace, p.start, p.actual_end or p.planned_end, person_fte(p.hours_per_week), exclude=exclude
    )
    if check.ok:
        return
    if _overridden(p):
        p.overridden.append(
            f"rimelighedskrav at {p.workplace.name} (P-no. {p.workplace.p_number or '-'}) on {check.day.isoformat()}: "
            f"{check.counted} persons counted, at most {check.allowed} allowed with {check.ordinary_fte:.1f} ordinary FTE"
        )
        return
    message = ngettext(
        "The rimelighedskrav is not met at %(where)s: %(counted)s person in praktik/løntilskud on %(day)s, and there may "
        "be at most %(allowed)s with %(fte)s ordinary employees (average of the last 4 months).",
        "The rimelighedskrav is not met at %(where)s: %(counted)s persons in praktik/løntilskud on %(day)s, and there may "
        "be at most %(allowed)s with %(fte)s ordinary employees (average of the last 4 months).",
        1 if check.counted == 1 else 2,
    ) % {
        "where": _where(p.workplace),
        "counted": _persons(check.counted),
        "day": long_date(check.day),
        "allowed": check.allowed,
        "fte": number_text(check.ordinary_fte, 1),
    }
    yield "workplace", f"{message} {_override_hint(p)}"


def check_merbeskaeftigelse_rule(p):
    """Refuse a løntilskud at a P-number whose ordinary staff shrank (not for reduced work capacity)."""
    if not _applies(p) or not merbeskaeftigelse_applies(p.version, p.target_group or ""):
        return
    check = merbeskaeftigelse_on(p.workplace, p.start)
    if check.ok:
        return
    if _overridden(p):
        p.overridden.append(
            f"merbeskæftigelse at {p.workplace.name} (P-no. {p.workplace.p_number or '-'}): {check.result.last_month} "
            f"ordinary staff at {check.last_month_end.isoformat()}, below the 12-month average {check.result.average_12_months:.1f}"
        )
        return
    message = _(
        "The merbeskæftigelse rule is not met at %(where)s: %(last)s ordinary employees in full-time persons at the end of "
        "%(month)s, fewer than the average of %(average)s over the last 12 months. A placement with løntilskud must be a net "
        "expansion of the staff."
    ) % {
        "where": _where(p.workplace),
        "last": _persons(check.result.last_month),
        "month": date_format(check.last_month_end, "F Y"),
        "average": number_text(check.result.average_12_months, 1),
    }
    yield "workplace", f"{message} {_override_hint(p)}"


def check_vacated_post_rule(p):
    """Refuse a løntilskud that fills a post vacated by dismissal or resignation less than 3 months before its start.

    Part of the merbeskæftigelse rule (rules.ratio.vacated_post_free_from), so the same target groups
    are exempt and HR may override it with a written reason.
    """
    if not _applies(p) or not merbeskaeftigelse_applies(p.version, p.target_group or ""):
        return
    if not fills_recently_vacated_post(p.vacated_post_on, p.start):
        return
    free_from = vacated_post_free_from(p.vacated_post_on)
    if _overridden(p):
        p.overridden.append(
            f"vacated post at {p.workplace.name}: vacated {p.vacated_post_on.isoformat()}, start {p.start.isoformat()}, "
            f"may be filled from {free_from.isoformat()}"
        )
        return
    message = _(
        "A løntilskud may not fill a post that became vacant by dismissal or resignation within the last 3 months: the "
        "post became vacant on %(vacated)s, so it may be filled with løntilskud from %(free)s at the earliest."
    ) % {"vacated": long_date(p.vacated_post_on), "free": long_date(free_from)}
    yield "vacated_post_on", f"{message} {_override_hint(p)}"
