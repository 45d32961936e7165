"""Pages of the personnel and working-environment policy: guidelines, KOMPUS, concerns, health offers, "Min side".

Who sees what comes from access_for(user) (the `# --- policy ---` block of accounts/access.py):

- Guidelines: every role and every employee linked to their record reads approved versions; HR writes.
- KOMPUS: HR and lederne see coverage and the missing of their units; the goals are seen only by the
  employee and the leder who held the dialogue (HR sees that it was held, when and by whom).
- Concerns: the recipient and HR see a concern (anyone else: 404); the reporter sees its status on
  "Min side"; counts are shown suppressed to the working-environment group, MED and HR.
- Health offers: an employee's sign-ups are seen by the employee and HR; counts leave HR suppressed.

Every change and every read of a concern is audited.
"""

import hashlib
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rummelig.accounts.access import access_for, requires
from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.people.models import Employment, Person

from . import concerns as concern_rules
from . import kompus
from .forms import (
    ApproveForm,
    CloseConcernForm,
    ConcernForm,
    DialogueForm,
    GuidelineForm,
    GuidelineVersionForm,
    HealthOfferForm,
    KompusSettingForm,
)
from .guidelines import approve, guidelines_due_for_review, next_number, readable_versions
from .models import CompetenceDialogue, Concern, Guideline, HealthOffer, HealthSignup, KompusSetting
from .offers import usage_table

# What the audit log keeps of records with confidential text: the fields, and a fingerprint of the text.


def _fingerprint(text):
    return f"*** ({hashlib.sha256(text.encode()).hexdigest()[:8]})" if text else ""


def concern_fields(concern):
    """The audit log's view of a concern: status, kind, recipient, workplace; the texts only as fingerprints."""
    return {
        "kind": concern.kind, "status": concern.status, "recipient": str(concern.recipient),
        "recipient_role": concern.recipient_role, "workplace": f"{concern.workplace} (#{concern.workplace_id})",
        "description": _fingerprint(concern.description), "action_taken": _fingerprint(concern.action_taken),
    }


def dialogue_fields(dialogue):
    return {"person": f"#{dialogue.person_id}", "year": dialogue.year, "held_on": dialogue.held_on.isoformat(),
            "leder": str(dialogue.leder), "goals": _fingerprint(dialogue.goals)}


def signup_fields(signup):
    return {"offer": str(signup.offer), "person": f"#{signup.person_id}", "year": signup.year}


def _year(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("aar", today.year))
    except ValueError:
        raise Http404 from None
    if not 2000 <= year <= today.year:
        raise Http404
    return year


# Guidelines -------------------------------------------------------------------------------------


@login_required
@require_GET
@requires("reads_guidelines")
def guideline_list(request):
    access = access_for(request.user)
    guidelines = Guideline.objects.select_related("current_version").order_by("title")
    if not access.edits_guidelines:
        guidelines = guidelines.filter(current_version__isnull=False)
    year = timezone.localdate().year
    return render(request, "policy/guideline_list.html", {
        "guidelines": guidelines, "due": guidelines_due_for_review(year) if access.edits_guidelines else [], "year": year,
    })


def _guideline(pk):
    return get_object_or_404(Guideline.objects.select_related("current_version"), pk=pk)


@login_required
@require_GET
@requires("reads_guidelines")
def guideline_detail(request, pk, version=None):
    access = access_for(request.user)
    guideline = _guideline(pk)
    versions = readable_versions(guideline, access)
    if version is None:
        shown = guideline.current_version or (versions.first() if access.edits_guidelines else None)
        if shown is None:
            raise Http404
    else:
        shown = get_object_or_404(versions, pk=version)
    return render(request, "policy/guideline_detail.html", {
        "guideline": guideline, "version": shown, "versions": versions, "may_edit": access.edits_guidelines,
        "approve_form": ApproveForm(initial={"approved_by_body": shown.approved_by_body, "approved_on": shown.approved_on}),
    })


@login_required
@require_GET
@requires("reads_guidelines")
def guideline_pdf(request, pk, version):
    guideline = _guideline(pk)
    shown = get_object_or_404(readable_versions(guideline, access_for(request.user)), pk=version)
    if not shown.pdf:
        raise Http404
    return FileResponse(shown.pdf.open("rb"), content_type="application/pdf", filename=f"retningslinje-{pk}-v{shown.number}.pdf")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("edits_guidelines")
