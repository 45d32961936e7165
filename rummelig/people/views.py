"""Pages about people: the list with search, the person page with the whole history, the audited
CPR reveal (HR only) and the edit form.

Every person page shown is logged (VIEW) in the same request; what a page shows comes only from
access_for(user), so a leder sees the records of own units and a TR the placements of own
workplace without health-related fields.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from rummelig.accounts.access import access_for, access_or_404, get_person_or_404
from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.lib.cpr import format_cpr
from rummelig.organisation.models import Unit

from .forms import PersonForm, PersonSearchForm
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
@require_http_methods(["GET", "HEAD"])
def person_list(request):
    access = access_or_404(request.user, "sees_individuals")
    form = PersonSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    people = search_people(access, access.people(), query).order_by("last_name", "first_name", "pk")
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("side"))
    persons = list(page.object_list)
    _attach_current_work(access, persons, timezone.localdate())
    return render(
        request,
        "people/list.html",
        {"form": form, "query": query, "page": page, "persons": persons, "access": access, "searches_cpr": access.is_hr},
    )


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
        "may_register": access.may_edit and access.editable_units().filter(kind=Unit.Kind.WORKPLACE).exists(),
    }
    response = render(request, "people/detail.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD"])
def person_detail(request, pk):
    return _person_page(request, get_person_or_404(request.user, pk))


@never_cache
@login_required
def reveal_cpr(request, pk):
    """Show HR the full CPR number (POST only) and log it; for anyone else the page does not exist."""
    access = access_or_404(request.user, "may_reveal_cpr")
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
def person_edit(request, pk):
    access = access_for(request.user)
    person = get_object_or_404(access.editable_people(), pk=pk)
    before = log.snapshot(person)
    name = person.full_name  # the form changes the instance while it validates
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        log.record_update(request.user, person, before)
        messages.success(request, _("The details of %(name)s have been saved.") % {"name": person.full_name})
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/edit.html", {"form": form, "person": person, "name": name, "access": access})
