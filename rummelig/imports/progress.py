"""How far a running import has come: counted in memory by the import, published to the database
by a thread of the worker, so every web process (any gunicorn worker, any host) shows the same bar.

The import writes its data in one transaction, so its own connection cannot publish progress (on
PostgreSQL the update would be invisible until the commit; on SQLite the transaction holds the only
write lock). So `Progress` counts in memory (cheap enough to call per record), and `Publisher`, a
thread of the worker with a connection of its own, writes the latest count and a heartbeat every
IMPORTS_PROGRESS_SECONDS:

- PostgreSQL: to the ImportRun row (progress_current/total/phase, heartbeat_at), in autocommit.
  The import's transaction only takes a key-share lock on that row (foreign keys to it), which an
  update of other columns does not wait for.
- SQLite: to a small table in a file beside the database (`<database>-progress`), because the
  import's transaction holds the database's one write lock until it commits. SQLite runs on one
  host, so every web process reaches that file.

The heartbeat tells a live run from one whose worker died (liveness.py). The final state (counts,
status, progress = total) is written to ImportRun once, with the data.
"""

import datetime as dt
import logging
import sqlite3
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_live: dict[int, "Snapshot"] = {}


@dataclass(frozen=True)
class Snapshot:
    current: int
    total: int
    phase: str

    @property
    def percent(self) -> int:
        if not self.total:
            return 0
        return min(100, int(100 * self.current / self.total))


def read(run_id: int) -> Snapshot | None:
    """Return the progress of a run that is running in this process, else None."""
    with _lock:
        return _live.get(run_id)


def forget(run_id: int) -> None:
    with _lock:
        _live.pop(run_id, None)


class Progress:
    """Count work done for one run; `step` is cheap enough to call per record."""

    def __init__(self, run_id: int | None = None, total: int = 0, *, interval: float = 0.2):
        self.run_id = run_id
        self.total = total
        self.current = 0
        self.phase = ""
        self.interval = interval
        self._last = 0.0
        self._publish(force=True)

    def start_phase(self, phase: str, total: int | None = None) -> None:
        self.phase = phase
        if total is not None:
            self.total = max(total, self.current)
        self._publish(force=True)

    def step(self, amount: int = 1) -> None:
        self.current += amount
        if self.current > self.total:
            self.total = self.current
        self._publish()

    def _publish(self, force: bool = False) -> None:
        if self.run_id is None:
            return
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        with _lock:
            _live[self.run_id] = Snapshot(self.current, self.total, self.phase)

    def done(self) -> None:
        if self.run_id is not None:
            forget(self.run_id)


class NoProgress(Progress):
    """Progress for callers that do not show it (tests, dry runs)."""

    def __init__(self):
        super().__init__(None)


def publish_every() -> float:
    return float(getattr(settings, "IMPORTS_PROGRESS_SECONDS", 1.0))


side_files_used: set[str] = set()  # for the tests, which remove them at the end


def _side_file() -> str:
    name = f"{connections['default'].settings_dict['NAME']}-progress"
    side_files_used.add(name)
    return name


def _side_connection() -> sqlite3.Connection:
    side = sqlite3.connect(_side_file(), timeout=5, isolation_level=None)
    side.execute("PRAGMA journal_mode=WAL")
    side.execute(
        "CREATE TABLE IF NOT EXISTS import_progress (run_id INTEGER PRIMARY KEY, started TEXT NOT NULL, "
        "current INTEGER NOT NULL, total INTEGER NOT NULL, phase TEXT NOT NULL, beat TEXT NOT NULL)"
    )
    return side


def _uses_side_file() -> bool:
    return connections["default"].vendor == "sqlite"


def store(run_id: int, started: dt.datetime | None, snapshot: Snapshot) -> None:
    """Write a run's progress and heartbeat where every web process reads it (see the module's text)."""
    from .models import ImportRun

    now = timezone.now()
    if _uses_side_file():
        side = _side_connection()
        try:
            side.execute(
                "INSERT OR REPLACE INTO import_progress VALUES (?, ?, ?, ?, ?, ?)",
                (run_id, started.isoformat() if started else "", snapshot.current, snapshot.total, snapshot.phase[:200],
                 now.isoformat()),
            )  # fmt: skip
        finally:
            side.close()
    else:
        ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.RUNNING).update(
            progress_current=snapshot.current, progress_total=snapshot.total, progress_phase=snapshot.phase[:200],
            heartbeat_at=now,
        )  # fmt: skip


def stored(run) -> tuple[Snapshot, dt.datetime | None]:
    """Return the published progress of a run and its last heartbeat (None before the first)."""
    if _uses_side_file():
        try:
            side = _side_connection()
            try:
                row = side.execute(
                    "SELECT current, total, phase, beat FROM import_progress WHERE run_id = ? AND started = ?",
                    (run.pk, run.started_at.isoformat() if run.started_at else ""),
                ).fetchone()
            finally:
                side.close()
        except sqlite3.Error:
            row = None
        if row is not None:
            return Snapshot(row[0], row[1], row[2]), dt.datetime.fromisoformat(row[3])
        return Snapshot(run.progress_current, run.progress_total, run.progress_phase), None
    return Snapshot(run.progress_current, run.progress_total, run.progress_phase), run.heartbeat_at


class Publisher:
    """A thread that publishes a run's progress (and so its heartbeat) until stopped; use as a context manager."""

    def __init__(self, run_id: int, started: dt.datetime | None, progress: "Progress"):
        self.run_id = run_id
        self.started = started
        self.progress = progress
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=f"rummelig-progress-{run_id}", daemon=True)

    def __enter__(self):
        self._publish()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=10)
        return False

    def _publish(self) -> None:
        snapshot = Snapshot(self.progress.current, self.progress.total, self.progress.phase)
        try:
            store(self.run_id, self.started, snapshot)
        except Exception:  # a missed beat is not fatal; the next one follows
            logger.warning("Could not publish the progress of import %s", self.run_id, exc_info=True)

    def _loop(self) -> None:
        try:
            while not self._stop.wait(publish_every()):
                self._publish()
        finally:
            connection.close()  # this thread's own connection
