"""The annual report to the Hovedudvalg for a chosen year, and its exports (PDF, XLSX, JSON).

HR (and a leder who sees every person behind the figures) gets the live report for any date,
suppressed as it would leave HR. A MED member gets only what HR has published
(rummelig.reports.publications): one of the published dates, never a date of their choosing.
Every export is audited.
"""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rummelig.accounts.access import access_for, requires
from rummelig.audit import log
from rummelig.audit.models import AuditEntry

from .. import exports, publications
from ..figures import Scope
from ..forms import AnnualReportForm
from ..report import Report, made_by


def _form(request):
    today = timezone.localdate()
    data = request.GET.copy() if "year" in request.GET else {"year": today.year - 1}
    return AnnualReportForm(data)


def build_report(access, user, year, reference):
    return Report.for_year(Scope.for_access(access), year, reference, suppress=True, made_by=made_by(user))


def _published(request, access):
    """Return (PublishedReport or None, error, the user's published reports) for a MED member's request."""
    year, reference, error = publications.parse_choice(request.GET)
    published = publications.published_for(access)
    if error:
        return None, error, published
    report, error = publications.choose(access, year, reference)
    return report, error, published


def _published_query(report):
    return f"reference={report.period.reference.isoformat()}"


@login_required
@require_GET
@requires("sees_aggregates")
def annual(request):
    access = access_for(request.user)
    if publications.reads_publications(access):
        report, error, published = _published(request, access)
        context = {"access": access, "published": published, "error": error, "report": report}
        if report is not None:
            context.update(sections=report.sections(), query=_published_query(report))
        return render(request, "reports/annual.html", context, status=400 if error and published else 200)
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
@requires("sees_aggregates")
def annual_export(request, fmt):
    access = access_for(request.user)
    if fmt not in exports.FORMATS:
        raise Http404
    if publications.reads_publications(access):
        report, error, published = _published(request, access)
        if report is None:
            context = {"access": access, "published": published, "error": error}
            return render(request, "reports/annual.html", context, status=400)
    else:
        form = _form(request)
        if not form.is_valid():
            return render(request, "reports/annual.html", {"form": form, "access": access}, status=400)
        report = build_report(access, request.user, form.cleaned_data["year"], form.cleaned_data["reference"])
    return export_response(request, report, fmt)


def export_response(request, report, fmt):
    """Return the report (live or published) as a file to download, and audit the export."""
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
