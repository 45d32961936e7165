"""The import pages, for HR only (everyone else gets 404): past imports, upload and preview, the run
with its progress bar, the result, the spreadsheet template and the payroll code mapping.

Flow: upload → the file is kept and queued to be compared with Rummelig by the worker process (a
preview, nothing written; background.py, tasks.py) → "Kør import" queues the run for the worker →
meanwhile the page polls `progress` every second (htmx), read from the database, so any web process
answers → the preview, then the result. The upload is refused by its size before its body is read.
"""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rummelig.accounts.access import requires

from . import background, storage
from . import progress as live_progress
from .display import CHANGE_LABELS
from .forms import CodeMappingForm, UploadForm, initial_target
from .liveness import fail_dead_runs
from .models import ImportRun, PayrollCodeMapping, SourceKind
from .parsers import write_template
from .parsers.common import format_size

PAGE_SIZE = 30
ACTIONS = [
    ("added", gettext_lazy("Added")),
    ("updated", gettext_lazy("Changed")),
    ("ended", gettext_lazy("Ended")),
    ("removed", gettext_lazy("Removed (cancelled)")),
    ("unchanged", gettext_lazy("Unchanged")),
]
ENTITIES = [
    ("units", gettext_lazy("Units")),
    ("employments", gettext_lazy("Employments")),
    ("people", gettext_lazy("People")),
    ("placements", gettext_lazy("Placements from payroll")),
    ("roles", gettext_lazy("Leder roles from payroll")),
]


def _run_or_404(pk):
    return get_object_or_404(ImportRun.objects.select_related("user", "same_as"), pk=pk)


@login_required
@require_GET
@requires("is_hr")
def run_list(request):
    fail_dead_runs()
    page = Paginator(ImportRun.objects.select_related("user"), PAGE_SIZE).get_page(request.GET.get("side"))
    return render(request, "imports/list.html", {"page": page, "unmapped": _unmapped_codes()})


@csrf_exempt
@transaction.non_atomic_requests  # the queued run is committed at once, so the worker finds it
@login_required
@requires("is_hr")
def upload(request):
    """Check who asks and how large the upload is before Django reads a byte of it, then go on.

    CSRF is checked in `_upload` (csrf_protect) after the upload handler is in place, because the
    CSRF check reads the form and with it the file. An upload announced as too large is answered
    at once, without reading it and without changing anything.
    """
    if request.method == "POST":
        too_large = storage.request_too_large(request)
        if too_large is not None:
            return _refuse_size(request, too_large)
        request.upload_handlers = [storage.LimitedUploadHandler(request)]
    return _upload(request)


upload.accepts_large_uploads = True  # checks its own, larger limit above (core.errors.RequestSizeLimitMiddleware)


def _refuse_size(request, size):
    message = _("The file is %(size)s; the largest file that can be imported is %(limit)s.") % {
        "size": format_size(size),
        "limit": format_size(storage.upload_limit()),
    }
    context = {"form": UploadForm(), "limit": format_size(storage.upload_limit()), "upload_error": message}
    response = render(request, "imports/upload.html", context, status=413)
    response["Connection"] = "close"  # the rest of the body is not read
    return response


@csrf_protect
@require_http_methods(["GET", "POST"])
def _upload(request):
    limit = format_size(storage.upload_limit())
    if request.method != "POST":
        return render(request, "imports/upload.html", {"form": UploadForm(), "limit": limit})
    form = UploadForm(request.POST, request.FILES)
    received = getattr(request, "import_upload_too_large", None)
    if received is not None:
        return _refuse_size(request, received)
    if not form.is_valid():
        return render(request, "imports/upload.html", {"form": form, "limit": limit})
    storage.discard_abandoned_previews()
    uploads = form.cleaned_data["file"]
    if len(uploads) == 1:
        name, path = uploads[0].name, storage.keep(uploads[0])
    else:  # SD's answers: kept together as one bundle, read like a zip of them
        name, path = ", ".join(upload.name for upload in uploads), storage.keep_bundle(uploads)
    run = ImportRun.objects.create(
        user=request.user, source=form.cleaned_data["source"], file_name=name[:255], stored_file=path,
        status=ImportRun.Status.RUNNING, dry_run=True, started_at=timezone.now(),
    )  # fmt: skip  # queued: the worker compares it (background.start_preview) and the page shows its progress
    background.start_preview(run.pk, force=form.cleaned_data["force"])
    return redirect("imports:detail", run.pk)


@transaction.non_atomic_requests  # reads while an import holds SQLite's write lock (settings: IMMEDIATE)
@login_required
@require_GET
@requires("is_hr")
def detail(request, pk):
    fail_dead_runs()
    run = _run_or_404(pk)
    return render(request, "imports/detail.html", _detail_context(run))


