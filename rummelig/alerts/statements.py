"""The employee representative's statement: who must give it, the open tasks, and the figures it rests on.

BEK § 65 stk. 6 and LAB § 78 (domain.md §2.3): before a virksomhedspraktik or a løntilskud starts,
a TR for the P-number states in writing whether the rimelighedskrav and (for løntilskud) the
merbeskæftigelse rule are met, and whether the colleagues are positive. Whether a scheme needs it
is dated data (``SchemeVersion.needs_statement``, judged by the version on the start date); after
the arbejdspligt law, nytteindsats only informs the TR (``informs_representative``).

One statement per placement: any TR holding a TR role for the workplace (or a unit above it) may
give it, and it is then done for all of them. When HR has routed it to another representative
(``StatementRoute``: no TR on the P-number, BEK nr. 2006/2020 § 99, stk. 4-5), only that person is
asked. A statement HR records from paper counts as given like one signed here.

The form is the same whatever the person's target group: merbeskæftigelse is asked whenever the
scheme has the rule (``asks_merbeskaeftigelse``); whether it applies to the person (not to
persons with reduced work capacity) stays with HR.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils import timezone

from rummelig.placements.models import Placement

from .deadlines import DAYS_OVERDUE
from .ratios import merbeskaeftigelse_on, person_fte, ratio_for_new_placement, ratio_on

INFORMED_DAYS_BACK = 30


def needs_statement(placement):
    version = placement.scheme_version
    return bool(version and version.needs_statement)


def asks_merbeskaeftigelse(placement):
    """True when the statement asks about merbeskæftigelse: the scheme version has the rule (never the target group)."""
    version = placement.scheme_version
    return bool(version and version.merbeskaeftigelse_applies)


def _open(placements, today):
    """Placements not ended, not marked started and without a statement, that start from DAYS_OVERDUE days ago on.

    Older placements began before anyone asked (typically registered from history or imported);
    they are not turned into tasks, as the alerts page shows no older overdue alerts either.
    """
    return (
        placements.not_ended_before(today)
        .filter(started_at__isnull=True, statement__isnull=True)
        .filter(start__gte=today - timedelta(days=DAYS_OVERDUE))
        .filter(scheme__versions__needs_statement=True)
        .distinct()
        .select_related("person", "scheme", "workplace")
        .prefetch_related("scheme__versions")
        .order_by("start", "pk")
    )


@dataclass(frozen=True)
class Task:
    """A statement the employee representative is asked to give."""

    placement: Placement


def open_tasks(access, today):
    """Return the statements this user, as a TR, is asked to give, soonest start first."""
    units = access.representative_units()
    own = Placement.objects.filter(workplace__in=units).filter(
        Q(statement_route__isnull=True) | Q(statement_route__giver=access.user)
    )
    placements = _open(Placement.objects.filter(Q(pk__in=own.values("pk")) | Q(pk__in=access.routed_placements().values("pk"))), today)
    return [Task(p) for p in placements if needs_statement(p)]


def awaiting_statement(access, today):
    """Return the placements in the user's editable units that wait for a TR's statement."""
    return [p for p in _open(access.editable_placements(), today) if needs_statement(p)]


def informed_placements(access, today):
    """Return the TR's placements in schemes that only inform the TR (nytteindsats after the arbejdspligt law)."""
    placements = (
        Placement.objects.filter(workplace__in=access.representative_units(), scheme__versions__informs_representative=True)
        .not_ended_before(today)
        .filter(start__gte=today - timedelta(days=INFORMED_DAYS_BACK))
        .distinct()
        .select_related("person", "scheme", "workplace")
        .prefetch_related("scheme__versions")
        .order_by("start", "pk")
    )
    result = []
    for placement in placements:
        version = placement.scheme_version
        if version is not None and version.informs_representative:
            result.append(placement)
    return result


def statement_figures(placement, today=None):
    """Return the figures the representative sees (and the statement keeps): ratio on the start date, today, net expansion.

    Net expansion is shown whenever the scheme has the rule, like the question, whatever the target group.
    """
    today = today or timezone.localdate()
    version = placement.scheme_version
    figures = {"computed_on": today.isoformat(), "ratio": None, "ratio_today": None, "merbeskaeftigelse": None}
    if version is not None and version.counts_in_ratio:
        check = ratio_for_new_placement(
            placement.workplace, placement.start, placement.actual_end or placement.planned_end,
            person_fte(placement.hours_per_week), exclude=placement.pk,
        )
        figures["ratio"] = _ratio(check)
        figures["ratio_today"] = _ratio(ratio_on(placement.workplace, today))
    if asks_merbeskaeftigelse(placement):
        check = merbeskaeftigelse_on(placement.workplace, placement.start)
        figures["merbeskaeftigelse"] = {
            "month_end": check.last_month_end.isoformat(),
            "last_month": str(check.result.last_month),
            "average_12_months": _one_decimal(check.result.average_12_months),
            "ok": check.ok,
        }
    return figures


def _plain(value):
    """Return a Decimal as plain text with at most two decimals and no trailing zeros ("4", "4.5")."""
    return format(value.quantize(Decimal("0.01")).normalize(), "f")


def _one_decimal(value):
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _ratio(check):
    return {
        "day": check.day.isoformat(),
        "counted": _plain(check.result.counted),
        "after": _plain(check.result.after),
        "allowed": check.allowed,
        "ordinary_fte": _one_decimal(check.ordinary_fte),
        "ok": check.ok,
    }
