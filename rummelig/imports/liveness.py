"""Tell a running import from one whose process died, so a killed import blocks nothing and shows as stopped.

A run is "running" from the moment it starts until its result is saved. If the process running it
is killed (a restart, the out-of-memory killer), nothing marks it finished; its data transaction is
rolled back by the database, so nothing was written, but the row still says "running". Each run
records the process that runs it ("host:pid:token"); on the same host a process that no longer
exists, or this process started anew (another token), means the run is dead. A run from another
host, or from before the process was recorded, is considered dead after STALE_AFTER.
"""

import os
import socket
import uuid
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from . import storage
from .models import ImportRun

STALE_AFTER = timedelta(hours=1)
_TOKEN = uuid.uuid4().hex[:12]  # new for every start of the application


def this_process() -> str:
    """Return this process as a run records it; the pid is read now, so forked workers differ."""
    return f"{socket.gethostname()}:{os.getpid()}:{_TOKEN}"


def process_alive(worker: str) -> bool | None:
    """Say whether the recorded process still runs: True, False, or None when it cannot be told here."""
    host, _sep, rest = worker.partition(":")
    pid_text, _sep, token = rest.partition(":")
    if not worker or host != socket.gethostname() or not pid_text.isdigit():
        return None
    pid = int(pid_text)
    if pid == os.getpid():
        return token == _TOKEN
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def is_dead(run: ImportRun, now=None) -> bool:
    if run.status != ImportRun.Status.RUNNING:
        return False
    alive = process_alive(run.worker)
    if alive is not None:
        return not alive
    since = run.started_at or run.created_at
    return since is not None and since < (now or timezone.now()) - STALE_AFTER


def fail_dead_runs() -> list[int]:
    """Mark every running import whose process is gone as stopped (nothing was written); return their ids."""
    now = timezone.now()
    dead = [run for run in ImportRun.objects.filter(status=ImportRun.Status.RUNNING) if is_dead(run, now)]
    for run in dead:
        storage.discard(run.stored_file)
        ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.RUNNING).update(
            status=ImportRun.Status.ERROR,
            error=_(
                "The import was interrupted: the process running it stopped (the server may have been restarted), "
                "so nothing was written. Upload the file again to import it."
            ),
            finished_at=now,
            stored_file="",
        )
    return [run.pk for run in dead]
