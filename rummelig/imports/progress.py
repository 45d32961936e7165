"""How far a running import has come, kept in memory in the process that runs it.

Why memory and not the database: the import writes in one transaction. On SQLite a second
connection that writes progress while that transaction holds the write lock would wait for it
(and the transaction may wait for the progress write: a deadlock until the busy timeout); on
PostgreSQL an update of the ImportRun row inside the import's transaction is invisible to the page
that polls until the commit. So the import reports progress here, the polling view reads it here,
and the final state (counts, status, progress = total) is written to ImportRun once, with the data.

The page that polls must reach the process running the import: true for `runserver` and for one
process with threads (gunicorn --threads). With several worker processes the bar shows "running"
until the result is written, and then the result.
"""

import threading
import time
from dataclasses import dataclass

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
