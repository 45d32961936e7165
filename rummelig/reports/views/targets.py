"""HR's targets (måltal): a list by year with each target's history, and forms to set them.

HR sets the targets on behalf of the council; auditors may read them. Every create, change and
delete is audited, and the history shown is the audit log of the target.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods

from rummelig.accounts.access import access_for, requires
from rummelig.audit import log
from rummelig.audit.display import changed_fields
from rummelig.audit.models import AuditEntry

from ..forms import TargetFilterForm, TargetForm
from ..models import Target

OBJECT_TYPE = "target"
# The audit actions a target's history shows, in the reports' own words.
ACTION_LABELS = {
    AuditEntry.Action.CREATE: _lazy("Created"),
    AuditEntry.Action.UPDATE: _lazy("Changed"),
    AuditEntry.Action.DELETE: _lazy("Deleted"),
}


def _labelled(entries):
    entries = list(entries)
    for entry in entries:
        entry.action_label = ACTION_LABELS.get(entry.action, entry.get_action_display())
        entry.changed = changed_fields(entry)
    return entries


def snapshot(target):
    """Return the target's fields for the audit log, with names rather than ids."""
    data = log.snapshot(target, ["year", "kind", "unit", "measure", "value", "note"])
    data["unit"] = target.unit.name if target.unit_id else None
    data["schemes"] = target.scheme_label() if target.pk else ""
    return data


def _visible(access):
    return Target.objects.filter(unit__in=access.aggregate_units()).select_related("unit").prefetch_related("schemes")


@login_required
@require_GET
@requires("sees_everything")
def targets(request):
    access = access_for(request.user)
    form = TargetFilterForm(request.GET or None)
    rows = _visible(access)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    if year:
        rows = rows.filter(year=year)
    changes = _labelled(AuditEntry.objects.filter(object_type=OBJECT_TYPE)[:20])
    return render(request, "reports/targets.html", {
        "form": form, "targets": rows, "changes": changes, "may_edit": access.is_hr, "year": year,
    })


@login_required
@require_http_methods(["GET", "POST"])
@requires("is_hr")
def target_create(request):
    access = access_for(request.user)
    initial = {"year": timezone.localdate().year, "kind": Target.Kind.TARGET, "measure": Target.Measure.HEADCOUNT}
    form = TargetForm(request.POST or None, initial=initial, units=access.aggregate_units())
    if request.method == "POST" and form.is_valid():
        target = form.save(commit=False)
        with log.change(request.user, target, object_type=OBJECT_TYPE, fields=snapshot):
            target.created_by = request.user
            target.save()
            form.save_m2m()
        messages.success(request, _("The target has been saved."))
        return redirect(f"{reverse('reports:targets')}?year={target.year}")
    return render(request, "reports/target_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@requires("is_hr")
def target_edit(request, pk):
    access = access_for(request.user)
    target = get_object_or_404(_visible(access), pk=pk)
    form = TargetForm(request.POST or None, instance=target, units=access.aggregate_units())
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, target, object_type=OBJECT_TYPE, fields=snapshot):
            target = form.save()
            target.refresh_from_db()  # the value as stored (rounded to its decimals)
        messages.success(request, _("The target has been saved."))
        return redirect(f"{reverse('reports:targets')}?year={target.year}")
    return render(request, "reports/target_form.html", {"form": form, "target": target})


@login_required
@require_http_methods(["GET", "POST"])
@requires("is_hr")
def target_delete(request, pk):
    access = access_for(request.user)
    target = get_object_or_404(_visible(access), pk=pk)
    if request.method == "POST":
        year = target.year
        with log.change(request.user, target, object_type=OBJECT_TYPE, fields=snapshot):
            target.delete()
        messages.success(request, _("The target has been deleted."))
        return redirect(f"{reverse('reports:targets')}?year={year}")
    return render(request, "reports/target_confirm_delete.html", {"target": target})


@login_required
@require_GET
@requires("sees_everything")
def target_history(request, pk):
    access = access_for(request.user)
    target = get_object_or_404(_visible(access), pk=pk)
    entries = _labelled(AuditEntry.objects.filter(object_type=OBJECT_TYPE, object_id=str(target.pk)))
    return render(request, "reports/target_history.html", {"target": target, "entries": entries})
