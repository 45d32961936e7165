"""The dashboard: now against the targets, the balance with ordinary staff, centres, five years, outcomes."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from rummelig.accounts.access import access_or_404

from ..figures import Period, Scope
from ..report import Report, made_by

DASHBOARD_SECTIONS = ["headcount", "targets", "balance", "trend", "outcomes"]


@login_required
@require_GET
def dashboard(request):
    access = access_or_404(request.user, "sees_aggregates")
    today = timezone.localdate()
    exact = access.sees_exact_figures
    report = Report(
        Scope.for_access(access), Period.for_year(today.year, today), suppress=not exact, made_by=made_by(request.user), dashboard=True
    )
    sections = report.sections(DASHBOARD_SECTIONS)
    balance = next(s for s in sections if s.key == "balance").tables[0]
    total = balance.display_rows()[-1]["cells"] if balance.rows else None
    return render(request, "reports/dashboard.html", {
        "report": report,
        "sections": sections,
        "exact": exact,
        "today": today,
        "cards": total,
        "access": access,
    })
