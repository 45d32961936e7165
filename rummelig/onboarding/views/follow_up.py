"""A placement's reception and follow-up: its checklist (ticked off with a note), mentor periods, evaluations and
outcome follow-ups. HR, the auditor and the placement's leder see it; a TR, a mentor or a MED member does not
(404), so evaluation notes reach none of them. HR and the leder change it."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rummelig.accounts.access import access_for, requires
from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.placements.models import Placement
from rummelig.rules.onboarding import follow_up_dates, mentor_period_end, overdue

from ..alerts import missing_for, planned_evaluations
from ..checklists import make_checklist, progress_of
from ..forms import EvaluationForm, FollowUpForm, MentorshipForm, TickForm
from ..models import Checklist, ChecklistItem, Mentorship, OutcomeFollowUp


def get_followed_placement_or_404(user, pk, *, for_edit=False):
    """The placement whose follow-up the user sees (HR, auditor, its leder), or may change (HR, its leder)."""
    access = access_for(user)
    qs = access.follow_up_placements()
    if for_edit:
        qs = qs.filter(pk__in=access.editable_placements().values("pk"))
    try:
        return qs.select_related("person", "scheme", "workplace", "mentor").get(pk=pk)
    except (Placement.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def follow_up_context(placement, today):
    checklist = Checklist.objects.filter(placement=placement).first()
    items = list(checklist.items.select_related("done_by")) if checklist else []
    for item in items:
        item.is_overdue = overdue(item.due, item.done_on, today)
    evaluations = list(placement.evaluations.all())
    version = placement.scheme_version
    temporary = version is not None and not version.permanent
    follow_ups = {f.months: f for f in placement.follow_ups.all()}
    due_follow_ups = []
    if temporary and placement.actual_end:
        due_follow_ups = [{"months": m, "due": d, "done": follow_ups.get(m)} for m, d in follow_up_dates(placement.actual_end).items()]
    return {
        "placement": placement, "checklist": checklist, "items": items,
        "progress": progress_of(checklist, today) if checklist else None,
        "mentorships": list(placement.mentorships.select_related("mentor")),
        "evaluations": evaluations,
        "planned": planned_evaluations(placement, placement.ends_on or today + timedelta(days=730)),
        "missing": missing_for(placement, [e.held_on for e in evaluations], today),
        "temporary": temporary, "follow_ups": due_follow_ups, "today": today,
    }


@login_required
@require_GET
@requires("sees_follow_up")
def placement_follow_up(request, pk):
    placement = get_followed_placement_or_404(request.user, pk)
    access = access_for(request.user)
    log.record(request.user, AuditEntry.Action.VIEW, placement, detail="onboarding")
    today = timezone.localdate()
    context = follow_up_context(placement, today)
    may_edit = access.may_edit_placement(placement)
    context.update({
        "may_edit": may_edit,
        "mentor_form": MentorshipForm(access=access, placement=placement, initial=_next_mentor_period(placement, today)) if may_edit else None,
        "follow_up_form": FollowUpForm(placement=placement) if may_edit and context["follow_ups"] else None,
    })
    return render(request, "onboarding/follow_up.html", context)


def _next_mentor_period(placement, today):
    last = placement.mentorships.aggregate(last=Max("ends"))["last"]
    starts = max(placement.start, today) if last is None else last.fromordinal(last.toordinal() + 1)
    return {"starts": starts, "ends": mentor_period_end(starts), "mentor": placement.mentor_id}


@login_required
@require_POST
@requires("may_edit")
def make_list(request, pk):
    """Give a placement registered before the templates (or without one) its checklist now."""
    placement = get_followed_placement_or_404(request.user, pk, for_edit=True)
    if make_checklist(placement) is None:
        messages.error(request, _("There is no checklist template for this scheme. HR can make one under Templates."))
    else:
        log.record(request.user, AuditEntry.Action.CREATE, placement.checklist)
    return redirect("onboarding:placement", placement.pk)


@login_required
@require_POST
@requires("may_edit")
def tick_item(request, pk, item_pk):
    placement = get_followed_placement_or_404(request.user, pk, for_edit=True)
    item = ChecklistItem.objects.filter(checklist__placement=placement, pk=item_pk).first()
    if item is None:
        raise Http404
    form = TickForm(request.POST)
    if form.is_valid():
        tick(request.user, item, form.cleaned_data["done"], form.cleaned_data["note"])
        messages.success(request, _("“%(item)s” is saved.") % {"item": item.text})
    else:
        messages.error(request, _("The note is too long (at most 2000 characters)."))
    return redirect(f"{placement_url(placement)}#item-{item.pk}")


def tick(user, item, done, note):
    """Mark an item done today (or not done) with a note, audited."""
    with log.change(user, item):
        if done and item.done_on is None:
            item.done_on, item.done_by = timezone.localdate(), user
        elif not done:
            item.done_on, item.done_by = None, None
        item.note = note.strip()
        item.save()
    return item


def placement_url(placement):
    return reverse("onboarding:placement", args=[placement.pk])


@login_required
@require_POST
@requires("may_edit")
def add_mentor(request, pk):
    placement = get_followed_placement_or_404(request.user, pk, for_edit=True)
    access = access_for(request.user)
    form = MentorshipForm(request.POST, access=access, placement=placement, instance=Mentorship(placement=placement))
    if form.is_valid():
        save_mentorship(request.user, form)
        messages.success(request, _("The mentor period is saved."))
        return redirect(placement_url(placement))
    context = follow_up_context(placement, timezone.localdate())
    context.update({"may_edit": True, "mentor_form": form, "follow_up_form": None})
    return render(request, "onboarding/follow_up.html", context, status=422)


def save_mentorship(user, form):
    """Save a mentor period and make its mentor the placement's mentor (who then sees the placement)."""
    with log.change(user, form.instance):
        mentorship = form.save()
    placement = mentorship.placement
    if placement.mentor_id != mentorship.mentor_id:
        with log.change(user, placement):
            placement.mentor = mentorship.mentor
            placement.save(update_fields=["mentor", "updated_at"])
    return mentorship


