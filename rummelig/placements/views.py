"""Pages for placements: the filtered list and its XLSX export, the placement page, create and edit.

What a user sees comes only from access_for(user): a placement outside the user's units does not
exist for them (404), employee representatives see no health-related fields, MED members and
users without a role see no placements at all. Every view of a placement page and every change is
written to the audit log in the same transaction (ATOMIC_REQUESTS). The XLSX export is queued for the
worker (rummelig.exports), which makes and audits it as the user; its download is audited too.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from rummelig.accounts.access import access_for, get_placement_or_404, requires
from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.core import searches
from rummelig.core.shortcuts import query_string
from rummelig.exports import service as exports
from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person
from rummelig.people.search import search_q
from rummelig.rules.durations import max_end_date
from rummelig.rules.schemes import max_duration
from rummelig.schemes.models import SchemeVersion

from .filters import chosen_unit, filtered, workplaces_under
from .forms import AnnulForm, PlacementForm, mentor_candidates
from .models import Placement
from .validation import duration_text

PAGE_SIZE = 50
SEARCH_LIMIT = 20
SORT_COLUMNS = [
    ("name", gettext_lazy("Name")),
    ("scheme", gettext_lazy("Scheme")),
    ("workplace", gettext_lazy("Workplace")),
    ("start", gettext_lazy("Start")),
    ("end", gettext_lazy("End")),
]


def _filtered(request, access, today):
    """Return (filterset, ordered queryset, sort) for the request's list; 404 for a unit outside the user's."""
    filterset, placements, sort = filtered(access, searches.filter_data(request), request.GET.get("sort", ""), today)
    if filterset.unit_outside_scope:
        raise Http404
    return filterset, placements, sort


def _given_filters(filterset):
    """Return {name: value} of the filters the list was asked for, for the audit log (not the page or the sort)."""
    return {name: value for name, value in filterset.data.items() if name not in ("side", "sort")}


def _sort_headers(request, sort):
    headers = []
    for key, label in SORT_COLUMNS:
        current = sort.lstrip("-") == key
        descending = current and sort.startswith("-")
        headers.append({
            "label": label,
            "url": "?" + query_string(request, sort=(key if descending or not current else f"-{key}"), side=None),
            "aria_sort": ("descending" if descending else "ascending") if current else "",
        })
    return headers


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("sees_individuals")
def placement_list(request):
    """The filtered list. The filter form is posted so its search text (HR: a CPR number) stays out of the address."""
    access = access_for(request.user)
    if searches.needs_redirect(request):
        return redirect(searches.list_url(request, request.path, request.POST if request.method == "POST" else request.GET))
    today = timezone.localdate()
    filterset, placements, sort = _filtered(request, access, today)
    placements = placements.select_related("person", "scheme", "workplace")
    page = Paginator(placements, PAGE_SIZE).get_page(request.GET.get("side"))
    for placement in page.object_list:
        placement.show_status_on(today)
    count = page.paginator.count
    log.list_read(request.user, "placement", _given_filters(filterset), len(page.object_list), count, request.path)
    query = query_string(request, side=None)
    return searches.not_stored(request, render(request, "placements/list.html", {
        "filter": filterset,
        "page": page,
        "count": count,
        "first": number_format(page.start_index(), force_grouping=True),
        "last": number_format(page.end_index(), force_grouping=True),
        "total": number_format(count, force_grouping=True),
        "headers": _sort_headers(request, sort),
        "export_url": reverse("placements:export") + (f"?{query}" if query else ""),
        "may_create": access.may_edit,
        "show_centre_filter": filterset.offers_centres(),
    }))


@login_required
@require_GET
@requires("sees_individuals")
def placement_export(request):
    access = access_for(request.user)
    if searches.expired(request):  # never export the whole list in place of an expired search
        messages.error(request, _("The search has expired. Type it again before exporting."))
        return redirect(reverse("placements:list") + "?" + query_string(request, s=None, side=None))
    today = timezone.localdate()
    filterset, _placements, sort = _filtered(request, access, today)
    if not filterset.is_valid():
        messages.error(request, _("Correct the filters before exporting the list."))
        return redirect(reverse("placements:list") + "?" + query_string(request))
    # Made by the worker, not here (12-18 s for a municipality's register): the user waits on the export's page.
    data = searches.filter_data(request)
    params = {"filters": {name: data.getlist(name) for name in data}, "sort": sort, "today": today.isoformat()}
    back = reverse("placements:list") + "?" + query_string(request, side=None)
    export = exports.start(request.user, "placements", params, back_url=back.rstrip("?"))
    return redirect("exports:status", pk=export.pk)


def _labels(*models_and_names):
    return {name: capfirst(model._meta.get_field(name).verbose_name) for model, names in models_and_names for name in names}


@login_required
@require_GET
@requires("sees_individuals")
def placement_detail(request, pk):
    placement = get_placement_or_404(request.user, pk, annulled_too=True)
    prefetch_related_objects([placement], "scheme__versions")  # the page and its rules panel ask for the version
    access = access_for(request.user)
    log.record(request.user, AuditEntry.Action.VIEW, placement)
    today = timezone.localdate()
    sees_health = access.sees_health_of(placement)
    version = placement.scheme_version
    rules = None
    if version is not None:
        rule = version.as_rule()
        rules = {"version": version, "max": None, "max_end": None}
        if sees_health:
            duration = max_duration(rule, placement.target_group or None)
            rules["max"] = duration_text(duration) if duration else None
            rules["max_end"] = max_end_date(rule, placement.target_group or None, placement.start, placement.person.birth_date)
    status = placement.status_on(today)
    return render(request, "placements/detail.html", {
        "placement": placement,
        "status": status,
        "status_label": status.label,
        "sees_health": sees_health,
        "rules": rules,
        "centre": placement.workplace.centre,
        "person_url": reverse("people:detail", args=[placement.person_id]),
        "may_edit": access.may_edit_placement(placement),
        "may_annul": access.may_annul and not placement.is_annulled,
        "labels": _labels(
            (Placement, [f.name for f in Placement._meta.concrete_fields if f.name != "id"]),
            (SchemeVersion, ["legal_basis", "permanent", "extension_allowed", "counts_in_ratio", "needs_statement",
                             "merbeskaeftigelse_applies", "subsidy_kind", "follow_up_first_months", "follow_up_every_months",
                             "grant_months", "ends_at_age", "note", "source"]),
        ),
    })


@login_required
@require_http_methods(["GET", "POST"])
@requires("may_annul")
def placement_annul(request, pk):
    """HR annuls a wrong registration with a reason: it leaves every count, and HR and the auditor still see it."""
    placement = get_placement_or_404(request.user, pk)
    form = AnnulForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, placement):
            placement.annulled_at = timezone.now()
            placement.annulled_by = request.user
            placement.annulment_reason = form.cleaned_data["reason"]
            placement.save(update_fields=["annulled_at", "annulled_by", "annulment_reason", "updated_at"])
        messages.success(request, _("The registration of %(name)s has been annulled. It no longer counts anywhere.") % {
            "name": placement.person.full_name,
        })
        return redirect("placements:detail", placement.pk)
    return render(request, "placements/annul.html", {"placement": placement, "form": form})


# The form's fields in the order the page shows them, and where a summary link should point.
PAGE_ORDER = [
    "person_mode", "person", "first_name", "last_name", "cpr", "scheme", "target_group", "workplace", "employment", "start",
    "planned_end", "extension_reason", "hours_per_week", "requested_on", "purpose", "special_considerations", "mentor",
    "jobcenter_contact", "yearly_subsidy", "lives_in_municipality", "via_own_jobcenter", "no_other_education", "actual_end",
    "outcome", "rule_override_reason",
]
ANCHORS = {"person": "id_person_q", "mentor": "id_mentor_q", "person_mode": "id_person_mode_0"}


def _error_summary(form):
    """Return the form's errors in page order, each with the label and the id of its field."""
    if not form.is_bound:
        return []
    return [
        {"anchor": ANCHORS.get(name, form[name].id_for_label), "label": form[name].label, "message": message}
        for name in PAGE_ORDER
        for message in form.errors.get(name, [])
    ]


