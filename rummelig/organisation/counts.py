"""Figures per unit for the unit pages: active placements, ordinary staff and FTE.

Two grouped queries for any number of units, so the whole tree of a municipality (600 units,
40,000 staff) costs the same as one workplace. Each figure is then shown as the user may see it:
exactly where the user sees individuals, not at all for a TR (who sees placements, not ordinary
staff), and for a MED member only as HR published it (rummelig.reports.publications): the
report's column totals of the same publication, for the units that are columns of that report.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from rummelig.people.models import Employment
from rummelig.placements.models import Placement


@dataclass
class Figures:
    placements: int = 0
    staff: int = 0
    fte: Decimal = Decimal(0)


def figures_by_unit(units, day):
    """Return {unit id: Figures} of the placements and employments active on day in the units (a queryset)."""
    figures = defaultdict(Figures)
    unit_ids = units.values("pk")
    placements = (
        Placement.objects.filter(workplace_id__in=unit_ids).active_on(day).order_by().values("workplace_id").annotate(n=Count("pk"))
    )
    for row in placements:
        figures[row["workplace_id"]].placements = row["n"]
    # Ordinary staff as the balance counts them (alerts.balance, the report): employments without a subsidy.
    employments = (
        Employment.objects.filter(unit_id__in=unit_ids, subsidised=False)
        .active_on(day)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"), fte=Sum("fte"))
    )
    for row in employments:
        figures[row["unit_id"]].staff = row["n"]
        figures[row["unit_id"]].fte = row["fte"] or Decimal(0)
    return figures


@dataclass
class ShownFigures:
    """Figures as one user may see them: an int, "<5", or None for "not for you"."""

    placements: object
    staff: object
    fte: object


def shown_figures(figures, *, individuals, staff, published=None):
    """Return figures for display.

    individuals: the user sees this unit's placements one by one (exact placement count).
    staff: the user sees this unit's ordinary staff (exact staff count and FTE).
    published: (placements, staff) as published for a MED member, or None where nothing is
    published for the unit (it is not a column of the member's report): then nothing is shown.
    """
    placements = figures.placements if individuals else published[0] if published else None
    if staff:
        return ShownFigures(placements, figures.staff, figures.fte)
    return ShownFigures(placements, published[1] if published else None, None)
