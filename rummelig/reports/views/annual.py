"""The annual report to the Hovedudvalg for a chosen year, and its exports (PDF, XLSX, JSON).

The page shows the report as it leaves HR: suppressed for everyone, HR included, so what HR
sees here is what the committee gets. Every export is audited.
"""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rummelig.accounts.access import access_or_404
from rummelig.audit import log
from rummelig.audit.models import AuditEntry

from .. import exports
from ..figures import Scope
from ..forms import AnnualReportForm
from ..report import Report, made_by


def _form(request):
    today = timezone.localdate()
    data = request.GET.copy() if "year" in request.GET else {"year": today.year - 1}
    return AnnualReportForm(data)


def build_report(access, user, year, reference):
    return Report.for_year(Scope.for_access(access), year, reference, suppress=True, made_by=made_by(user))


@login_required
@require_GET
def annual(request):
    access = access_or_404(request.user, "sees_aggregates")
    form = _form(request)
    context = {"form": form, "access": access}
    if form.is_valid():
        report = build_report(access, request.user, form.cleaned_data["year"], form.cleaned_data["reference"])
        context.update(report=report, sections=report.sections(), query=_query(form))
    return render(request, "reports/annual.html", context)


def _query(form):
    year, reference = form.cleaned_data["year"], form.cleaned_data["reference"]
    query = f"year={year}"
    if reference != date(year, 12, 31):
        query += f"&reference={reference.isoformat()}"
    return query


@login_required
@require_GET
def annual_export(request, fmt):
    access = access_or_404(request.user, "sees_aggregates")
    if fmt not in exports.FORMATS:
        raise Http404
    form = _form(request)
    if not form.is_valid():
        return render(request, "reports/annual.html", {"form": form, "access": access}, status=400)
    report = build_report(access, request.user, form.cleaned_data["year"], form.cleaned_data["reference"])
    sections = report.sections()
    content = exports.export(report, sections, fmt)
    log.record(
        request.user, AuditEntry.Action.EXPORT, object_type="annual_report", object_id=str(report.year),
        object_repr=str(report.title),
        detail=_("Format: %(format)s; reference date: %(date)s; scope: %(scope)s") % {
            "format": fmt.upper(), "date": report.period.reference.strftime("%d.%m.%Y"), "scope": report.scope_label(),
        },
    )
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(report, fmt)}"'
    return response
