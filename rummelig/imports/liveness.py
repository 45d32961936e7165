"""Tell a running import from one whose process died, so a killed import blocks nothing and shows as stopped.

A run is "running" from the moment it is queued until its result is saved. If the worker running it
is killed (a restart, a deploy, the out-of-memory killer), nothing marks it finished; its data
transaction is rolled back by the database, so nothing was written, but the row still says
"running". A dead run is marked stopped (with a Danish message), its stored upload is deleted, and
the user can upload the file again. A run is dead when:

- the process recorded in `worker` ("host:pid:token") no longer exists on this host (or is this
  process, started anew);
- it is run by the task worker (which set `heartbeat_at` when it took it) and its heartbeat
  (progress.py, every second) is older than IMPORTS_DEAD_AFTER (default 60 s) – the test that works
  from another host;
- it is queued (no worker yet) and no worker took it within IMPORTS_QUEUE_TIMEOUT (default 15 min);
- it has no heartbeat (a preview compared in a web request, an import command) and was started on
  another host more than STALE_AFTER ago.
"""

import os
import socket
import uuid
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from . import progress, storage
from .models import ImportRun

STALE_AFTER = timedelta(hours=1)
DEAD_AFTER = timedelta(seconds=60)
QUEUE_TIMEOUT = timedelta(minutes=15)
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


def _limit(name: str, default: timedelta) -> timedelta:
    seconds = getattr(settings, name, None)
    return default if seconds is None else timedelta(seconds=seconds)


def why_dead(run: ImportRun, now=None) -> str | None:
    """Return the Danish reason a running run is dead, or None while it is alive (or not running)."""
    if run.status != ImportRun.Status.RUNNING:
        return None
    now = now or timezone.now()
    since = run.started_at or run.created_at
    stopped = _(
        "The import was interrupted: the process running it stopped (the server may have been restarted), "
        "so nothing was written. Upload the file again to import it."
    )
    if not run.worker and run.stored_file and run.heartbeat_at is None:  # queued: no worker has taken it yet
        waited = _limit("IMPORTS_QUEUE_TIMEOUT", QUEUE_TIMEOUT)
        if since is not None and since < now - waited:
            return _(
                "The import was not started: no background worker took it within %(minutes)d minutes, so nothing "
                "was written. Check that the worker is running (docs/OPERATIONS.md), and upload the file again."
            ) % {"minutes": waited.total_seconds() // 60}
        return None
    alive = process_alive(run.worker)
    if alive is False:
        return stopped
    if run.heartbeat_at is not None:  # run by the worker, which beats every second
        _snapshot, beat = progress.stored(run)
        last = beat or run.heartbeat_at
        return stopped if last < now - _limit("IMPORTS_DEAD_AFTER", DEAD_AFTER) else None
    # An import command (a process of its own, no heartbeat): only its process tells.
    if alive:
        return None
    return stopped if since is not None and since < now - STALE_AFTER else None


def is_dead(run: ImportRun, now=None) -> bool:
    return why_dead(run, now) is not None


def fail_dead_runs() -> list[int]:
    """Mark every running import whose process is gone as stopped (nothing was written); return their ids."""
    now = timezone.now()
    dead = []
    for run in ImportRun.objects.filter(status=ImportRun.Status.RUNNING):
        reason = why_dead(run, now)
        if reason is None:
            continue
        storage.discard(run.stored_file)
        updated = ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.RUNNING).update(
            status=ImportRun.Status.ERROR, error=reason, finished_at=now, stored_file=""
        )
        if updated:
            dead.append(run.pk)
    return dead
