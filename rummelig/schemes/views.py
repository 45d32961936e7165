"""The law as data: every scheme version with its validity, source and when it was last checked,
and the changes ahead, so HR (and everyone with a role) sees what changes when.

The page holds no personal data, so every role may read it (``Access.reads_the_law``); it changes
only with the law, by data migrations, so it has no forms.
"""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from rummelig.accounts.access import requires

from .models import LawChange, Scheme, SchemeDuration, SchemeVersion


def _ahead(schemes, changes, today):
    """Return the dated events from today on, oldest first: law changes, versions that begin, versions that close."""
    events = [{"day": c.in_force_on, "kind": "change", "change": c} for c in changes if c.in_force_on >= today]
    for scheme in schemes:
        for version in scheme.versions.all():
            if version.valid_from > today:
                events.append({"day": version.valid_from, "kind": "begins", "scheme": scheme, "version": version})
            if version.valid_to is not None and version.valid_to >= today:
                events.append({"day": version.valid_to + timedelta(days=1), "kind": "closes", "scheme": scheme, "version": version})
    return sorted(events, key=lambda e: (e["day"], e["kind"]))


@login_required
@require_GET
@requires("reads_the_law")
def law(request):
    today = timezone.localdate()
    durations = SchemeDuration.objects.order_by("target_group")
    versions = SchemeVersion.objects.order_by("-valid_from").prefetch_related(Prefetch("durations", queryset=durations))
    schemes = list(Scheme.objects.prefetch_related(Prefetch("versions", queryset=versions)))
    changes = list(LawChange.objects.prefetch_related("schemes"))
    for scheme in schemes:
        for version in scheme.versions.all():
            version.in_force = version.valid_from <= today and (version.valid_to is None or today <= version.valid_to)
    return render(request, "schemes/law.html", {
        "schemes": schemes,
        "ahead": _ahead(schemes, changes, today),
        "past_changes": [c for c in changes if c.in_force_on < today],
        "today": today,
    })
