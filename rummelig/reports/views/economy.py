"""Economy for the report: the fleksjob pool's budget, the refusion caps, and each placement's money.

HR enters these (auditors may read them); every change is audited. The pages are inside HR and
show exact amounts and names; the report shows them only as suppressed totals.
"""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rummelig.accounts.access import access_for, get_placement_or_404, requires
from rummelig.audit import log

from ..forms import EconomyFilterForm, FleksjobPoolForm, PlacementEconomyForm, RefusionCapForm
from ..models import FleksjobPool, PlacementEconomy, RefusionCap

PAGE_SIZE = 50
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years the economy rows accept (models' validators)


def _year(request):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if FIRST_YEAR <= year <= LAST_YEAR else timezone.localdate().year


def years_without_cap(caps, this_year):
    """Return the years from the first cap to this year that no cap covers, so HR sees what to add.

    The cap is set every year; a year without a row is counted without a cap (and the report says so).
    """
    if not caps:
        return []
    first = min(cap.valid_from.year for cap in caps)
    return [
        year for year in range(first, this_year + 1)
        if not any(cap.valid_from <= date(year, 12, 31) and (cap.valid_to is None or cap.valid_to >= date(year, 1, 1)) for cap in caps)
    ]


@login_required
@require_GET
@requires("sees_everything")
def economy(request):
    access = access_for(request.user)
    year = _year(request)
    rows = PlacementEconomy.objects.filter(year=year)
    totals = rows.aggregate(
        placements=Count("pk"), pool=Sum("pool_payment"), received=Sum("subsidy_received"),
        refusion_rows=Count("pk", filter=Q(wage_basis__isnull=False) & ~Q(refusion_fraction="")),
    )
    caps = list(RefusionCap.objects.all())
    return render(request, "reports/economy.html", {
        "year": year,
        "pools": FleksjobPool.objects.all(),
        "caps": caps,
        "years_without_cap": years_without_cap(caps, timezone.localdate().year),
        "totals": totals,
        "may_edit": access.is_hr,
    })


@login_required
@require_http_methods(["GET", "POST"])
@requires("is_hr")
def pool_create(request):
    form = FleksjobPoolForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, form.instance):
            pool = form.save()
        messages.success(request, _("The pool's budget has been saved."))
        return redirect(reverse("reports:economy") + f"?year={pool.year}")
    return render(request, "reports/pool_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@requires("is_hr")
def pool_edit(request, pk):
    pool = get_object_or_404(FleksjobPool, pk=pk)
    form = FleksjobPoolForm(request.POST or None, instance=pool)
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, pool):
            pool = form.save()
            pool.refresh_from_db()
        messages.success(request, _("The pool's budget has been saved."))
        return redirect(reverse("reports:economy") + f"?year={pool.year}")
    return render(request, "reports/pool_form.html", {"form": form, "pool": pool})


@login_required
@require_http_methods(["GET", "POST"])
@requires("is_hr")
def cap_create(request):
    """Register a new level of the refusion cap; the cap in force until then ends the day before."""
    form = RefusionCapForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cap = form.save(commit=False)
        for older in RefusionCap.objects.filter(valid_from__lt=cap.valid_from).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=cap.valid_from)
        ):
            with log.change(request.user, older):
                older.valid_to = cap.valid_from - timedelta(days=1)
                older.save()
        with log.change(request.user, cap):
            cap.save()
        messages.success(request, _("The refusion cap has been saved."))
        return redirect("reports:economy")
    return render(request, "reports/cap_form.html", {"form": form})


@login_required
@require_GET
@requires("sees_everything")
def economy_placements(request):
    access = access_for(request.user)
    form = EconomyFilterForm(request.GET or {"year": timezone.localdate().year})
    if not form.is_valid():
        return render(request, "reports/economy_placements.html", {"form": form, "page": None})
    year, scheme = form.cleaned_data["year"], form.cleaned_data["scheme"]
    placements = (
        access.placements()
        .overlapping(date(year, 1, 1), date(year, 12, 31))
        .select_related("person", "scheme", "workplace")
        .prefetch_related(Prefetch("economy", queryset=PlacementEconomy.objects.filter(year=year), to_attr="economy_rows"))
        .order_by("scheme__sort_order", "person__last_name", "person__first_name", "pk")
    )
    if scheme:
        placements = placements.filter(scheme=scheme)
    page = Paginator(placements, PAGE_SIZE).get_page(request.GET.get("side"))
    for placement in page:
        placement.year_economy = placement.economy_rows[0] if placement.economy_rows else None
    log.list_read(request.user, "placement", {"year": year, "scheme": scheme}, len(page.object_list), page.paginator.count,
                  request.path)
    return render(request, "reports/economy_placements.html", {
        "form": form, "page": page, "year": year, "may_edit": access.is_hr,
    })


@login_required
@require_http_methods(["GET", "POST"])
@requires("is_hr")
def economy_edit(request, pk, year):
    if not FIRST_YEAR <= year <= LAST_YEAR:  # a year typed into the address; date() refuses years past 9999
        raise Http404
    placement = get_placement_or_404(request.user, pk, for_edit=True)
    first, last = date(year, 1, 1), date(year, 12, 31)
    if placement.start > last or (placement.ends_on is not None and placement.ends_on < first):
        raise Http404
    row = PlacementEconomy.objects.filter(placement=placement, year=year).first() or PlacementEconomy(placement=placement, year=year)
    form = PlacementEconomyForm(request.POST or None, instance=row, placement=placement)
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, row):
            row = form.save()
            row.refresh_from_db()
        messages.success(request, _("The economy of the placement has been saved."))
        return redirect(reverse("reports:economy_placements") + f"?year={year}&scheme={placement.scheme_id}")
    return render(request, "reports/economy_form.html", {"form": form, "placement": placement, "year": year})
