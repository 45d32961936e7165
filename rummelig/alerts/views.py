"""Pages of the alerts app: the user's alerts, the TR's tasks, the statement (form, page, PDF, a paper
statement with its scan, routing it, reminding the TR), starting a placement, a unit's balance
threshold, and the ratio figures beside the placement form.

What a user sees comes from access_for(user): alerts and tasks only for placements in the user's
units; a statement only for a placement the user may see (or whose statement HR routed to the
user); only a TR of the workplace (or the routed representative) may give it; only HR records
paper statements, routes statements and sends reminders; only HR or a leder of the unit may mark
a placement started; only HR sets thresholds.
"""

import os
from datetime import date, datetime, time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rummelig.accounts.access import (
    access_for,
    get_placement_or_404,
    get_statement_placement_or_404,
    get_unit_or_404,
    requires,
)
from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.core.formats import long_date
from rummelig.core.shortcuts import query_string
from rummelig.placements.models import Placement

from .deadlines import DAYS_OVERDUE, HIDDEN_FROM_REPRESENTATIVES, KINDS, alerts_for, with_placements
from .forms import (
    AlertFilterForm,
    AlertHandlingForm,
    BalanceThresholdForm,
    PaperStatementForm,
    StatementForm,
    StatementRouteForm,
)
from .models import AlertHandling, RepresentativeReminder, Statement, StatementRoute
from .preview import preview_context
from .recipients import representatives_of
from .statements import (
    asks_merbeskaeftigelse,
    awaiting_statement,
    informed_placements,
    needs_statement,
    open_tasks,
    statement_figures,
)

PAGE_SIZE = 50


