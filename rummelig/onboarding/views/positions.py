"""The catalogue of positions on special terms: HR, the employment unit and leder see it across their units,
with how varied it is (kinds of tasks, education asked) and the room left under the rimelighedskrav per P-number."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rummelig.accounts.access import access_for, requires
from rummelig.alerts.ratios import ratio_on
from rummelig.audit import log

from ..forms import PositionForm
from ..models import Education, Position, TaskKind


def get_position_or_404(user, pk, *, for_edit=False):
    access = access_for(user)
    qs = access.editable_positions() if for_edit else access.positions()
    try:
        return qs.select_related("workplace", "filled_by__person", "filled_by__scheme").get(pk=pk)
    except (Position.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def room_per_p_number(workplaces, day):
    """Return one row per P-number of the workplaces: the rimelighedskrav's allowed, counted and room left."""
    rows, seen = [], set()
    for workplace in sorted(workplaces, key=lambda w: (w.p_number or "~", w.name)):
        key = workplace.p_number or f"unit-{workplace.pk}"
        if key in seen:
            continue
        seen.add(key)
        check = ratio_on(workplace, day)
        rows.append({"p_number": workplace.p_number, "workplace": workplace, "allowed": check.allowed,
                     "counted": check.counted, "room": max(check.allowed - check.counted, 0)})
    return rows


@login_required
@require_GET
@requires("sees_positions")
def position_list(request):
    access = access_for(request.user)
    today = timezone.localdate()
    show = request.GET.get("vis", "ledige")
    positions = access.positions().select_related("workplace").prefetch_related("schemes")
    if show == "ledige":
        positions = positions.filter(filled_by__isnull=True, withdrawn=False)
    positions = list(positions)
    open_positions = [p for p in positions if not p.is_taken and not p.withdrawn]
    kinds = Counter(p.get_task_kind_display() for p in open_positions)
    education = Counter(p.get_education_display() for p in open_positions)
    workplaces = {p.workplace for p in open_positions}
    return render(request, "onboarding/position_list.html", {
        "positions": positions, "show": show, "may_create": access.may_edit,
        "kinds": sorted(kinds.items(), key=lambda kv: -kv[1]), "education": sorted(education.items(), key=lambda kv: -kv[1]),
        "kind_count": len(kinds), "all_kinds": len(TaskKind.choices), "all_education": len(Education.choices),
        "rooms": room_per_p_number(workplaces, today), "today": today,
    })


@login_required
@require_GET
@requires("sees_positions")
def position_detail(request, pk):
    access = access_for(request.user)
    position = get_position_or_404(request.user, pk)
    # The employment unit sees that the position is taken, not by whom.
    placement = position.filled_by
    shows_placement = placement is not None and access.placements().filter(pk=placement.pk).exists()
    return render(request, "onboarding/position_detail.html", {
        "position": position, "shows_placement": shows_placement,
        "may_edit": access.editable_positions().filter(pk=position.pk).exists(),
    })


@login_required
@require_http_methods(["GET", "POST"])
@requires("may_edit")
def position_edit(request, pk=None):
    access = access_for(request.user)
    position = get_position_or_404(request.user, pk, for_edit=True) if pk else Position(available_from=timezone.localdate())
    form = PositionForm(request.POST or None, instance=position, access=access)
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, position):
            position = form.save()
        messages.success(request, _("The position is saved."))
        return redirect("onboarding:position", position.pk)
    return render(request, "onboarding/form.html", {
        "form": form, "title": _("Change the position") if pk else _("New position on special terms"),
        "back": request.path if not pk else None,
    })