def _detail_context(run):
    counts = run.counts()
    rows = []
    for entity, label in ENTITIES:
        cells = [counts.get(f"{entity}_{action}") for action, _label in ACTIONS]
        rows.append({"label": label, "cells": cells})
    changes = [
        {
            "entity": CHANGE_LABELS.get(change["entity"], change["entity"]),
            "action": CHANGE_LABELS.get(change["action"], change["action"]),
            "key": change["key"],
            "label": change["label"],
            "fields": change["fields"],
        }
        for change in run.changes
    ]
    return {
        "run": run,
        "actions": [label for _action, label in ACTIONS],
        "rows": rows,
        "changes": changes,
        "more_changes": max(0, run.changes_total - len(changes)),
        "progress": _progress_of(run),
    }


def _progress_of(run):
    snapshot = live_progress.read(run.pk)  # the run is in this very process (the tests' immediate tasks)
    if snapshot is not None:
        return snapshot
    return live_progress.stored(run)[0]


@login_required
@require_POST
@requires("is_hr")
def run(request, pk):
    run = _run_or_404(pk)
    if not run.may_run:
        messages.error(request, _("This import cannot be run: only a preview without problems can."))
        return redirect("imports:detail", run.pk)
    fail_dead_runs()  # a killed import blocks nothing
    if ImportRun.objects.filter(status=ImportRun.Status.RUNNING).exclude(pk=run.pk).exists():
        messages.error(request, _("Another import is running. Wait until it has finished, and try again."))
        return redirect("imports:detail", run.pk)
    started = ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.PREVIEWED, dry_run=True).update(
        status=ImportRun.Status.RUNNING, dry_run=False, progress_current=0, user=request.user,
        started_at=timezone.now(), worker="", heartbeat_at=None,
    )  # queued: the worker that takes it records itself (background.claim)
    if started:
        background.start(run.pk)
    return redirect("imports:detail", run.pk)


@transaction.non_atomic_requests  # polled every second while an import holds SQLite's write lock
@login_required
@require_GET
@requires("is_hr")
def progress(request, pk):
    """The progress bar (htmx, every second); when the run has finished, send the browser to the result."""
    detail_url = reverse("imports:detail", args=[pk])
    snapshot = live_progress.read(pk)
    if snapshot is None:
        fail_dead_runs()
        run = _run_or_404(pk)
        if run.status != ImportRun.Status.RUNNING:
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = detail_url
                return response
            return redirect(detail_url)
        snapshot = _progress_of(run)
        if not run.worker:
            snapshot = live_progress.Snapshot(snapshot.current, snapshot.total, _("waiting for the background worker"))
    if not request.headers.get("HX-Request"):
        return redirect(detail_url)
    return render(request, "imports/_progress.html", {"run_pk": pk, "progress": snapshot})


@login_required
@require_GET
@requires("is_hr")
def template(request):
    buffer = io.BytesIO()
    write_template(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="rummelig-importskabelon.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@requires("is_hr")
def codes(request):
    form = None
    if request.method == "POST":
        form = CodeMappingForm(request.POST)
        if form.is_valid():
            mapping = form.save(request.user)
            messages.success(
                request,
                _("The code %(code)s from %(source)s now means: %(target)s.")
                % {
                    "code": mapping.code,
                    "source": mapping.get_source_display(),
                    "target": mapping.scheme.name if mapping.scheme_id else _("Ordinary employment (no scheme)"),
                },
            )
            return redirect(f"{reverse('imports:codes')}#{mapping.source}-{mapping.code}")
    mappings = [
        {"mapping": mapping, "form": _mapping_form(mapping.source, mapping.code, mapping.text, initial_target(mapping))}
        for mapping in PayrollCodeMapping.objects.select_related("scheme")
    ]
    unmapped = [
        {"entry": entry, "form": _mapping_form(entry["source"], entry["code"], entry["text"], "")}
        for entry in _unmapped_codes()
    ]
    context = {
        "mappings": mappings,
        "unmapped": unmapped,
        "new_form": form if form is not None else CodeMappingForm(auto_id="id_new_%s"),
        "sources": SourceKind,
    }
    return render(request, "imports/codes.html", context, status=400 if form is not None else 200)


def _mapping_form(source, code, text, target):
    return CodeMappingForm(
        initial={"source": source, "code": code, "text": text, "target": target}, auto_id=f"id_{source}_{code}_%s"
    )


def _unmapped_codes(limit_runs=20):
    """Return the codes recent imports stopped at and that HR has not mapped yet (newest first)."""
    mapped = set(PayrollCodeMapping.objects.values_list("source", "code"))
    seen = set()
    result = []
    runs = ImportRun.objects.exclude(unknown_codes=[]).order_by("-created_at", "-pk")[:limit_runs]
    for run in runs:
        for entry in run.unknown_codes:
            key = (entry["source"], entry["code"])
            if key in mapped or key in seen:
                continue
            seen.add(key)
            label = SourceKind(entry["source"]).label if entry["source"] in SourceKind.values else entry["source"]
            result.append({**entry, "source_label": label, "file": run.file_name, "run": run.pk})
    return result
