"""Pages of the procurement register: tenders, clause decisions, the clause library, follow-up and thresholds.

The procurement unit writes; HR and the auditor read (HR also keeps the thresholds). Everything
else in Rummelig (people, placements) stays out of reach for the procurement role: its pages
answer 404 there, as for anyone without the permission.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rummelig.accounts.access import access_for, requires
from rummelig.audit import log
from rummelig.organisation.models import Unit

from .export import register_workbook
from .forms import (
    ClauseDecisionForm,
    ClauseForm,
    ClauseVersionForm,
    DocumentationRequestForm,
    RequestResultForm,
    SanctionForm,
    SubcontractorForm,
    TenderForm,
    ThresholdForm,
)
from .models import Clause, ClauseDecision, ClauseKind, ClauseVersion, DocumentationRequest, Tender, Threshold

GET_POST = ["GET", "HEAD", "POST"]


def _tender_or_404(user, pk):
    return get_object_or_404(access_for(user).tenders(), pk=pk)


def overdue_requests(today):
    """Documentation requests whose deadline has passed without the documentation: the officer's alerts."""
    return (
        DocumentationRequest.objects.filter(received_on__isnull=True, deadline__lt=today)
        .select_related("tender")
        .order_by("deadline", "pk")
    )


@login_required
@require_http_methods(["GET", "HEAD"])
@requires("sees_procurement")
def tender_list(request):
    access = access_for(request.user)
    today = timezone.localdate()
    status = request.GET.get("status", "")
    tenders = access.tenders().select_related("procuring_unit").annotate(
        decided=Count("decisions", distinct=True),
        sanction_count=Count("sanctions", distinct=True),
    )
    if status in Tender.Status.values:
        tenders = tenders.filter(status=status)
    return render(request, "procurement/list.html", {
        "tenders": tenders,
        "statuses": Tender.Status.choices,
        "status": status,
        "clause_kinds": len(ClauseKind.values),
        "overdue": overdue_requests(today),
        "today": today,
        "may_edit": access.may_edit_procurement,
    })


@login_required
@require_http_methods(GET_POST)
@requires("may_edit_procurement")
def tender_create(request):
    form = TenderForm(request.POST or None, units=Unit.objects.all())
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, form.instance):
            tender = form.save()
        messages.success(request, _("The tender %(title)s has been created. Record the consideration of each clause.") % {
            "title": tender.title})
        return redirect("procurement:detail", pk=tender.pk)
    return render(request, "procurement/edit.html", {"form": form, "tender": None})


@login_required
@require_http_methods(GET_POST)
@requires("may_edit_procurement")
def tender_edit(request, pk):
    tender = _tender_or_404(request.user, pk)
    form = TenderForm(request.POST or None, instance=tender, units=Unit.objects.all())
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, tender):
            form.save()
        messages.success(request, _("The tender has been saved."))
        return redirect("procurement:detail", pk=tender.pk)
    return render(request, "procurement/edit.html", {"form": form, "tender": tender})


@login_required
@require_http_methods(["GET", "HEAD"])
@requires("sees_procurement")
def tender_detail(request, pk):
    access = access_for(request.user)
    tender = get_object_or_404(
        access.tenders().select_related("procuring_unit").prefetch_related(
            Prefetch("decisions", queryset=ClauseDecision.objects.select_related("clause_version__clause")),
            "subcontractors", "sanctions",
        ),
        pk=pk,
    )
    today = timezone.localdate()
    duty, limits = tender.duty()
    decisions = tender.decisions_by_kind()
    requests = list(tender.requests.all())
    for item in requests:
        item.state_label = item.state(today)
        item.overdue = item.is_overdue(today)
    return render(request, "procurement/detail.html", {
        "tender": tender,
        "duty": duty,
        "limits": limits,
        "clauses": [{"kind": kind, "label": label, "decision": decisions.get(kind)} for kind, label in ClauseKind.choices],
        "problems": tender.publish_problems() if tender.status == Tender.Status.PLANNED else [],
        "requests": requests,
        "sanctions": tender.sanctions.all(),
        "promised": tender.apprentices_promised(),
        "documented": tender.apprentices_documented(),
        "may_edit": access.may_edit_procurement,
        "today": today,
    })