def _selected(form, name):
    """Return the object chosen in a person-like field (bound or initial value), if the user may choose it."""
    value = form[name].value()
    if value in (None, ""):
        return None
    try:
        return form.fields[name].queryset.filter(pk=int(value)).first()
    except (TypeError, ValueError):
        return None


def _picker_results(access, queryset, query):
    """Return up to SEARCH_LIMIT people of queryset matching the query: every word of the name, and for HR
    also a CPR number, its first six digits or a date of birth (people.search). None if the query is too short."""
    query = query.strip()
    if len(query) < 2:
        return None
    return list(queryset.filter(search_q(access, query)).order_by("last_name", "first_name", "pk")[:SEARCH_LIMIT])


def _employment_options(access, person, placement):
    if person is None:
        return []
    employments = access.editable_employments().filter(person=person)
    if placement.employment_id:
        employments = employments | Employment.objects.filter(pk=placement.employment_id, person=person)
    return list(employments.select_related("unit").order_by("-start"))


def _form_page(request, access, placement, initial=None):
    creating = placement.pk is None
    search = next((name for name in ("person", "mentor") if f"search_{name}" in request.POST), None)
    if request.method == "POST" and search is None:
        form = PlacementForm(request.POST, instance=placement, access=access)
        if form.is_valid():
            with log.change(request.user, placement):
                placement = form.save_with_person(request.user)
            if creating:
                messages.success(request, _("The placement of %(name)s has been registered.") % {"name": placement.person})
            else:
                messages.success(request, _("The changes have been saved."))
            for warning in form.warnings:
                messages.warning(request, warning)
            if form.overridden_rules:
                log.record(request.user, AuditEntry.Action.UPDATE, placement, detail="Rule overridden by HR: " + "; ".join(
                    form.overridden_rules) + f". Reason: {placement.rule_override_reason}")
            return redirect("placements:detail", placement.pk)
    elif search is not None:
        # Without JavaScript the search buttons post the form back: show the results, keep what was typed.
        form = PlacementForm(initial=request.POST.dict(), instance=placement, access=access)
    else:
        form = PlacementForm(instance=placement, access=access, initial=initial)

    person, mentor = _selected(form, "person"), _selected(form, "mentor")
    results = {"person": [person] if person else [], "mentor": [mentor] if mentor else []}
    queries = {"person": "", "mentor": ""}
    if search is not None:
        queries[search] = request.POST.get(f"{search}_q", "")
        found = _picker_results(access, form.fields[search].queryset, queries[search])
        chosen = person if search == "person" else mentor
        results[search] = ([chosen] if chosen else []) + [p for p in (found or []) if p != chosen]
    return render(request, "placements/form.html", {
        "form": form,
        "placement": placement,
        "creating": creating,
        "person_results": results["person"],
        "mentor_results": results["mentor"],
        "person_pk": person.pk if person else None,
        "mentor_pk": mentor.pk if mentor else None,
        "queries": queries,
        "employment_options": _employment_options(access, person, placement),
        "employment_value": str(form["employment"].value() or ""),
        "error_summary": _error_summary(form),
        "searches_cpr": access.is_hr,
    })


