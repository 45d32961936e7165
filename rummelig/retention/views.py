"""Retention case pages: HR and the workplace's leder open, follow and end a case.

Every read of a case is audited like a person's page; every change goes through `log.change`.
A case outside the user's units does not exist for them (404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rummelig.accounts.access import access_for, get_person_or_404, requires
from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.placements.models import Placement

from .forms import AbsenceForm, CaseForm, CloseForm, DeadlineRuleForm, StepForm
from .models import RESULT_SCHEMES, AbsenceDeadlineRule, AbsencePeriod, RetentionCase, Step

FILTERS = {"open": gettext_lazy("Open cases"), "overdue": gettext_lazy("Deadline passed"), "closed": gettext_lazy("Closed cases"), "all": gettext_lazy("All")}


def case_or_404(user, pk):
    try:
        return access_for(user).retention_cases().select_related("person", "unit", "result_placement__scheme").get(pk=pk)
    except (RetentionCase.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _overdue_ids(cases, today):
    return {case.pk for case in cases if any(d.is_overdue(today) for d in case.deadlines())}


@login_required
@require_GET
@requires("handles_retention")
def case_list(request):
    access = access_for(request.user)
    shown = request.GET.get("vis", "open")
    if shown not in FILTERS:
        shown = "open"
    cases = access.retention_cases().select_related("person", "unit").prefetch_related("absences", "steps")
    if shown in ("open", "overdue"):
        cases = cases.filter(closed_on__isnull=True)
    elif shown == "closed":
        cases = cases.filter(closed_on__isnull=False)
    today = timezone.localdate()
    cases = list(cases[:500])
    overdue = _overdue_ids([c for c in cases if c.is_open], today)
    if shown == "overdue":
        cases = [c for c in cases if c.pk in overdue]
    log.list_read(request.user, "retention_case", {"vis": shown}, len(cases), len(cases), request.path)
    return render(request, "retention/list.html", {
        "cases": cases, "overdue": overdue, "filters": FILTERS, "shown": shown, "may_edit_rules": access.is_hr,
    })


def _case_units(access, person):
    """The workplaces the user may open a case at: those of the person's current ordinary employments."""
    today = timezone.localdate()
    employments = access.editable_employments().filter(person=person, start__lte=today).exclude(end__lt=today)
    return access.editable_units().filter(pk__in=employments.values("unit_id")).order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
@requires("handles_retention")
def case_create(request, person_pk):
    access = access_for(request.user)
    person = get_person_or_404(request.user, person_pk)
    units = _case_units(access, person)
    if not units.exists():
        messages.error(request, _("%(name)s has no current ordinary employment in your units; a retention case is "
                                  "opened at the workplace where the colleague is employed.") % {"name": person.full_name})
        return redirect("people:detail", person.pk)
    case = RetentionCase(person=person, opened_by=request.user)
    form = CaseForm(request.POST or None, instance=case, units=units)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            with log.change(request.user, case):
                form.save()
            first_day = form.cleaned_data.get("first_day")
            if first_day:
                absence = AbsencePeriod(case=case, first_day=first_day)
                with log.change(request.user, absence):
                    absence.save()
        messages.success(request, _("The retention case is opened."))
        return redirect("retention:detail", case.pk)
    return render(request, "retention/form.html", {
        "form": form, "title": _("Open a retention case for %(name)s") % {"name": person.full_name},
        "back": ("people:detail", person.pk),
    })


@login_required
@require_GET
@requires("handles_retention")
def case_detail(request, pk):
    case = case_or_404(request.user, pk)
    log.record(request.user, AuditEntry.Action.VIEW, case)
    today = timezone.localdate()
    deadlines = case.deadlines()
    agreements = [s for s in case.steps.all() if s.renewal_due]
    return render(request, "retention/detail.html", {
        "case": case, "absences": case.absences.all(), "steps": case.steps.all(), "deadlines": deadlines,
        "today": today, "agreements": agreements,
        "absence_form": AbsenceForm(), "step_form": StepForm(initial={"on": today}),
    })


def _add_to_case(request, pk, form_class, model):
    case = case_or_404(request.user, pk)
    if not case.is_open:
        messages.error(request, _("The case is closed; it can no longer be changed."))
        return redirect("retention:detail", case.pk)
    item = model(case=case)
    if model is Step:
        item.created_by = request.user
    form = form_class(request.POST, instance=item)
    if form.is_valid():
        with transaction.atomic(), log.change(request.user, item):
            form.save()
        messages.success(request, _("Saved."))
        return redirect("retention:detail", case.pk)
    return render(request, "retention/form.html", {
        "form": form, "title": str(case), "back": ("retention:detail", case.pk),
    }, status=400)


@login_required
@require_POST
@requires("handles_retention")
def absence_add(request, pk):
    return _add_to_case(request, pk, AbsenceForm, AbsencePeriod)


@login_required
@require_http_methods(["GET", "POST"])
@requires("handles_retention")
def absence_edit(request, pk, absence_pk):
    case = case_or_404(request.user, pk)
    absence = get_object_or_404(AbsencePeriod, case=case, pk=absence_pk)
    if not case.is_open:
        raise Http404
    form = AbsenceForm(request.POST or None, instance=absence)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic(), log.change(request.user, absence):
            form.save()
        messages.success(request, _("Saved."))
        return redirect("retention:detail", case.pk)
    return render(request, "retention/form.html", {
        "form": form, "title": _("Absence period"), "back": ("retention:detail", case.pk),
    })


@login_required
@require_POST
@requires("handles_retention")
def step_add(request, pk):
    return _add_to_case(request, pk, StepForm, Step)


def result_placements(case):
    """The person's fleksjob and skånejob placements at the case's workplace: what a case can end in."""
    codes = [code for codes in RESULT_SCHEMES.values() for code in codes]
    return Placement.objects.filter(person=case.person, workplace=case.unit, scheme__code__in=codes).select_related(
        "scheme", "workplace").order_by("-start")


@login_required
@require_http_methods(["GET", "POST"])
@requires("handles_retention")
def case_close(request, pk):
    case = case_or_404(request.user, pk)
    if not case.is_open:
        messages.error(request, _("The case is already closed."))
        return redirect("retention:detail", case.pk)
    form = CloseForm(request.POST or None, instance=case, placements=result_placements(case),
                     initial={"closed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic(), log.change(request.user, case):
            form.save()
        messages.success(request, _("The retention case is closed."))
        return redirect("retention:detail", case.pk)
    return render(request, "retention/form.html", {
        "form": form, "title": _("End the retention case"), "back": ("retention:detail", case.pk),
        "intro": _("What did the case end in? A fleksjob or skånejob at the same workplace is registered as a placement "
                   "first and chosen here."),
    })


@login_required
@require_GET
@requires("handles_retention")
def rules(request):
    return render(request, "retention/rules.html", {
        "rules": AbsenceDeadlineRule.objects.all(), "may_edit": access_for(request.user).is_hr,
    })


@login_required
@require_http_methods(["GET", "POST"])
@requires("is_hr")
def rule_edit(request, pk=None):
    rule = get_object_or_404(AbsenceDeadlineRule, pk=pk) if pk else AbsenceDeadlineRule()
    form = DeadlineRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic(), log.change(request.user, rule):
            form.save()
        messages.success(request, _("Saved."))
        return redirect("retention:rules")
    return render(request, "retention/form.html", {
        "form": form, "title": _("Deadline rule"), "back": ("retention:rules",),
    })
