"""Pages of the alerts app: the user's alerts, the TR's tasks, the statement (form, page, PDF), starting a
placement, a unit's balance threshold, and the ratio figures beside the placement form.

What a user sees comes from access_for(user): alerts and tasks only for placements in the user's
units; a statement only for a placement the user may see; only a TR of the workplace may give it;
only HR or a leder of the unit may mark a placement started; only HR sets thresholds.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rummelig.accounts.access import access_for, access_or_404, get_placement_or_404, get_unit_or_404
from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.core.formats import long_date
from rummelig.core.shortcuts import query_string
from rummelig.rules.deadlines import MAX_DURATION_REACHED

from .deadlines import DAYS_OVERDUE, alerts_for
from .forms import AlertFilterForm, BalanceThresholdForm, StatementForm
from .models import Statement
from .preview import preview_context
from .ratios import merbeskaeftigelse_applies
from .statements import awaiting_statement, informed_placements, needs_statement, open_tasks, statement_figures

PAGE_SIZE = 50


@login_required
@require_GET
def alert_list(request):
    access = access_or_404(request.user, "sees_individuals")
    today = timezone.localdate()
    form = AlertFilterForm(request.GET or None, initial={"days": 60})
    kind, days = "", 60
    if form.is_valid():
        kind, days = form.cleaned_data["kind"], form.cleaned_data["days"] or 60

    def hidden(placement):
        # The latest end follows from the target group, which an employee representative may not see.
        return () if access.sees_health_of(placement) else (MAX_DURATION_REACHED,)

    alerts = alerts_for(access.placements(), today, days_ahead=days, kinds=[kind] if kind else None, hide_kinds_for=hidden)
    page = Paginator(alerts, PAGE_SIZE).get_page(request.GET.get("side"))
    rows = [{"alert": a, "overdue": a.overdue(today), "days_left": a.days_left(today)} for a in page.object_list]
    return render(request, "alerts/list.html", {
        "form": form, "page": page, "rows": rows, "count": len(alerts), "days": days, "kind": kind,
        "overdue_days": DAYS_OVERDUE, "today": today, "task_count": len(open_tasks(access, today)),
        "query": query_string(request, side=None),
    })


@login_required
@require_GET
def task_list(request):
    """My tasks: statements to give (TR), statements awaited (HR, leder), placements to know of (TR)."""
    access = access_or_404(request.user, "sees_individuals")
    today = timezone.localdate()
    tasks = open_tasks(access, today)
    given = Statement.objects.filter(representative=request.user).select_related("placement__person", "placement__scheme")[:20]
    return render(request, "alerts/tasks.html", {
        "tasks": tasks,
        "informed": informed_placements(access, today),
        "awaiting": awaiting_statement(access, today) if access.may_edit else [],
        "given": given,
        "is_representative": access.representative_units().exists(),
        "today": today,
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def statement(request, pk):
    """The statement of a placement: the form for its TR before it is given, the signed statement afterwards."""
    placement = get_placement_or_404(request.user, pk)
    prefetch_related_objects([placement], "scheme__versions")  # needs_statement and statement_figures read the version again
    access = access_for(request.user)
    version = placement.scheme_version
    existing = Statement.objects.filter(placement=placement).select_related("representative").first()
    context = {"placement": placement, "version": version, "statement": existing, "today": timezone.localdate()}
    if request.method != "POST":
        log.record(request.user, AuditEntry.Action.VIEW, placement, detail="statement page")
    if existing is not None or not needs_statement(placement) or not access.represents(placement.workplace):
        if request.method == "POST":
            raise Http404
        context["may_give"] = False
        context["figures"] = existing.figures if existing else None
        return render(request, "alerts/statement.html", context)

    merbeskaeftigelse_relevant = merbeskaeftigelse_applies(version, placement.target_group or "")
    form = StatementForm(
        request.POST or None, merbeskaeftigelse_relevant=merbeskaeftigelse_relevant,
        initial={"signed_name": request.user.get_full_name()},
    )
    figures = statement_figures(placement, merbeskaeftigelse_relevant)
    if request.method == "POST" and form.is_valid():
        given = form.save(commit=False)
        given.placement = placement
        given.p_number = placement.workplace.p_number
        given.workplace_name = placement.workplace.name
        given.representative = request.user
        given.signed_at = timezone.now()
        given.figures = figures
        given.save()
        log.record_create(request.user, given)
        messages.success(request, _("Your statement on the placement of %(name)s has been signed and sent to the employer.") % {
            "name": placement.person.full_name,
        })
        return redirect("alerts:statement", placement.pk)
    context.update({"may_give": True, "form": form, "figures": figures, "merbeskaeftigelse_relevant": merbeskaeftigelse_relevant})
    return render(request, "alerts/statement.html", context)


@login_required
@require_GET
def statement_pdf(request, pk):
    """The signed statement as a PDF for the case file (A4, Danish)."""
    from weasyprint import HTML

    placement = get_placement_or_404(request.user, pk)
    given = get_object_or_404(Statement.objects.select_related("representative"), placement=placement)
    html = render_to_string("alerts/statement_pdf.html", {
        "placement": placement, "statement": given, "version": placement.scheme_version,
        "figures": given.figures, "made_at": timezone.localtime(), "made_by": request.user,
    }, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    log.record(request.user, AuditEntry.Action.EXPORT, given, detail="statement PDF")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="udtalelse-{placement.pk}.pdf"'
    return response


@login_required
@require_POST
def mark_started(request, pk):
    """Mark a placement started (HR, leder) once the employee representative's statement is there."""
    placement = get_placement_or_404(request.user, pk, for_edit=True)
    if placement.started_at is not None:
        messages.info(request, _("The placement was already marked as started."))
        return redirect("placements:detail", placement.pk)
    if needs_statement(placement) and not Statement.objects.filter(placement=placement).exists():
        messages.error(request, _(
            "The placement of %(name)s cannot be marked as started: the employee representative's statement for "
            "%(workplace)s is missing (BEK § 65, stk. 6 and LAB § 78). The representative gives it under “My tasks”."
        ) % {"name": placement.person.full_name, "workplace": placement.workplace.name})
        return redirect("placements:detail", placement.pk)
    if placement.start > timezone.localdate():
        messages.error(request, _(
            "The placement of %(name)s cannot be marked as started before its start date, %(start)s. "
            "Mark it as started on or after that day, or change the start date if the person started earlier."
        ) % {"name": placement.person.full_name, "start": long_date(placement.start)})
        return redirect("placements:detail", placement.pk)
    before = log.snapshot(placement)
    placement.started_at = timezone.now()
    placement.save(update_fields=["started_at", "updated_at"])
    log.record_update(request.user, placement, before)
    messages.success(request, _("The placement of %(name)s has been marked as started.") % {"name": placement.person.full_name})
    return redirect("placements:detail", placement.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def balance_threshold(request, pk):
    """HR sets the share of temporary special-terms staff above which a unit is flagged."""
    access_or_404(request.user, "is_hr")
    unit = get_unit_or_404(request.user, pk)
    before = log.snapshot(unit)
    form = BalanceThresholdForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        form.save()
        log.record_update(request.user, unit, before)
        messages.success(request, _("The balance threshold of %(unit)s has been saved.") % {"unit": unit.name})
        return redirect("organisation:detail", unit.pk)
    return render(request, "alerts/balance_threshold.html", {"form": form, "unit": unit})


@login_required
@require_GET
def ratio_preview(request):
    """Answer the placement form with the rimelighedskrav and merbeskæftigelse figures for what is typed so far."""
    access = access_or_404(request.user, "may_edit")
    context = preview_context(access, request.GET)
    return render(request, "alerts/_ratio_preview.html", context)