@login_required
@require_http_methods(["GET", "POST"])
@requires("may_edit")
def placement_create(request):
    access = access_for(request.user)
    if not access.editable_units().filter(kind=Unit.Kind.WORKPLACE).exists():
        raise Http404
    # "Register a placement for this person" on a person page opens the form with the person chosen.
    person = _person_from_query(access, request.GET.get("person")) if request.method == "GET" else None
    initial = {"person_mode": PlacementForm.EXISTING, "person": person.pk} if person else None
    return _form_page(request, access, Placement(), initial)


def _person_from_query(access, value):
    if not value or not value.isdigit() or len(value) > 18:
        return None
    return access.people().filter(pk=int(value)).first()


@login_required
@require_http_methods(["GET", "POST"])
@requires("may_edit")
def placement_edit(request, pk):
    placement = get_placement_or_404(request.user, pk, for_edit=True)
    return _form_page(request, access_for(request.user), placement)


@login_required
@require_http_methods(["POST"])
@requires("may_edit")
def person_search(request):
    """Answer the search beside the person or mentor field with matching people the user may choose.

    Posted, not a GET, because HR may type a CPR number: it must not be in an address or the access log.
    """
    access = access_for(request.user)
    field = request.POST.get("field", "person")
    if field not in ("person", "mentor"):
        raise Http404
    queryset = access.people() if field == "person" else mentor_candidates(access)
    query = request.POST.get("q") or request.POST.get(f"{field}_q", "")
    found = _picker_results(access, queryset, query)
    return render(request, "placements/_person_results.html", {
        "field": field,
        "results": found or [],
        "query": query,
        "too_short": found is None,
        "selected_pk": None,
    })


@login_required
@require_GET
@requires("sees_individuals")
def workplace_options(request):
    """Answer the list filter's centre choice with the <option>s of that centre's workplaces (all without a centre)."""
    access = access_for(request.user)
    units = access.units()
    centre = chosen_unit(units.filter(kind=Unit.Kind.AREA), request.GET)
    return render(request, "placements/_workplace_options.html", {"workplaces": workplaces_under(units, centre)})


@login_required
@require_GET
@requires("may_edit")
def employment_options(request):
    """Answer with the <option>s of the chosen person's employments in the user's units."""
    access = access_for(request.user)
    try:
        person = access.people().get(pk=int(request.GET.get("person", "")))
    except (Person.DoesNotExist, TypeError, ValueError):
        person = None
    return render(request, "placements/_employment_options.html", {
        "employment_options": _employment_options(access, person, Placement()),
        "employment_value": "",
    })
