"""The audit log page: HR and auditors read and filter it; nothing here (or anywhere) changes an entry."""

from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from rummelig.accounts.access import requires

from .display import changed_fields, object_type_label
from .forms import AuditFilterForm
from .models import AuditEntry

PAGE_SIZE = 50

# Pages that show a logged record, by object type.
RECORD_PAGES = {"person": "people:detail", "unit": "organisation:detail", "placement": "placements:detail"}


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def filter_entries(entries, data):
    if data.get("user"):
        entries = entries.filter(username__icontains=data["user"])
    if data.get("action"):
        entries = entries.filter(action=data["action"])
    if data.get("object_type"):
        entries = entries.filter(object_type=data["object_type"])
    if data.get("object_id"):
        entries = entries.filter(object_id=data["object_id"].strip())
    if data.get("date_from"):
        entries = entries.filter(at__gte=_start_of(data["date_from"]))
    if data.get("date_to"):
        entries = entries.filter(at__lt=_start_of(data["date_to"] + timedelta(days=1)))
    if data.get("q"):
        text = data["q"].strip()
        entries = entries.filter(Q(object_repr__icontains=text) | Q(username__icontains=text) | Q(detail__icontains=text))
    return entries


def _record_url(entry):
    name = RECORD_PAGES.get(entry.object_type)
    if not name or not entry.object_id.isdigit() or entry.action == AuditEntry.Action.DELETE:
        return None
    return reverse(name, args=[entry.object_id])


@login_required
@require_safe
@requires("may_read_audit_log")
def audit_list(request):
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.all()
    if form.is_bound:
        entries = filter_entries(entries, form.cleaned_data) if form.is_valid() else entries.none()
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("side"))
    for entry in page.object_list:
        entry.type_label = object_type_label(entry.object_type)
        entry.url = _record_url(entry)
        entry.changed = changed_fields(entry)
    return render(request, "audit/list.html", {"form": form, "page": page})