@login_required
@require_GET
@requires("sees_individuals")
def alert_list(request):
    access = access_for(request.user)
    today = timezone.localdate()
    form = AlertFilterForm(request.GET or None, initial={"days": 60})
    kind, days, show_handled = "", 60, False
    if form.is_valid():
        kind, days = form.cleaned_data["kind"], form.cleaned_data["days"] or 60
        show_handled = form.cleaned_data["show_handled"]

    def hidden(placement):
        # The latest end follows from the target group, which an employee representative may not see.
        return () if access.sees_health_of(placement) else HIDDEN_FROM_REPRESENTATIVES

    alerts = alerts_for(access.placements(), today, days_ahead=days, kinds=[kind] if kind else None, hide_kinds_for=hidden,
                        load=False)
    handlings = handlings_of(request.user, alerts)
    hidden_count = sum(1 for a in alerts if _key(a) in handlings and handlings[_key(a)].hides_on(today))
    if not show_handled:
        alerts = [a for a in alerts if not (_key(a) in handlings and handlings[_key(a)].hides_on(today))]
    page = Paginator(alerts, PAGE_SIZE).get_page(request.GET.get("side"))
    page.object_list = with_placements(page.object_list, Placement)
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
@requires("sees_individuals")
def alert_handle(request):
    """Mark one of my alerts handled (with a note) or postponed until a date; or open it again. Mine only, audited."""
    access = access_for(request.user)
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
    hidden = () if access.sees_health_of(placement) else HIDDEN_FROM_REPRESENTATIVES
    window = alerts_for(access.placements().filter(pk=placement.pk), today, days_ahead=366, days_overdue=366,
                        kinds=[kind], hide_kinds_for=lambda p: hidden)
    alert = next((a for a in window if a.due == due), None)
    if alert is None:
        raise Http404
    existing = AlertHandling.objects.filter(user=request.user, placement=placement, kind=kind, due=due).first()
    if request.method == "POST" and request.POST.get("reopen") and existing is not None:
        with log.change(request.user, existing):
            existing.delete()
        messages.success(request, _("The alert is open again in your list."))
        return redirect("alerts:list")
    form = AlertHandlingForm(request.POST if request.method == "POST" else None, today=today, initial={
        "state": existing.state, "note": existing.note, "postponed_until": existing.postponed_until,
    } if existing else None)
    if request.method == "POST" and form.is_valid():
        handling = existing or AlertHandling(user=request.user, placement=placement, kind=kind, due=due)
        with log.change(request.user, handling):
            handling.state = form.cleaned_data["state"]
            handling.note = form.cleaned_data["note"].strip()
            handling.postponed_until = form.cleaned_data["postponed_until"]
            handling.save()
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
@requires("has_tasks")
def task_list(request):
    """My tasks: statements to give (TR, or a representative HR routed one to), statements awaited (HR, leder), placements to know of (TR)."""
    access = access_for(request.user)
    today = timezone.localdate()
    tasks = open_tasks(access, today)
    given = Statement.objects.filter(representative=request.user).select_related("placement__person", "placement__scheme")[:20]
    return render(request, "alerts/tasks.html", {
        "tasks": tasks,
        "informed": informed_placements(access, today),
        "awaiting": awaiting_statement(access, today) if access.may_edit else [],
        "given": given,
        "is_representative": access.gives_statements,
        "sees_alerts": access.sees_individuals,
        "today": today,
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("has_tasks")
def statement(request, pk):
    """The statement of a placement: the form for its TR before it is given, the signed statement afterwards."""
    placement = get_statement_placement_or_404(request.user, pk)
    prefetch_related_objects([placement], "scheme__versions")  # needs_statement and statement_figures read the version again
    access = access_for(request.user)
    version = placement.scheme_version
    existing = Statement.objects.filter(placement=placement).select_related("representative").first()
    context = {
        "placement": placement, "version": version, "statement": existing, "today": timezone.localdate(),
        # A representative HR routed the statement to sees the statement, not the placement's page.
        "sees_placement": access.placements().filter(pk=placement.pk).exists(),
    }
    if request.method != "POST":
        log.record(request.user, AuditEntry.Action.VIEW, placement, detail=_("the statement page"))
    if existing is not None or not needs_statement(placement) or not access.gives_statement_on(placement):
        if request.method == "POST":
            raise Http404
        context["may_give"] = False
        context["figures"] = existing.figures if existing else None
        return render(request, "alerts/statement.html", context)

    merbeskaeftigelse_relevant = asks_merbeskaeftigelse(placement)
    form = StatementForm(
        request.POST or None, merbeskaeftigelse_relevant=merbeskaeftigelse_relevant,
        initial={"signed_name": request.user.get_full_name()},
    )
    figures = statement_figures(placement)
    if request.method == "POST" and form.is_valid():
        given = form.save(commit=False)
        given.placement = placement
        given.p_number = placement.workplace.p_number
        given.workplace_name = placement.workplace.name
        given.representative = request.user
        given.signed_at = timezone.now()
        given.figures = figures
        with log.change(request.user, given):
            given.save()
        messages.success(request, _("Your statement on the placement of %(name)s has been signed and sent to the employer.") % {
            "name": placement.person.full_name,
        })
        return redirect("alerts:statement", placement.pk)
    context.update({"may_give": True, "form": form, "figures": figures, "merbeskaeftigelse_relevant": merbeskaeftigelse_relevant})
    return render(request, "alerts/statement.html", context)


@login_required
@require_GET
@requires("has_tasks")
def statement_pdf(request, pk):
    """The signed statement as a PDF for the case file (A4, Danish)."""
    from weasyprint import HTML

    placement = get_statement_placement_or_404(request.user, pk)
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


def _awaiting_statement_or_404(request, pk):
    """The placement HR may act on whose statement is still missing (paper, routing, reminder); else 404."""
    placement = get_placement_or_404(request.user, pk, for_edit=True)
    if not needs_statement(placement) or Statement.objects.filter(placement=placement).exists():
        raise Http404
    return placement


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("is_hr")
def paper_statement(request, pk):
    """HR records a statement the TR signed on paper (a TR who does not use Rummelig), with its scan."""
    placement = _awaiting_statement_or_404(request, pk)
    posted = request.method == "POST"
    form = PaperStatementForm(
        request.POST if posted else None, request.FILES if posted else None, merbeskaeftigelse_relevant=asks_merbeskaeftigelse(placement),
    )
    if request.method == "POST" and form.is_valid():
        given = form.save(commit=False)
        given.placement = placement
        given.source = Statement.Source.PAPER
        given.p_number = placement.workplace.p_number
        given.workplace_name = placement.workplace.name
        given.recorded_by = request.user
        given.signed_at = timezone.make_aware(datetime.combine(form.cleaned_data["signed_on"], time(12)))
        given.figures = statement_figures(placement)
        given.scan_content_type = form.scan_content_type
        given.scan = form.cleaned_data["scan"]
        with log.change(request.user, given):
            given.save()
        messages.success(request, _("The statement received on paper has been recorded for the placement of %(name)s.") % {
            "name": placement.person.full_name,
        })
        return redirect("placements:detail", placement.pk)
    return render(request, "alerts/paper_statement.html", {"placement": placement, "form": form})


@login_required
@require_GET
@requires("has_tasks")
def statement_scan(request, pk):
    """The scan of a paper statement, to those who may see the placement; every read is audited."""
    placement = get_statement_placement_or_404(request.user, pk)
    given = get_object_or_404(Statement, placement=placement, source=Statement.Source.PAPER)
    if not given.scan:
        raise Http404
    try:
        handle = given.scan.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    log.record(request.user, AuditEntry.Action.VIEW, given, detail=_("the scan of the paper statement"))
    extension = os.path.splitext(given.scan.name)[1]
    response = FileResponse(handle, content_type=given.scan_content_type or "application/octet-stream")
    response["Content-Disposition"] = f'inline; filename="udtalelse-{placement.pk}{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("is_hr")
def route_statement(request, pk):
    """HR chooses who gives the statement when the P-number has no TR (or the TR is away), in the law's order."""
    placement = _awaiting_statement_or_404(request, pk)
    route = StatementRoute.objects.filter(placement=placement).first()
    representatives = representatives_of(placement.workplace)
    form = StatementRouteForm(
        request.POST if request.method == "POST" else None, instance=route, workplace=placement.workplace, has_tr=bool(representatives),
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        with log.change(request.user, saved):
            saved.placement = placement
            saved.routed_by = request.user
            saved.save()
        messages.success(request, _("%(giver)s now gives the statement on the placement of %(name)s and sees it under “My tasks”.") % {
            "giver": saved.giver.get_full_name() or saved.giver.get_username(), "name": placement.person.full_name,
        })
        return redirect("placements:detail", placement.pk)
    return render(request, "alerts/statement_route.html", {
        "placement": placement, "form": form, "representatives": representatives, "route": route,
    })


@login_required
@require_POST
@requires("is_hr")
def remind_representative(request, pk):
    """HR e-mails the representative(s) a reminder of a statement still missing: one e-mail per click, audited."""
    placement = _awaiting_statement_or_404(request, pk)
    route = StatementRoute.objects.filter(placement=placement).select_related("giver").first()
    people = [route.giver] if route else representatives_of(placement.workplace)
    reachable = [user for user in people if user.email]
    if not reachable:
        messages.error(request, _(
            "No representative with an e-mail address gives the statement for %(workplace)s. "
            "Choose who gives it, or record a statement received on paper."
        ) % {"workplace": placement.workplace.name})
        return redirect("placements:detail", placement.pk)
    link = settings.SITE_URL + reverse("alerts:statement", args=[placement.pk])
    subject = _("Reminder: your statement on a placement at %(workplace)s") % {"workplace": placement.workplace.name}
    for user in reachable:
        body = render_to_string("alerts/email/statement_reminder.txt", {
            "user": user, "placement": placement, "link": link, "sender": request.user,
        })
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    names = ", ".join(user.get_full_name() or user.get_username() for user in reachable)
    reminder = RepresentativeReminder.objects.create(placement=placement, sent_by=request.user, recipients=names)
    log.record(request.user, AuditEntry.Action.CREATE, reminder, detail=f"reminder to {names}")
    messages.success(request, _("A reminder has been e-mailed to %(names)s.") % {"names": names})
    return redirect("placements:detail", placement.pk)


@login_required
@require_POST
@requires("may_edit")
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
    with log.change(request.user, placement):
        placement.started_at = timezone.now()
        placement.save(update_fields=["started_at", "updated_at"])
    messages.success(request, _("The placement of %(name)s has been marked as started.") % {"name": placement.person.full_name})
    return redirect("placements:detail", placement.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("is_hr")
def balance_threshold(request, pk):
    """HR sets the share of temporary special-terms staff above which a unit is flagged."""
    unit = get_unit_or_404(request.user, pk)
    form = BalanceThresholdForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, unit):
            form.save()
        messages.success(request, _("The balance threshold of %(unit)s has been saved.") % {"unit": unit.name})
        return redirect("organisation:detail", unit.pk)
    return render(request, "alerts/balance_threshold.html", {"form": form, "unit": unit})


@login_required
@require_GET
@requires("may_edit")
def ratio_preview(request):
    """Answer the placement form with the rimelighedskrav and merbeskæftigelse figures for what is typed so far."""
    access = access_for(request.user)
    context = preview_context(access, request.GET)
    return render(request, "alerts/_ratio_preview.html", context)
