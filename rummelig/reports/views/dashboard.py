"""The dashboard: now against the targets, the balance with ordinary staff, centres, five years, outcomes.

HR and a leder who sees every person behind the figures get today's exact figures. A MED member
gets the latest publication (rummelig.reports.publications): the same tables the annual report of
that date shows, never a live count.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from rummelig.accounts.access import access_for, requires

from .. import publications
from ..figures import Period, Scope
from ..report import Report, made_by

DASHBOARD_SECTIONS = ["headcount", "targets", "balance", "trend", "outcomes"]


@login_required
@require_GET
@requires("sees_aggregates")
def dashboard(request):
    access = access_for(request.user)
    today = timezone.localdate()
    exact = access.sees_exact_figures
    if exact:
        report = Report(
            Scope.for_access(access), Period.for_year(today.year, today), suppress=False, made_by=made_by(request.user), dashboard=True
        )
        day = today
    else:
        report = publications.latest_for(access)
        day = report.period.reference if report is not None else None
    sections = report.sections(DASHBOARD_SECTIONS) if report is not None else []
    balance = next((s for s in sections if s.key == "balance"), None)
    table = balance.tables[0] if balance is not None and balance.tables else None
    total = table.display_rows()[-1]["cells"] if table is not None and table.rows else None
    return render(request, "reports/dashboard.html", {
        "report": report,
        "sections": sections,
        "exact": exact,
        "today": day,
        "published": not exact,
        "cards": total,
        "access": access,
    })
