"""The start page: the user's own work at a glance."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone

from rummelig.accounts.access import access_for
from rummelig.placements.models import Placement
from rummelig.rules.suppression import suppress_table


@login_required
def start(request):
    access = access_for(request.user)
    today = timezone.localdate()
    context = {"today": today, "ending_soon_days": settings.ENDING_SOON_DAYS}
    if access.sees_individuals:
        placements = access.placements()
        active = placements.active_on(today)
        context["active_count"] = active.count()
        context["ending_soon"] = (
            placements.ending_within(today, settings.ENDING_SOON_DAYS)
            .select_related("person", "scheme", "workplace")
            .order_by("ends_on")[:20]
        )
        context["ending_soon_count"] = placements.ending_within(today, settings.ENDING_SOON_DAYS).count()
        context["per_scheme"] = (
            active.values("scheme__name", "scheme__code").annotate(count=Count("pk")).order_by("scheme__name")
        )
    elif access.sees_aggregates:
        # MED members: counts for their units, small counts suppressed, never a person.
        units = access.aggregate_units()
        active = Placement.objects.filter(workplace__in=units).active_on(today)
        rows = list(active.values("scheme__name", "scheme__code").annotate(count=Count("pk")).order_by("scheme__name"))
        # The rows and their total are published together, so protect them as one table: a lone
        # "<5" beside a shown total could otherwise be worked out by subtraction.
        table = suppress_table({(row["scheme__code"], "count"): row["count"] for row in rows})
        context["per_scheme"] = [dict(row, count=table.value(row["scheme__code"], "count")) for row in rows]
        context["active_count"] = table.grand_total() if rows else 0
        context["aggregates_only"] = True
    return render(request, "core/start.html", context)