@login_required
@require_http_methods(GET_POST)
@requires("may_edit_procurement")
def clause_decision(request, pk, kind):
    tender = _tender_or_404(request.user, pk)
    if kind not in ClauseKind.values:
        raise Http404
    decision = tender.decisions.filter(kind=kind).first() or ClauseDecision(tender=tender, kind=kind)
    initial = {} if decision.pk is None else {"included": "ja" if decision.included else "nej"}
    form = ClauseDecisionForm(request.POST or None, instance=decision, tender=tender, kind=kind, initial=initial)
    if request.method == "POST" and form.is_valid():
        decision = form.save(commit=False)
        decision.decided_by = request.user
        decision.decided_at = timezone.now()
        with log.change(request.user, decision):
            decision.save()
        messages.success(request, _("The consideration of the %(kind)s has been recorded.") % {"kind": ClauseKind(kind).label.lower()})
        return redirect("procurement:detail", pk=tender.pk)
    duty, _limits = tender.duty()
    return render(request, "procurement/decision.html", {
        "form": form, "tender": tender, "kind_label": ClauseKind(kind).label,
        "duty": duty if kind == ClauseKind.TRAINING else None,
    })


@login_required
@require_POST
@requires("may_edit_procurement")
def tender_publish(request, pk):
    tender = _tender_or_404(request.user, pk)
    problems = tender.publish_problems()
    if problems:
        for problem in problems:
            messages.error(request, problem)
        return redirect("procurement:detail", pk=tender.pk)
    with log.change(request.user, tender):
        tender.status = Tender.Status.PUBLISHED
        tender.published_on = timezone.localdate()
        tender.save()
    messages.success(request, _("The tender has been published."))
    return redirect("procurement:detail", pk=tender.pk)


@login_required
@require_POST
@requires("may_edit_procurement")
def tender_advance(request, pk):
    tender = _tender_or_404(request.user, pk)
    if tender.next_status is None:
        messages.error(request, _("A planned tender is published with its own button; an ended one cannot move on."))
        return redirect("procurement:detail", pk=tender.pk)
    with log.change(request.user, tender):
        tender.status = tender.next_status
        if tender.status == Tender.Status.AWARDED and tender.awarded_on is None:
            tender.awarded_on = timezone.localdate()
        tender.save()
    messages.success(request, _("The tender is now %(status)s.") % {"status": tender.get_status_display().lower()})
    return redirect("procurement:detail", pk=tender.pk)


def _child_form(request, pk, form_class, template_title, **form_kwargs):
    """Add one record under a tender (subcontractor, request, sanction) with the given form."""
    tender = _tender_or_404(request.user, pk)
    extra = {"tender": tender} if form_class is SanctionForm else {}
    form = form_class(request.POST or None, **extra, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.tender = tender
        if hasattr(obj, "created_by_id"):
            obj.created_by = request.user
        with log.change(request.user, obj):
            obj.save()
        messages.success(request, _("Saved."))
        return redirect("procurement:detail", pk=tender.pk)
    return render(request, "procurement/child.html", {"form": form, "tender": tender, "title": template_title})


@login_required
@require_http_methods(GET_POST)
@requires("may_edit_procurement")
def subcontractor_add(request, pk):
    return _child_form(request, pk, SubcontractorForm, _("Add a subcontractor"))


@login_required
@require_http_methods(GET_POST)
@requires("may_edit_procurement")
def request_add(request, pk):
    return _child_form(request, pk, DocumentationRequestForm, _("Request documentation from the supplier"))


@login_required
@require_http_methods(GET_POST)
@requires("may_edit_procurement")
def sanction_add(request, pk):
    return _child_form(request, pk, SanctionForm, _("Record a sanction"))


@login_required
@require_http_methods(GET_POST)
@requires("may_edit_procurement")
def request_result(request, pk):
    item = get_object_or_404(DocumentationRequest.objects.filter(tender__in=access_for(request.user).tenders()), pk=pk)
    form = RequestResultForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, item):
            form.save()
        messages.success(request, _("The follow-up has been saved."))
        return redirect("procurement:detail", pk=item.tender_id)
    return render(request, "procurement/child.html", {
        "form": form, "tender": item.tender, "title": _("Documentation received and control result: %(kind)s") % {
            "kind": item.get_kind_display()},
    })


