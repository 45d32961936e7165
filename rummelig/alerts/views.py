"""Pages of the alerts app: the user's alerts, the TR's tasks, the statement (form, page, PDF), starting a
placement, a unit's balance threshold, and the ratio figures beside the placement form.

What a user sees comes from access_for(user): alerts and tasks only for placements in the user's
units; a statement only for a placement the user may see; only a TR of the workplace may give it;
only HR or a leder of the unit may mark a placement started; only HR sets thresholds.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rummelig.accounts.access import access_for, access_or_404, get_placement_or_404, get_unit_or_404
from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.core.shortcuts import query_string
from rummelig.rules.deadlines import MAX_DURATION_REACHED

from .deadlines import DAYS_OVERDUE, KINDS, alerts_for
from .forms import AlertFilterForm, AlertHandlingForm, BalanceThresholdForm, StatementForm
from .models import AlertHandling, Statement
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
    kind, days, show_handled = "", 60, False
    if form.is_valid():
        kind, days = form.cleaned_data["kind"], form.cleaned_data["days"] or 60
        show_handled = form.cleaned_data["show_handled"]

    def hidden(placement):
        # The latest end follows from the target group, which an employee representative may not see.
        return () if access.sees_health_of(placement) else (MAX_DURATION_REACHED,)

    alerts = alerts_for(access.placements(), today, days_ahead=days, kinds=[kind] if kind else None, hide_kinds_for=hidden)
    handlings = handlings_of(request.user, alerts)
    hidden_count = sum(1 for a in alerts if _key(a) in handlings and handlings[_key(a)].hides_on(today))
    if not show_handled:
        alerts = [a for a in alerts if not (_key(a) in handlings and handlings[_key(a)].hides_on(today))]
    page = Paginator(alerts, PAGE_SIZE).get_page(request.GET.get("side"))
    rows = [
        {"alert": a, "overdue": a.overdue(today), "days_left": a.days_left(today), "handling": handlings.get(_key(a)),
         "handle_url": reverse("alerts:handle") + "?" + urlencode({"placement": a.placement.pk, "kind": a.kind, "due": a.due.isoformat()})}
        for a in page.object_list
    ]
    return render(request, "alerts/list.html", {
        "form": form, "page": page, "rows": rows, "count": len(alerts), "days": days, "kind": kind,
        "hidden_count": hidden_count, "show_handled": show_handled,
        "overdue_days": DAYS_OVERDUE, "today": today, "task_count": len(open_tasks(access, today)),
        "query": query_string(request, side=None),
    })


def _key(alert):
    return (alert.placement.pk, alert.kind, alert.due)


def handlings_of(user, alerts):
    """Return {(placement id, kind, due): AlertHandling} of the user's own handlings of these alerts."""
    if not alerts:
        return {}
    rows = AlertHandling.objects.filter(
        user=user, placement_id__in={a.placement.pk for a in alerts}, due__gte=min(a.due for a in alerts), due__lte=max(a.due for a in alerts)
    )
    return {(h.placement_id, h.kind, h.due): h for h in rows}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def alert_handle(request):
    """Mark one of my alerts handled (with a note) or postponed until a date; or open it again. Mine only, audited."""
    access = access_or_404(request.user, "sees_individuals")
    today = timezone.localdate()
    source = request.POST if request.method == "POST" else request.GET
    placement = get_placement_or_404(request.user, source.get("placement"))
    try:
        due = date.fromisoformat(source.get("due", ""))
    except ValueError:
        raise Http404 from None
    kind = source.get("kind", "")
    if kind not in KINDS:
        raise Http404
    hidden = () if access.sees_health_of(placement) else (MAX_DURATION_REACHED,)
    window = alerts_for(access.placements().filter(pk=placement.pk), today, days_ahead=366, days_overdue=366,
                        kinds=[kind], hide_kinds_for=lambda p: hidden)
    alert = next((a for a in window if a.due == due), None)
    if alert is None:
        raise Http404
    existing = AlertHandling.objects.filter(user=request.user, placement=placement, kind=kind, due=due).first()
    if request.method == "POST" and request.POST.get("reopen") and existing is not None:
        log.record_delete(request.user, existing)
        existing.delete()
        messages.success(request, _("The alert is open again in your list."))
        return redirect("alerts:list")
    form = AlertHandlingForm(request.POST if request.method == "POST" else None, today=today, initial={
        "state": existing.state, "note": existing.note, "postponed_until": existing.postponed_until,
    } if existing else None)
    if request.method == "POST" and form.is_valid():
        handling = existing or AlertHandling(user=request.user, placement=placement, kind=kind, due=due)
        before = log.snapshot(handling) if existing else None
        handling.state = form.cleaned_data["state"]
        handling.note = form.cleaned_data["note"].strip()
        handling.postponed_until = form.cleaned_data["postponed_until"]
        handling.save()
        if before is None:
            log.record_create(request.user, handling)
        else:
            log.record_update(request.user, handling, before)
        if handling.state == AlertHandling.State.HANDLED:
            messages.success(request, _("The alert is marked as handled. It is gone from your list, not from your colleagues'."))
        else:
            messages.success(request, _("The alert is postponed until %(date)s.") % {"date": date_format(handling.postponed_until, "j. F Y")})
        return redirect("alerts:list")
    return render(request, "alerts/handle.html", {
        "alert": alert, "form": form, "existing": existing, "today": today,
        "overdue": alert.overdue(today), "days_left": alert.days_left(today),
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
        log.record(request.user, AuditEntry.Action.VIEW, placement, detail=_("the statement page"))
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
    log.record(request.user, AuditEntry.Action.EXPORT, given, detail=_("the statement as PDF"))
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
