"""Unit pages: the tree of units the user may see, a unit's page with its people, and HR's unit form.

Who sees what comes from access_for(user): units() are the units whose people the user sees,
aggregate_units() those a MED member sees counts for (as HR published them, never a name). Any
other unit is 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rummelig.accounts.access import access_for, requires
from rummelig.alerts.balance import balances
from rummelig.audit import log
from rummelig.reports.publications import latest_for, reads_publications

from .counts import figures_by_unit, shown_figures
from .forms import UnitFilterForm, UnitForm

PAGE_SIZE = 50


class _Scope:
    """The units a user may see at all, and how: individually, with staff, or as counts only."""

    def __init__(self, access):
        self.access = access
        self.individual_ids = set(access.units().values_list("pk", flat=True))
        self.aggregate_ids = set(access.aggregate_units().values_list("pk", flat=True))
        # A MED member's figures are the latest publication's, never live counts.
        self.published = latest_for(access) if reads_publications(access) else None

    def shows_people_of(self, unit):
        return unit.pk in self.individual_ids

    def shows_staff_of(self, unit):
        return self.shows_people_of(unit) and self.access.sees_staff_of(unit)

    def shown(self, unit, figures):
        individuals = self.shows_people_of(unit)
        published = None
        if not individuals and unit.pk in self.aggregate_ids and self.published is not None:
            published = self.published.unit_figures(unit.pk)
        return shown_figures(figures, individuals=individuals, staff=self.shows_staff_of(unit), published=published)


def _tree(units):
    """Return (unit, level) in tree order, siblings by name; units whose parent is not visible are roots."""
    by_parent = {}
    ids = {unit.pk for unit in units}
    for unit in units:
        by_parent.setdefault(unit.parent_id if unit.parent_id in ids else None, []).append(unit)
    for children in by_parent.values():
        children.sort(key=lambda u: (u.name.casefold(), u.pk))
    ordered, stack = [], [(unit, 0) for unit in reversed(by_parent.get(None, []))]
    while stack:
        unit, level = stack.pop()
        ordered.append((unit, level))
        stack.extend((child, level + 1) for child in reversed(by_parent.get(unit.pk, [])))
    return ordered


@login_required
@require_http_methods(["GET", "HEAD"])
@requires("sees_units")
def unit_list(request):
    access = access_for(request.user)
    scope = _Scope(access)
    today = timezone.localdate()
    form = UnitFilterForm(request.GET or None)
    query, ended = (form.cleaned_data["q"].strip(), form.cleaned_data["ended"]) if form.is_valid() else ("", False)
    units = access.visible_units()
    if not ended:
        units = units.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    if query:
        units = units.filter(
            Q(name__icontains=query) | Q(p_number__startswith=query) | Q(payroll_id__iexact=query) | Q(cost_centre__iexact=query)
        )
    figures = figures_by_unit(units, today)
    units = list(units)
    flags = {pk: b for pk, b in balances(access.units(), today).items() if b.flagged} if access.sees_individuals else {}
    rows = [
        {"unit": unit, "level": level, "figures": scope.shown(unit, figures[unit.pk]), "valid": unit.is_valid_on(today),
         "flag": flags.get(unit.pk)}
        for unit, level in _tree(units)
    ]
    return render(
        request,
        "organisation/list.html",
        {
            "rows": rows,
            "form": form,
            "query": query,
            "ended": ended,
            "access": access,
            "shows_staff": access.sees_employments or access.sees_aggregates,
            "shows_fte": access.sees_employments,
            "aggregates_only": not access.sees_individuals,
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
@requires("sees_units")
def unit_detail(request, pk):
    access = access_for(request.user)
    unit = get_object_or_404(access.visible_units(), pk=pk)
    scope = _Scope(access)
    today = timezone.localdate()
    ancestors = unit.ancestors()
    visible_ancestors = set(access.visible_units().filter(pk__in=[a.pk for a in ancestors]).values_list("pk", flat=True))
    children = sorted(unit.children.all(), key=lambda u: (u.name.casefold(), u.pk))
    figures = figures_by_unit(unit.subtree(), today)
    context = {
        "unit": unit,
        "access": access,
        "ancestors": [(a, a.pk in visible_ancestors) for a in ancestors],
        "own": scope.shown(unit, figures[unit.pk]),
        "children": [{"unit": child, "figures": scope.shown(child, figures[child.pk])} for child in children],
        "shows_people": scope.shows_people_of(unit),
        "shows_staff": scope.shows_staff_of(unit),
        "may_edit": access.is_hr,
        "today": today,
    }
    if context["shows_people"]:
        context.update(_placements_under(request, access, unit, today))
    if context["shows_staff"]:
        context.update(_staff_under(request, access, unit, today, figures.values()))
    return render(request, "organisation/detail.html", context)


def _placements_under(request, access, unit, today):
    """Return the page of placements not ended at the unit and under it, for the unit page."""
    placements = (
        access.placements()
        .filter(workplace__in=unit.subtree())
        .not_ended_before(today)
        .select_related("person", "scheme", "workplace")
        .order_by("person__last_name", "person__first_name", "start", "pk")
    )
    page = Paginator(placements, PAGE_SIZE).get_page(request.GET.get("side_saerlige"))
    for placement in page.object_list:
        placement.show_status_on(today)
    log.list_read(request.user, "placement", {"unit": unit.pk}, len(page.object_list), page.paginator.count, request.path)
    return {"placements": page, "placement_total": page.paginator.count}


def _staff_under(request, access, unit, today, subtree_figures):
    """Return the page of ordinary staff at the unit and under it, with the subtree's totals."""
    employments = (
        access.employments()
        .filter(unit__in=unit.subtree())
        .active_on(today)
        .select_related("person", "unit")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    totals = list(subtree_figures)
    page = Paginator(employments, PAGE_SIZE).get_page(request.GET.get("side_ansatte"))
    log.list_read(request.user, "employment", {"unit": unit.pk}, len(page.object_list), page.paginator.count, request.path)
    return {
        "employments": page,
        "subtree_placements": sum(f.placements for f in totals),
        "subtree_staff": sum(f.staff for f in totals),
        "subtree_fte": sum(f.fte for f in totals),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("is_hr")
def unit_create(request):
    access = access_for(request.user)
    initial = {"valid_from": timezone.localdate()}
    parent_id = request.GET.get("parent")
    if parent_id and parent_id.isdigit():
        initial["parent"] = access.units().filter(pk=parent_id).first()
    form = UnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, form.instance):
            unit = form.save()
        messages.success(request, _("The unit %(name)s has been created.") % {"name": unit.name})
        return redirect("organisation:detail", pk=unit.pk)
    return render(request, "organisation/edit.html", {"form": form, "unit": None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("is_hr")
def unit_edit(request, pk):
    access = access_for(request.user)
    unit = get_object_or_404(access.units(), pk=pk)
    name = unit.name  # the form changes the instance while it validates
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, unit):
            form.save()
        messages.success(request, _("The unit %(name)s has been saved.") % {"name": unit.name})
        return redirect("organisation:detail", pk=unit.pk)
    return render(request, "organisation/edit.html", {"form": form, "unit": unit, "name": name})