def guideline_create(request):
    form = GuidelineForm(request.POST or None, prefix="g")
    version_form = GuidelineVersionForm(request.POST or None, request.FILES or None, prefix="v")
    if request.method == "POST" and form.is_valid() and version_form.is_valid():
        with transaction.atomic():
            with log.change(request.user, form.instance):
                guideline = form.save()
            version = version_form.save(commit=False)
            version.guideline, version.number, version.created_by = guideline, 1, request.user
            with log.change(request.user, version):
                version.save()
        messages.success(request, _("The guideline is saved as a draft. Approve it to publish it."))
        return redirect("policy:guideline_version", pk=guideline.pk, version=version.pk)
    return render(request, "policy/guideline_form.html", {"form": form, "version_form": version_form, "guideline": None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("edits_guidelines")
def version_create(request, pk):
    """A change to a guideline is a new version (a draft until approved), filled in from the latest one."""
    guideline = _guideline(pk)
    latest = guideline.versions.first()
    initial = {}
    if latest:
        initial = {"text": latest.text, "approved_by_body": latest.approved_by_body, "origin": latest.origin}
    form = GuidelineVersionForm(request.POST or None, request.FILES or None, initial=initial, prefix="v")
    if request.method == "POST" and form.is_valid():
        version = form.save(commit=False)
        version.guideline, version.number, version.created_by = guideline, next_number(guideline), request.user
        with log.change(request.user, version):
            version.save()
        messages.success(request, _("Version %(number)s is saved as a draft. Approve it to make it current.") % {"number": version.number})
        return redirect("policy:guideline_version", pk=guideline.pk, version=version.pk)
    return render(request, "policy/guideline_form.html", {"version_form": form, "guideline": guideline})


@login_required
@require_POST
@requires("edits_guidelines")
def version_approve(request, pk, version):
    guideline = _guideline(pk)
    draft = get_object_or_404(guideline.versions.filter(made_current_at__isnull=True), pk=version)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("policy:guideline_version", pk=guideline.pk, version=draft.pk)
    draft.approved_by_body = form.cleaned_data["approved_by_body"]
    draft.approved_on = form.cleaned_data["approved_on"]
    approve(draft, request.user)
    messages.success(request, _("Version %(number)s is approved and is now the current one.") % {"number": draft.number})
    return redirect("policy:guideline", pk=guideline.pk)


# Min side ---------------------------------------------------------------------------------------


@login_required
@require_GET
@requires("is_employee")
def my_page(request):
    access = access_for(request.user)
    person = access.own_person()
    year = timezone.localdate().year
    dialogues = CompetenceDialogue.objects.filter(person=person).select_related("leder")
    signed = set(HealthSignup.objects.filter(person=person, year=year).values_list("offer_id", flat=True))
    offers = [{"offer": o, "signed_up": o.pk in signed} for o in HealthOffer.objects.filter(active=True)]
    return render(request, "policy/my_page.html", {
        "person": person, "year": year,
        "guidelines": Guideline.objects.filter(current_version__isnull=False).select_related("current_version"),
        "dialogues": dialogues, "held_this_year": any(d.year == year for d in dialogues),
        "concerns": access.own_concerns().select_related("recipient", "workplace"),
        "offers": offers, "may_report": concern_rules.workplaces_of(person).exists(),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("is_employee")
def concern_report(request):
    access = access_for(request.user)
    person = access.own_person()
    workplaces = list(concern_rules.workplaces_of(person))
    if not workplaces:
        messages.error(request, _("You have no current employment, so there is no workplace to tell about a concern."))
        return redirect("policy:my_page")
    recipients = [r for w in workplaces for r in concern_rules.recipients_for(w, exclude_user=request.user)]
    recipients = list({r.key: r for r in recipients}.values())
    form = ConcernForm(request.POST or None, recipients=recipients)
    if request.method == "POST" and form.is_valid():
        recipient = form.cleaned_data["recipient"]
        workplace = next((w for w in workplaces if recipient.unit.path in concern_rules.prefixes(w.path)), workplaces[0])
        concern = Concern(
            reporter=person, workplace=workplace, kind=form.cleaned_data["kind"], about=form.cleaned_data["about"],
            description=form.cleaned_data["description"], recipient=recipient.user, recipient_role=recipient.role,
        )
        with log.change(request.user, concern, fields=concern_fields):
            concern.save()
        _tell_recipient(request, concern)
        messages.success(request, _("Your concern has been sent to %(name)s. You can follow its status here.") % {
            "name": recipient.user.get_full_name() or recipient.user.username})
        return redirect("policy:my_page")
    return render(request, "policy/concern_form.html", {"form": form, "recipients": recipients})


def _tell_recipient(request, concern):
    if not concern.recipient.email:
        return
    url = request.build_absolute_uri(reverse("policy:concern", args=[concern.pk]))
    body = render_to_string("policy/email/concern_received.txt", {"concern": concern, "url": url})
    send_mail(_("Rummelig: a concern has been told to you"), body, settings.DEFAULT_FROM_EMAIL, [concern.recipient.email])


@login_required
@require_POST
@requires("is_employee")
def offer_signup(request, pk):
    """Sign up for an offer this year, or (when signed up) cancel the sign-up. Audited."""
    person = access_for(request.user).own_person()
    offer = get_object_or_404(HealthOffer.objects.filter(active=True, sign_up=True), pk=pk)
    year = timezone.localdate().year
    existing = HealthSignup.objects.filter(offer=offer, person=person, year=year).first()
    if existing:
        with log.change(request.user, existing, fields=signup_fields):
            existing.delete()
        messages.success(request, _("You are no longer signed up for %(offer)s.") % {"offer": offer.name})
    else:
        signup = HealthSignup(offer=offer, person=person, year=year)
        with log.change(request.user, signup, fields=signup_fields):
            signup.save()
        messages.success(request, _("You are signed up for %(offer)s.") % {"offer": offer.name})
    return redirect(reverse("policy:my_page") + "#sundhed")


# Concerns (recipient and HR) ---------------------------------------------------------------------


@login_required
@require_GET
@requires("receives_concerns")
def concern_list(request):
    access = access_for(request.user)
    concerns = access.concerns().select_related("recipient", "workplace", "reporter")
    status = request.GET.get("status", "open")
    if status in Concern.Status.values:
        concerns = concerns.filter(status=status)
    rows = list(concerns[:500])
    log.list_read(request.user, "concern", {"status": status}, len(rows), concerns.count(), "concerns page")
    return render(request, "policy/concern_list.html", {"concerns": rows, "status": status, "statuses": Concern.Status.choices})


def _concern_or_404(user, pk):
    try:
        return access_for(user).concerns().select_related("recipient", "workplace", "reporter").get(pk=pk)
    except (Concern.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("receives_concerns")
def concern_detail(request, pk):
    """The concern for its recipient and HR; the recipient records what was done and closes it."""
    concern = _concern_or_404(request.user, pk)
    may_close = concern.status == Concern.Status.OPEN and concern.recipient_id == request.user.pk
    form = CloseConcernForm(request.POST or None)
    if request.method == "POST":
        if not may_close:
            raise Http404
        if form.is_valid():
            with log.change(request.user, concern, fields=concern_fields):
                concern.action_taken = form.cleaned_data["action_taken"]
                concern.status = Concern.Status.CLOSED
                concern.closed_at = timezone.now()
                concern.save()
            _tell_reporter(request, concern)
            messages.success(request, _("The concern is closed, and the reporter has been told."))
            return redirect("policy:concern", pk=concern.pk)
    else:
        log.record(request.user, AuditEntry.Action.VIEW, concern, detail="concern page")
    return render(request, "policy/concern_detail.html", {"concern": concern, "form": form, "may_close": may_close})


def _tell_reporter(request, concern):
    """E-mail the reporter that their concern is closed (no more than that); their page shows it too."""
    person = concern.reporter
    address = (person.user.email if person.user_id else "") or person.email
    if not address:
        return
    body = render_to_string("policy/email/concern_closed.txt", {
        "concern": concern, "url": request.build_absolute_uri(reverse("policy:my_page"))})
    send_mail(_("Rummelig: your concern has been closed"), body, settings.DEFAULT_FROM_EMAIL, [address])


@login_required
@require_GET
@requires("sees_concern_counts")
def concern_counts(request):
    access = access_for(request.user)
    quarters = concern_rules.ended_quarters()
    chosen = request.GET.get("kvartal", "")
    year, quarter = quarters[0]
    if chosen:
        try:
            y, q = (int(part) for part in chosen.split("-"))
        except ValueError:
            raise Http404 from None
        if (y, q) not in quarters:
            raise Http404
        year, quarter = y, q
    table = concern_rules.concern_table(access.concern_count_units(), year, quarter)
    return render(request, "policy/concern_counts.html", {
        "table": table, "quarters": [(f"{y}-{q}", y, q) for y, q in quarters], "chosen": f"{year}-{quarter}",
    })


# KOMPUS -------------------------------------------------------------------------------------------


def _staff_people(access, today=None):
    """Persons with a current ordinary employment in the user's KOMPUS units."""
    today = today or timezone.localdate()
    employments = Employment.objects.active_on(today).filter(subsidised=False, unit__in=access.dialogue_units())
    return Person.objects.filter(pk__in=employments.values("person_id"))


@login_required
@require_GET
@requires("holds_dialogues")
def kompus_overview(request):
    access = access_for(request.user)
    year = _year(request)
    units = kompus.report_units(access.dialogue_units())
    rows = kompus.coverage(units[:300], year)
    return render(request, "policy/kompus_overview.html", {
        "rows": rows, "year": year, "setting": KompusSetting.get(), "alerting": kompus.alerting(),
        "may_set": access.edits_kompus_setting,
    })


@login_required
@require_GET
@requires("holds_dialogues")
def kompus_missing(request):
    """Mangler KOMPUS: the staff of the user's units without this year's dialogue."""
    access = access_for(request.user)
    year = _year(request)
    missing = kompus.missing(access.dialogue_units(), year)
    people = list(Person.objects.filter(pk__in=list(missing)[:2000]).order_by("last_name", "first_name"))
    log.list_read(request.user, "person", {"kompus_missing": year}, len(people), len(missing), "KOMPUS missing page")
    return render(request, "policy/kompus_missing.html", {
        "people": people, "year": year, "count": len(missing), "alerting": kompus.alerting(), "setting": KompusSetting.get(),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("holds_dialogues")
def kompus_record(request, person_pk):
    """Record this year's dialogue with an employee of the user's units (the leder who held it writes the goals)."""
    access = access_for(request.user)
    person = get_object_or_404(_staff_people(access), pk=person_pk)
    year = _year(request)
    dialogue = CompetenceDialogue.objects.filter(person=person, year=year).first()
    if dialogue is not None and not access.is_hr and dialogue.leder_id not in (None, request.user.pk):
        messages.info(request, _("This year's dialogue was recorded by another leder."))
        return redirect("policy:kompus_missing")
    with_goals = not access.is_hr or (dialogue is not None and dialogue.leder_id == request.user.pk)
    instance = dialogue or CompetenceDialogue(person=person, year=year, leder=request.user)
    form = DialogueForm(request.POST or None, instance=instance, year=year, with_goals=with_goals)
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, instance, fields=dialogue_fields):
            form.save()
        messages.success(request, _("The dialogue with %(name)s is recorded.") % {"name": person.full_name})
        return redirect("policy:kompus_missing")
    log.record(request.user, AuditEntry.Action.VIEW, person, detail="KOMPUS")
    return render(request, "policy/kompus_record.html", {"person": person, "form": form, "year": year, "dialogue": dialogue})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("edits_kompus_setting")
def kompus_setting(request):
    setting = KompusSetting.get()
    form = KompusSettingForm(request.POST or None, instance=setting)
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, setting):
            form.save()
        messages.success(request, _("The setting is saved."))
        return redirect("policy:kompus")
    return render(request, "policy/kompus_setting.html", {"form": form})


# Health offers ----------------------------------------------------------------------------------


@login_required
@require_GET
@requires("sees_offer_usage")
def offer_usage(request):
    access = access_for(request.user)
    year = _year(request)
    exact = access.sees_everything
    running_year = None
    if not exact and year >= timezone.localdate().year:
        # Outside HR only ended years: a running year's counts change with each sign-up, and two days compared
        # would show who signed up (as concerns show ended quarters only).
        running_year, year = year, timezone.localdate().year - 1
    table = usage_table(access.aggregate_units(), year, suppress=not exact, today=None if exact else date(year, 12, 31))
    return render(request, "policy/offer_usage.html", {
        "table": table, "year": year, "running_year": running_year, "offers": HealthOffer.objects.all(),
        "may_edit": access.edits_health_offers,
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("edits_health_offers")
def offer_edit(request, pk=None):
    offer = get_object_or_404(HealthOffer, pk=pk) if pk else HealthOffer()
    form = HealthOfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, offer):
            form.save()
        messages.success(request, _("The offer is saved."))
        return redirect("policy:offers")
    return render(request, "policy/offer_form.html", {"form": form, "offer": offer if pk else None})
