"""Pages about people: the list with search, the person page with the whole history, the audited
CPR reveal (HR only) and the edit form.

Every person page shown is logged (VIEW) in the same request; what a page shows comes only from
access_for(user), so a leder sees the records of own units and a TR the placements of own
workplace without health-related fields.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from rummelig.accounts.access import access_for, get_person_or_404, requires
from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.core import searches
from rummelig.lib.cpr import format_cpr
from rummelig.organisation.models import Unit

from .forms import PersonForm, PersonSearchForm
from .models import Person
from .search import search_people

PAGE_SIZE = 50


def _attach_current_work(access, persons, today):
    """Give each person on a list page the employments and placements running today that the user may see."""
    ids = [person.pk for person in persons]
    employments, placements = {}, {}
    for employment in (
        access.employments()
        .filter(person_id__in=ids)
        .active_on(today)
        .select_related("unit")
        .order_by("unit__name")
    ):
        employments.setdefault(employment.person_id, []).append(employment)
    for placement in (
        access.placements().filter(person_id__in=ids).active_on(today).select_related("scheme", "workplace").order_by("start")
    ):
        placements.setdefault(placement.person_id, []).append(placement)
    for person in persons:
        person.current_employments = employments.get(person.pk, [])
        person.current_placements = placements.get(person.pk, [])


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("sees_individuals")
def person_list(request):
    """The people list. The search (which may be a CPR number) is posted and kept out of the address (core/searches.py)."""
    access = access_for(request.user)
    if searches.needs_redirect(request):
        return redirect(searches.list_url(request, request.path, request.POST if request.method == "POST" else request.GET))
    form = PersonSearchForm({"q": searches.search_text(request)})
    query = form.cleaned_data["q"] if form.is_valid() else ""
    people = search_people(access, access.people(), query).order_by("last_name", "first_name", "pk")
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("side"))
    persons = list(page.object_list)
    log.list_read(request.user, "person", {"q": query}, len(persons), page.paginator.count, request.path)
    _attach_current_work(access, persons, timezone.localdate())
    # HR's task list: people registered outside HR with a CPR number another person already has.
    awaiting = list(Person.objects.exclude(pending_cpr="").order_by("last_name", "first_name")[:20]) if access.is_hr else []
    return searches.not_stored(request, render(
        request,
        "people/list.html",
        {"form": form, "query": query, "page": page, "persons": persons, "access": access, "searches_cpr": access.is_hr,
         "awaiting_cpr": awaiting},
    ))


def _person_page(request, person, revealed_cpr=""):
    """Render the person page with what the user may see, and log the view."""
    access = access_for(request.user)
    today = timezone.localdate()
    employments = list(access.employments().filter(person=person).select_related("unit").order_by("-start", "pk"))
    for employment in employments:
        employment.active = employment.is_active_on(today)
    placements = list(
        (access.placements() | access.annulled_placements()).filter(person=person)
        .select_related("scheme", "workplace").order_by("-start", "pk")
    )
    for placement in placements:
        placement.show_status_on(today)
        placement.shows_health = access.sees_health_of(placement)
    log.record(request.user, AuditEntry.Action.VIEW, person)
    context = {
        "person": person,
        "access": access,
        "employments": employments,
        "placements": placements,
        "shows_employments": access.sees_employments,
        "shows_target_group": any(p.shows_health for p in placements),
        "revealed_cpr": revealed_cpr,
        "may_edit": access.may_edit_person(person),
        "cpr_holder": person.cpr_holder if access.is_hr else None,
        "may_register": access.may_edit and access.editable_units().filter(kind=Unit.Kind.WORKPLACE).exists(),
        "retention_cases": list(access.retention_cases().filter(person=person)) if access.handles_retention else [],
        "may_open_retention": access.handles_retention and any(e.active for e in employments),
    }
    response = render(request, "people/detail.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD"])
@requires("sees_individuals")
def person_detail(request, pk):
    return _person_page(request, get_person_or_404(request.user, pk))


@never_cache
@login_required
@requires("may_reveal_cpr")
def reveal_cpr(request, pk):
    """Show HR the full CPR number (POST only) and log it; for anyone else the page does not exist."""
    access = access_for(request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    person = get_person_or_404(request.user, pk)
    if not person.cpr:
        raise Http404
    log.record(request.user, AuditEntry.Action.REVEAL_CPR, person)
    revealed = format_cpr(person.cpr)
    if request.headers.get("HX-Request"):
        return render(request, "people/_cpr.html", {"person": person, "access": access, "revealed_cpr": revealed})
    return _person_page(request, person, revealed_cpr=revealed)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("may_edit")
def person_edit(request, pk):
    access = access_for(request.user)
    person = get_object_or_404(access.editable_people(), pk=pk)
    name = person.full_name  # the form changes the instance while it validates
    form = PersonForm(request.POST or None, instance=person, hr=access.is_hr)
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, person):
            form.save()
        messages.success(request, _("The details of %(name)s have been saved.") % {"name": person.full_name})
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/edit.html", {"form": form, "person": person, "name": name, "access": access})


def _merge(user, person, holder):
    """Move everything that points at person to holder (the one who has the number), then delete person.

    A model whose rows may exist once per person (a KOMPUS dialogue a year) settles its clashes first in its
    `absorb_duplicate_person(duplicate, holder)`, which returns what it did, for the log.
    """
    settled = []
    for relation in Person._meta.related_objects:
        if relation.one_to_many or relation.one_to_one:
            absorb = getattr(relation.related_model, "absorb_duplicate_person", None)
            if absorb is not None:
                settled.extend(absorb(person, holder))
            relation.related_model._default_manager.filter(**{relation.field.name: person}).update(**{relation.field.name: holder})
    detail = f"Merged with person #{person.pk} ({person.full_name}), registered with the same CPR number"
    log.record(user, AuditEntry.Action.UPDATE, holder, detail="; ".join([detail, *settled]))
    with log.change(user, person):
        person.delete()


@login_required
@require_http_methods(["POST"])
@transaction.atomic
@requires("is_hr")
def resolve_cpr(request, pk):
    """HR resolves a CPR number that awaits it: merge into the person who has it, take it, or drop it."""
    person = get_object_or_404(Person.objects.exclude(pending_cpr=""), pk=pk)
    holder, action = person.cpr_holder, request.POST.get("action")
    if action == "merge" and holder is not None:
        _merge(request.user, person, holder)
        messages.success(request, _("%(name)s has been merged into %(holder)s.") % {"name": person.full_name, "holder": holder.full_name})
        return redirect("people:detail", pk=holder.pk)
    if action == "take" and holder is None:
        person.cpr, person.pending_cpr = person.pending_cpr, ""
        messages.success(request, _("The CPR number has been saved on %(name)s.") % {"name": person.full_name})
    elif action == "drop":
        person.pending_cpr = ""
        messages.success(request, _("The CPR number has been removed from %(name)s.") % {"name": person.full_name})
    else:
        messages.error(request, _("The CPR number could not be resolved that way. Choose one of the buttons."))
        return redirect("people:detail", pk=person.pk)
    with log.change(request.user, person):
        person.save()
    return redirect("people:detail", pk=person.pk)
