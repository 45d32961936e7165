"""MED pages: the committee tree (HR), each committee's members, annual wheel, meetings and records.

A member sees their own committees; HR and the auditor see all; HR manages the tree, the seats and
the fixed themes; a committee's chair or vice chair (and HR) hold its meetings and write its records.
"""

import io
import os
import time
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rummelig.accounts.access import access_for, requires
from rummelig.audit import log
from rummelig.imports import storage
from rummelig.imports.parsers import ImportFileError
from rummelig.policy.guidelines import guidelines_due_for_review

from .forms import CommitteeForm, ItemForm, MeetingForm, MembershipForm, ThemeForm
from .loading import run_load
from .models import AgendaItem, Committee, Meeting, Membership, Theme
from .roles import sync_roles
from .sheet import read_med_workbook, write_template
from .wheel import NOT_SHOWN, build_agenda, committees_behind, framework_answers, latest_figures, wheel


def committee_or_404(user, pk):
    try:
        return access_for(user).committees().get(pk=pk)
    except (Committee.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def meeting_or_404(user, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    committee_or_404(user, meeting.committee_id)
    return meeting


def _chair_or_404(user, committee):
    if not access_for(user).chairs(committee):
        raise Http404


@login_required
@require_GET
@requires("sees_committees")
def committee_list(request):
    access = access_for(request.user)
    today = timezone.localdate()
    committees = list(access.committees().select_related("parent").prefetch_related("units"))
    return render(request, "med/list.html", {
        "committees": committees, "may_manage": access.manages_committees,
        "behind": committees_behind(committees, today.year, today) if access.sees_everything else [],
        "year": today.year,
    })


@login_required
@require_GET
@requires("sees_committees")
def committee_detail(request, pk):
    committee = committee_or_404(request.user, pk)
    access = access_for(request.user)
    today = timezone.localdate()
    year = int(request.GET.get("aar", today.year)) if str(request.GET.get("aar", "")).isdigit() else today.year
    return render(request, "med/detail.html", {
        "committee": committee, "members": committee.memberships.select_related("user").order_by("-term_from"),
        "wheel": wheel(committee, year, today), "year": year, "meetings": committee.meetings.all(),
        "may_manage": access.manages_committees, "may_chair": access.chairs(committee), "today": today,
        "units": committee.units.all(),
        # The Hovedudvalg approves the guidelines: the reviews due this year are its wheel's "Retningslinjer til revision".
        "due_reviews": guidelines_due_for_review(year) if committee.kind == Committee.Kind.HOVEDUDVALG else [],
    })


@login_required
@require_http_methods(["GET", "POST"])
@requires("manages_committees")
def committee_edit(request, pk=None):
    committee = get_object_or_404(Committee, pk=pk) if pk else Committee()
    form = CommitteeForm(request.POST or None, instance=committee)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic(), log.change(request.user, committee):
            form.save()
        for membership in committee.memberships.select_related("user"):
            sync_roles(membership.user)
        messages.success(request, _("Saved."))
        return redirect("med:detail", committee.pk)
    return render(request, "med/form.html", {"form": form, "title": committee.name or _("New MED committee"),
                                              "back": ("med:list",)})


@login_required
@require_http_methods(["GET", "POST"])
@requires("manages_committees")
def membership_edit(request, committee_pk, pk=None):
    committee = get_object_or_404(Committee, pk=committee_pk)
    membership = get_object_or_404(Membership, pk=pk, committee=committee) if pk else Membership(committee=committee)
    before_user = membership.user if pk else None
    form = MembershipForm(request.POST or None, instance=membership, initial={"term_from": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            with log.change(request.user, membership):
                form.save()
            sync_roles(membership.user)
            if before_user is not None and before_user != membership.user:
                sync_roles(before_user)
        messages.success(request, _("Saved. The seat gives its roles for the term."))
        return redirect("med:detail", committee.pk)
    return render(request, "med/form.html", {"form": form, "title": _("Seat in %(committee)s") % {"committee": committee},
                                              "back": ("med:detail", committee.pk)})


@login_required
@require_POST
@requires("manages_committees")
def membership_delete(request, committee_pk, pk):
    membership = get_object_or_404(Membership, pk=pk, committee_id=committee_pk)
    user = membership.user
    with transaction.atomic():
        with log.change(request.user, membership):
            membership.delete()
        sync_roles(user)
    messages.success(request, _("The seat is removed, and the roles it gave."))
    return redirect("med:detail", committee_pk)


@login_required
@require_GET
@requires("sees_committees")
def themes(request):
    return render(request, "med/themes.html", {
        "themes": Theme.objects.filter(committee__isnull=True), "may_manage": access_for(request.user).manages_committees,
    })


@login_required
@require_http_methods(["GET", "POST"])
@requires("sees_committees")
def theme_edit(request, pk=None, committee_pk=None):
    """HR edits the fixed themes; a committee's chair adds and edits the committee's own."""
    access = access_for(request.user)
    theme = get_object_or_404(Theme, pk=pk) if pk else Theme()
    committee = None
    if committee_pk or theme.committee_id:
        committee = committee_or_404(request.user, committee_pk or theme.committee_id)
        _chair_or_404(request.user, committee)
        theme.committee = committee
    elif not access.manages_committees:
        raise Http404
    form = ThemeForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic(), log.change(request.user, theme):
            form.save()
        messages.success(request, _("Saved."))
        return redirect("med:detail", committee.pk) if committee else redirect("med:themes")
    back = ("med:detail", committee.pk) if committee else ("med:themes",)
    return render(request, "med/form.html", {"form": form, "title": _("Theme of the annual wheel"), "back": back})


@login_required
@require_http_methods(["GET", "POST"])
@requires("sees_committees")
def meeting_create(request, committee_pk):
    committee = committee_or_404(request.user, committee_pk)
    _chair_or_404(request.user, committee)
    meeting = Meeting(committee=committee, created_by=request.user)
    form = MeetingForm(request.POST or None, instance=meeting, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            with log.change(request.user, meeting):
                form.save()
            build_agenda(meeting)
        messages.success(request, _("The meeting is created with the themes due this month on its agenda."))
        return redirect("med:meeting", meeting.pk)
    return render(request, "med/form.html", {"form": form, "title": _("New meeting in %(committee)s") % {"committee": committee},
                                              "back": ("med:detail", committee.pk)})


@login_required
@require_GET
@requires("sees_committees")
def meeting_detail(request, pk):
    meeting = meeting_or_404(request.user, pk)
    items = list(meeting.items.select_related("theme", "publication"))
    return render(request, "med/meeting.html", {
        "meeting": meeting, "items": items, "may_chair": access_for(request.user).chairs(meeting.committee),
        **_attachments(meeting.committee, items, request.user),
    })


def _attachments(committee, items, user):
    """The attachments the items ask for: the committee's published figures and its framework answers (principles only)."""
    kinds = {i.attachment for i in items}
    return {
        "figures": latest_figures(committee, access_for(user)) if AgendaItem.Attachment.FIGURES in kinds else None,
        "framework": framework_answers(committee, timezone.localdate()) if AgendaItem.Attachment.FRAMEWORK in kinds else None,
    }


def _may_attach_report(committee):
    return committee.kind == Committee.Kind.HOVEDUDVALG


@login_required
@require_http_methods(["GET", "POST"])
@requires("sees_committees")
def item_edit(request, meeting_pk, pk=None):
    meeting = meeting_or_404(request.user, meeting_pk)
    _chair_or_404(request.user, meeting.committee)
    item = get_object_or_404(AgendaItem, pk=pk, meeting=meeting) if pk else AgendaItem(meeting=meeting, position=meeting.items.count())
    form = ItemForm(request.POST or None, instance=item, may_attach_report=_may_attach_report(meeting.committee))
    if request.method == "POST" and form.is_valid():
        figures = latest_figures(meeting.committee, access_for(request.user)) if item.attachment == AgendaItem.Attachment.FIGURES else None
        item.publication = figures.publication if figures and figures != NOT_SHOWN else None
        with transaction.atomic(), log.change(request.user, item):
            form.save()
        messages.success(request, _("Saved."))
        return redirect("med:meeting", meeting.pk)
    return render(request, "med/item_form.html", {"form": form, "meeting": meeting, "item": item})


@login_required
@require_GET
@requires("sees_committees")
def minutes_pdf(request, pk):
    from weasyprint import HTML

    meeting = meeting_or_404(request.user, pk)
    items = list(meeting.items.select_related("theme", "publication"))
    html = render_to_string("med/minutes_pdf.html", {
        "meeting": meeting, "items": items, "members": meeting.committee.current_members(meeting.date),
        **_attachments(meeting.committee, items, request.user),
    }, request=request)
    response = HttpResponse(HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="referat-{meeting.date:%Y-%m-%d}.pdf"'
    return response


LOAD_SESSION_KEY = "med_load_file"


def _load_path(token):
    return storage.imports_dir() / f"med-{token}.xlsx"


@login_required
@require_http_methods(["GET", "POST"])
@requires("loads_committees")
def load(request):
    """HR uploads the MED workbook: a preview first (nothing written), then "Indlæs" writes it in one go."""
    context = {"result": None, "problems": [], "token": ""}
    if request.method == "POST" and request.POST.get("token"):
        token = request.POST["token"]
        if request.session.get(LOAD_SESSION_KEY) != token or not _load_path(token).exists():
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect("med:load")
        context.update(_load_file(request, _load_path(token), request.session.get(LOAD_SESSION_KEY + "_name", ""), dry_run=False))
        _load_path(token).unlink(missing_ok=True)
        request.session.pop(LOAD_SESSION_KEY, None)
    elif request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose the file to load."))
            return redirect("med:load")
        _discard_abandoned_loads()
        token = uuid.uuid4().hex
        with open(_load_path(token), "wb") as stored:
            os.chmod(stored.name, 0o600)
            for chunk in upload.chunks():
                stored.write(chunk)
        context.update(_load_file(request, _load_path(token), upload.name, dry_run=True))
        if context["result"] is not None and not context["result"].problems and context["result"].changes:
            request.session[LOAD_SESSION_KEY], request.session[LOAD_SESSION_KEY + "_name"] = token, upload.name
            context["token"] = token
        else:
            _load_path(token).unlink(missing_ok=True)
    return render(request, "med/load.html", context)


def _discard_abandoned_loads():
    """Delete the files of MED previews nobody loaded within a day."""
    too_old = time.time() - 24 * 3600
    for path in storage.imports_dir().glob("med-*.xlsx"):
        if path.stat().st_mtime < too_old:
            path.unlink(missing_ok=True)


def _load_file(request, path, name, *, dry_run):
    try:
        source = read_med_workbook(path, name=name)
    except ImportFileError as exc:
        return {"problems": exc.problems}
    result = run_load(source, request.user, dry_run=dry_run)
    return {"result": result, "problems": result.problems}


@login_required
@require_GET
@requires("loads_committees")
def load_template(request):
    buffer = io.BytesIO()
    write_template(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="rummelig-med-skabelon.xlsx"'
    return response
