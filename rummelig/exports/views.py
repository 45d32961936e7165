"""The page of one export: "being made" (polled by htmx every second), then the file to download.

An export exists only for the user who asked for it, while they still hold the kind's permission and
until it expires (404 for anyone else, as for a record outside one's units). The file is deleted as
it is downloaded; the download is audited.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from rummelig.accounts.access import LOGIN, requires
from rummelig.audit import log
from rummelig.audit.models import AuditEntry

from . import storage
from .models import Export
from .service import KINDS, may_have


def _own_or_404(request, pk):
    export = Export.objects.filter(pk=pk, user=request.user, created_at__gte=storage.cutoff()).first()
    if export is None or not may_have(request.user, export):
        raise Http404
    return export


def _context(export):
    return {"export": export, "keep_hours": getattr(settings, "EXPORTS_KEEP_HOURS", 24)}


@login_required
@require_GET
@requires(LOGIN)
def status(request, pk):
    export = _own_or_404(request, pk)
    return render(request, "exports/status.html", _context(export))


@login_required
@require_GET
@requires(LOGIN)
def progress(request, pk):
    """The export's state for the polling page (htmx); polling stops when the file is made or failed."""
    export = _own_or_404(request, pk)
    if not request.headers.get("HX-Request"):
        return redirect("exports:status", pk=export.pk)
    return render(request, "exports/_progress.html", _context(export))


@login_required
@require_GET
@requires(LOGIN)
def download(request, pk):
    export = _own_or_404(request, pk)
    if export.status != Export.Status.DONE or not export.stored_file:
        raise Http404
    try:
        handle = open(export.stored_file, "rb")  # FileResponse closes it
    except FileNotFoundError:
        raise Http404 from None
    storage.discard(export.stored_file)  # gone from the disk now; the open handle still reads it
    Export.objects.filter(pk=export.pk).update(stored_file="", downloaded_at=timezone.now())
    log.record(
        request.user, AuditEntry.Action.EXPORT, object_type=KINDS[export.kind].object_type,
        detail=ngettext("Downloaded %(file)s (%(rows)s row, made %(made)s)", "Downloaded %(file)s (%(rows)s rows, made %(made)s)", export.rows or 0) % {
            "file": export.file_name, "rows": export.rows, "made": timezone.localtime(export.finished_at).strftime("%d.%m.%Y %H:%M"),
        },
    )  # fmt: skip
    return FileResponse(handle, as_attachment=True, filename=export.file_name, content_type=KINDS[export.kind].content_type)
