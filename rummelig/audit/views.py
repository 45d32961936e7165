"""The audit log page: HR and auditors read and filter it; nothing here (or anywhere) changes an entry."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from rummelig.accounts.access import requires

from .display import changed_fields, object_type_label
from .filters import AuditFilter
from .models import AuditEntry

PAGE_SIZE = 50

# Pages that show a logged record, by object type.
RECORD_PAGES = {"person": "people:detail", "unit": "organisation:detail", "placement": "placements:detail"}


def _record_url(entry):
    name = RECORD_PAGES.get(entry.object_type)
    if not name or not entry.object_id.isdigit() or entry.action == AuditEntry.Action.DELETE:
        return None
    return reverse(name, args=[entry.object_id])


@login_required
@require_safe
@requires("may_read_audit_log")
def audit_list(request):
    filterset = AuditFilter(request.GET or None, queryset=AuditEntry.objects.all())
    entries = filterset.qs if not filterset.is_bound or filterset.is_valid() else AuditEntry.objects.none()
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("side"))
    for entry in page.object_list:
        entry.type_label = object_type_label(entry.object_type)
        entry.url = _record_url(entry)
        entry.changed = changed_fields(entry)
    return render(request, "audit/list.html", {"form": filterset.form, "page": page})
