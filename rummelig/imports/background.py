"""Compare an upload (the preview) and run a previewed import as tasks of the database queue, in the
worker process (`manage.py db_worker`), never in a web process.

The upload page and the page that starts a run only mark the run queued (status running, no worker
yet) and enqueue `tasks.preview_import` / `tasks.run_import`. The worker claims the run (records
itself in `ImportRun.worker`), imports the stored file with a `progress.Publisher` writing progress and a
heartbeat for every web process to read, and writes the result with the data in one transaction.
A run whose worker dies is found by liveness.py and marked stopped; nothing was written.

Only here (and in the import commands, which run in a process of their own) may an import pause
Python's cyclic garbage collector (`service.gc_pause_allowed`): never in a web process.
"""

import logging

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import storage
from .liveness import this_process
from .models import ImportRun
from .progress import Progress, Publisher
from .service import gc_pause_allowed, import_file

logger = logging.getLogger(__name__)


def start(run_id: int) -> None:
    """Queue the run for the worker, once the current transaction has committed."""
    from .tasks import run_import

    language = translation.get_language()
    transaction.on_commit(lambda: run_import.enqueue(run_id, language))


def start_preview(run_id: int, force: bool) -> None:
    """Queue the comparison of an uploaded file (the preview; nothing is written).

    Called outside a transaction (the upload view is non-atomic), so the run is committed already.
    """
    from .tasks import preview_import

    preview_import.enqueue(run_id, force, translation.get_language())


def claim(run_id: int, *, dry_run: bool) -> ImportRun | None:
    """Take a queued run for this process; None if it is not queued any more (stopped meanwhile, or taken)."""
    now = timezone.now()
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.RUNNING, dry_run=dry_run, worker="").update(
        worker=this_process(), started_at=now, heartbeat_at=now
    )
    if not claimed:
        return None
    return ImportRun.objects.select_related("user").get(pk=run_id)


def execute(run_id: int, language: str | None = None) -> None:
    """Import the stored file of a queued run; mark the run as failed whatever goes wrong."""
    _work(run_id, language, dry_run=False, force=True)


def execute_preview(run_id: int, force: bool = False, language: str | None = None) -> None:
    """Compare the stored file of a queued preview with Rummelig (nothing written); keep the file only if it may run."""
    _work(run_id, language, dry_run=True, force=force)


def _work(run_id: int, language: str | None, *, dry_run: bool, force: bool) -> None:
    with translation.override(language):
        run = claim(run_id, dry_run=dry_run)
        if run is None:
            logger.warning("Import %s was not queued any more; nothing to do", run_id)
            return
        progress = Progress(run.pk, total=run.progress_total)
        stored_file = run.stored_file  # the import may clear the field (the same file as before)
        keep_file = False
        try:
            with Publisher(run.pk, run.started_at, progress), gc_pause_allowed():
                outcome = import_file(
                    run.source, run.stored_file, name=run.file_name, user=run.user, run=run, dry_run=dry_run,
                    force=force, progress=progress,
                )  # fmt: skip
            keep_file = dry_run and outcome.run.may_run  # kept for the run that may follow
        except Exception as exc:  # import_file handles bad input itself; this is the last safety net
            logger.exception("Background import %s failed", run_id)
            ImportRun.objects.filter(pk=run_id).update(
                status=ImportRun.Status.ERROR,
                error=_("The import stopped because of an error, and nothing was written: %(error)s")
                % {"error": f"{type(exc).__name__}: {exc}"},
                finished_at=timezone.now(),
            )
        finally:
            progress.done()
            if not keep_file:
                storage.discard(stored_file)
                ImportRun.objects.filter(pk=run_id).update(stored_file="")