@login_required
@require_http_methods(["GET", "HEAD"])
@requires("sees_procurement")
def follow_up(request):
    today = timezone.localdate()
    requests = DocumentationRequest.objects.filter(tender__in=access_for(request.user).tenders()).select_related("tender")
    open_requests = requests.filter(received_on__isnull=True).order_by("deadline")
    for item in open_requests:
        item.overdue = item.is_overdue(today)
    return render(request, "procurement/follow_up.html", {
        "open_requests": open_requests, "today": today,
        "apprentices": [
            {"tender": t, "promised": t.apprentices_promised(), "documented": t.apprentices_documented()}
            for t in access_for(request.user).tenders().filter(decisions__kind=ClauseKind.TRAINING, decisions__included=True)
        ],
    })


# The clause library -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD"])
@requires("sees_procurement")
def clause_list(request):
    clauses = Clause.objects.prefetch_related("versions").order_by("kind", "title")
    return render(request, "procurement/clauses.html", {
        "clauses": clauses, "may_edit": access_for(request.user).may_edit_procurement,
    })


@login_required
@require_http_methods(GET_POST)
@requires("may_edit_procurement")
def clause_create(request):
    form = ClauseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, form.instance):
            clause = form.save()
        version = ClauseVersion(clause=clause, number=1, text=form.cleaned_data["text"], created_by=request.user)
        with log.change(request.user, version):
            version.save()
        messages.success(request, _("The clause has been added to the library."))
        return redirect("procurement:clause", pk=clause.pk)
    return render(request, "procurement/child.html", {"form": form, "tender": None, "title": _("New standard clause")})


@login_required
@require_http_methods(GET_POST)
@requires("sees_procurement")
def clause_detail(request, pk):
    """A clause's versions, newest first; the procurement unit adds a new version (the old ones stay)."""
    access = access_for(request.user)
    clause = get_object_or_404(Clause, pk=pk)
    form = ClauseVersionForm(request.POST or None, initial={"text": clause.latest.text if clause.latest else ""})
    if request.method == "POST":
        if not access.may_edit_procurement:
            raise Http404
        if form.is_valid():
            number = (clause.latest.number if clause.latest else 0) + 1
            version = ClauseVersion(clause=clause, number=number, text=form.cleaned_data["text"], created_by=request.user)
            with log.change(request.user, version):
                version.save()
            messages.success(request, _("Version %(number)s has been saved; tenders keep the version they used.") % {"number": number})
            return redirect("procurement:clause", pk=clause.pk)
    used = ClauseDecision.objects.filter(clause_version__clause=clause).values("clause_version__number").annotate(n=Count("pk"))
    return render(request, "procurement/clause.html", {
        "clause": clause, "versions": clause.versions.all(), "form": form, "may_edit": access.may_edit_procurement,
        "used": {row["clause_version__number"]: row["n"] for row in used},
    })


# Thresholds (HR) ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD"])
@requires("sees_procurement")
def threshold_list(request):
    return render(request, "procurement/thresholds.html", {
        "thresholds": Threshold.objects.all(), "may_edit": access_for(request.user).may_edit_thresholds,
    })


@login_required
@require_http_methods(GET_POST)
@requires("may_edit_thresholds")
def threshold_edit(request, pk=None):
    threshold = get_object_or_404(Threshold, pk=pk) if pk is not None else Threshold()
    form = ThresholdForm(request.POST or None, instance=threshold)
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, form.instance):
            form.save()
        messages.success(request, _("The threshold has been saved."))
        return redirect("procurement:thresholds")
    return render(request, "procurement/child.html", {"form": form, "tender": None, "title": _("Threshold"),
                                                      "back": "procurement:thresholds"})


# Export -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD"])
@requires("sees_procurement")
def export(request):
    tenders = access_for(request.user).tenders().select_related("procuring_unit").prefetch_related(
        "decisions", "subcontractors", "requests", "sanctions")
    content = register_workbook(tenders, timezone.localdate())
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="udbud.xlsx"'
    return response

