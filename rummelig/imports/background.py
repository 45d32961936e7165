"""Run a previewed import in a background thread, so the page can show a progress bar meanwhile.

The thread uses its own database connection (Django gives each thread one) and closes it at the
end. Progress is kept in memory (see progress.py); the result is written with the data in one
transaction. With IMPORTS_RUN_IN_BACKGROUND = False the run happens inside the request instead
(tests against an in-memory database, where another thread cannot see the test's data).
"""

import logging
import threading

from django.conf import settings
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import storage
from .models import ImportRun
from .progress import Progress
from .service import import_file

logger = logging.getLogger(__name__)


def in_background() -> bool:
    return getattr(settings, "IMPORTS_RUN_IN_BACKGROUND", True)


def start(run_id: int) -> None:
    """Run the import now: in a new thread, or (IMPORTS_RUN_IN_BACKGROUND = False) right here."""
    if in_background():
        language = translation.get_language()
        thread = threading.Thread(
            target=_run_and_close, args=(run_id, language), name=f"rummelig-import-{run_id}", daemon=True
        )
        thread.start()
    else:
        execute(run_id)


def _run_and_close(run_id: int, language: str | None) -> None:
    try:
        with translation.override(language):
            execute(run_id)
    finally:
        connection.close()


def execute(run_id: int) -> None:
    """Import the stored file of a previewed run; mark the run as failed whatever goes wrong."""
    run = ImportRun.objects.select_related("user").get(pk=run_id)
    progress = Progress(run.pk, total=run.progress_total)
    try:
        import_file(
            run.source, run.stored_file, name=run.file_name, user=run.user, run=run, force=True, progress=progress
        )
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
        storage.discard(run.stored_file)
        ImportRun.objects.filter(pk=run_id).update(stored_file="")