@login_required
@require_http_methods(["GET", "POST"])
@requires("may_edit")
def add_evaluation(request, pk):
    placement = get_followed_placement_or_404(request.user, pk, for_edit=True)
    form = EvaluationForm(request.POST or None, placement=placement, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        evaluation = form.save(commit=False)
        evaluation.placement, evaluation.created_by = placement, request.user
        with log.change(request.user, evaluation):
            evaluation.save()
        messages.success(request, _("The evaluation is recorded."))
        return redirect(placement_url(placement))
    return render(request, "onboarding/form.html", {
        "form": form, "title": _("Record an evaluation"), "subtitle": f"{placement.person.full_name} · {placement.scheme.name}",
        "cancel": placement_url(placement),
    })


@login_required
@require_POST
@requires("may_edit")
def add_follow_up(request, pk):
    placement = get_followed_placement_or_404(request.user, pk, for_edit=True)
    form = FollowUpForm(request.POST, placement=placement)
    if form.is_valid():
        save_follow_up(request.user, placement, form.cleaned_data["months"], form.cleaned_data["outcome"])
        messages.success(request, _("The follow-up is saved."))
    else:
        for error in form.non_field_errors() or [e for errors in form.errors.values() for e in errors]:
            messages.error(request, error)
    return redirect(placement_url(placement))


def save_follow_up(user, placement, months, outcome):
    follow_up = OutcomeFollowUp.objects.filter(placement=placement, months=months).first() or OutcomeFollowUp(placement=placement, months=months)
    with log.change(user, follow_up):
        follow_up.outcome, follow_up.recorded_on = outcome, timezone.localdate()
        follow_up.save()
    return follow_up
