"""The start page: the user's own work at a glance."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from rummelig.accounts.access import access_for, requires
from rummelig.placements.models import Status
from rummelig.reports.publications import latest_for


def _active_per_scheme(placements, day):
    """Return [{scheme_id, scheme__name, scheme__code, count}] of the placements active on day, by scheme name."""
    active = placements.active_on(day).values("scheme_id", "scheme__name", "scheme__code").annotate(count=Count("pk"))
    return list(active.order_by("scheme__name"))


def _list_url(**params):
    return reverse("placements:list") + "?" + urlencode(params)


@login_required
@requires("login")
def start(request):
    access = access_for(request.user)
    today = timezone.localdate()
    context = {"today": today, "ending_soon_days": settings.ENDING_SOON_DAYS}
    if access.sees_individuals:
        placements = access.placements()
        ending_soon = placements.ending_within(today, settings.ENDING_SOON_DAYS)
        context["per_scheme"] = _active_per_scheme(placements, today)
        context["active_count"] = sum(row["count"] for row in context["per_scheme"])
        context["ending_soon"] = ending_soon.select_related("person", "scheme", "workplace").order_by("ends_on")[:20]
        context["ending_soon_count"] = ending_soon.count()
        # Each card opens the placements list filtered the same way, with every row and pagination.
        context["active_url"] = _list_url(status=Status.ACTIVE)
        context["ending_soon_url"] = _list_url(status=Status.ENDING_SOON, sort="end")
        for row in context["per_scheme"]:
            row["url"] = _list_url(status=Status.ACTIVE, scheme=row["scheme_id"])
    elif access.sees_aggregates:
        # MED members: the latest publication's scheme totals, the same figures the dashboard and
        # the annual report of that date show (never a live count).
        published = latest_for(access)
        context["per_scheme"] = published.schemes() if published else []
        context["active_count"] = published.total if published else "–"
        context["published_on"] = published.period.reference if published else None
        context["aggregates_only"] = True
    return render(request, "core/start.html", context)
