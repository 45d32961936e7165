"""Run an import from start to end: size and hash, parse, plan, and (unless a preview) write.

Used by the management commands, the upload page (preview) and the background run. Every call
leaves one ImportRun saying what happened; a real run writes the data, the ImportRun's result and
one audit entry (action IMPORT) in a single transaction, so either all of it lands or none.
"""

import gc
import logging
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rummelig.audit import log
from rummelig.audit.models import AuditEntry

from . import display
from .apply import apply_plan
from .liveness import this_process
from .models import ImportRun, SourceKind
from .parsers import ImportFileError, ImportProblem
from .plan import Plan, make_plan
from .progress import NoProgress, Progress
from .sources import Staged, files_facts, read_files, reference_date

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    """An ImportRun and, when the file was compared, the plan behind it."""

    run: ImportRun
    plan: Plan | None = None


def problem_dicts(problems) -> list[dict]:
    return [{"file": p.file, "location": p.location, "message": p.message} for p in problems]


def previous_import(source: str, sha256: str, reference: date) -> ImportRun | None:
    """Return the last finished real import of the same content read on the same reference date, if any.

    The reference date matters: SD's periods and leaves are read as of it, so the same SD file
    read on a later day may say something new.
    """
    return (
        ImportRun.objects.filter(
            source=source, sha256=sha256, reference_date=reference, status=ImportRun.Status.DONE, dry_run=False
        )
        .order_by("-finished_at", "-pk")
        .first()
    )


def import_file(
    source: str,
    path,
    *,
    name: str | None = None,
    user=None,
    dry_run: bool = False,
    force: bool = False,
    run: ImportRun | None = None,
    progress: Progress | None = None,
) -> Outcome:
    """Import (or with dry_run preview) one file; return the Outcome. Never raises for bad input.

    A file whose content (SHA-256) was already imported for real is not read again unless `force`:
    it is the same delta, and importing an old dump again would undo what later dumps changed.
    """
    name = name or str(path).rsplit("/", 1)[-1]
    return import_files(source, [(path, name)], user=user, dry_run=dry_run, force=force, run=run, progress=progress)


def import_files(
    source: str,
    files: list[tuple[object, str]],
    *,
    user=None,
    dry_run: bool = False,
    force: bool = False,
    run: ImportRun | None = None,
    progress: Progress | None = None,
) -> Outcome:
    """Import files read together as one run (SD's answers: organisation, departments, persons, employments)."""
    name = ", ".join(file_name for _, file_name in files)
    progress = progress or NoProgress()
    if run is None:
        run = ImportRun(user=_user(user), source=source, file_name=name[:255], dry_run=dry_run)
    _start(run)
    try:
        run.size, run.sha256 = files_facts(files)
    except ImportFileError as exc:
        return Outcome(_refuse(run, exc.problems))
    if not force:
        previous = previous_import(source, run.sha256, reference_date(source, files[0][1]))
        if previous is not None:
            return Outcome(_same_file(run, previous))
    progress.start_phase(_("Reading the file"), total=max(run.progress_total, run.records))
    with no_cyclic_gc():
        staged = read_files(source, files, progress)
        return import_staged(staged, user=user, dry_run=dry_run, run=run, progress=progress)


_gc_pause_allowed: ContextVar[bool] = ContextVar("rummelig_imports_gc_pause_allowed", default=False)


@contextmanager
def gc_pause_allowed():
    """Let imports in this block pause the collector: in the worker's task and the import commands only.

    gc.disable() acts on the whole process; in a web process it would switch the collector off for
    every request that process serves meanwhile, so a preview compared in a request never pauses it.
    """
    token = _gc_pause_allowed.set(True)
    try:
        yield
    finally:
        _gc_pause_allowed.reset(token)


@contextmanager
def no_cyclic_gc():
    """Pause Python's cyclic garbage collector while an import builds its 100,000s of objects.

    Only where `gc_pause_allowed` says so (the worker, the commands); elsewhere it does nothing.

    The records, rows and dicts an import makes hold no reference cycles, but each allocation
    burst makes the collector walk every live object again: a fifth of the import's time. Plain
    reference counting still frees everything, and the collector resumes afterwards.
    """
    if not _gc_pause_allowed.get():
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not gc.get_freeze_count():
                # The import's objects were made with the collector off, all in the youngest
                # generation: the first collection after it resumes would walk every one of them
                # (0.07 s for 50,000 employees), just before they are freed. freeze + unfreeze moves
                # them to the oldest generation instead (two list splices), where a full collection
                # still finds any cycle. Skipped if the process froze objects of its own.
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def import_staged(staged: Staged, *, user=None, dry_run=False, run: ImportRun | None = None, progress=None) -> Outcome:
    """Plan (and unless dry_run apply) staged records; also used by sync_os2mo."""
    progress = progress or NoProgress()
    if run is None:
        run = ImportRun(user=_user(user), source=staged.source, file_name=staged.file[:255], dry_run=dry_run)
        _start(run)
    run.records = staged.records
    run.reference_date = staged.reference_date
    if staged.problems:
        return Outcome(_refuse(run, staged.problems, staged.notices))
    progress.start_phase(_("Comparing with Rummelig"))
    if dry_run:
        plan = make_plan(staged)
        return Outcome(_preview(run, plan), plan)
    try:
        with transaction.atomic():
            _prepare_sqlite()
            plan = make_plan(staged)
            if not plan.ok:
                raise _Refused(plan)
            progress.start_phase(_("Writing to Rummelig"), total=progress.current + plan.writes)
            apply_plan(plan, user=user, run=run, progress=progress)
            _finish(run, plan, ImportRun.Status.DONE)
            run.dry_run = False
            run.save()
            _audit(user, run)
    except _Refused as refused:
        plan = refused.plan
        return Outcome(_refuse(run, display.problems_of(plan), plan.notices, plan.unknown_codes), plan)
    except Exception as exc:  # anything unexpected: the transaction is rolled back, nothing was written
        logger.exception("Import %s of %s failed", run.pk, run.file_name)
        run.status = ImportRun.Status.ERROR
        run.dry_run = False
        run.error = _("The import stopped because of an error, and nothing was written: %(error)s") % {
            "error": f"{type(exc).__name__}: {exc}"
        }
        run.finished_at = timezone.now()
        run.save()
        return Outcome(run)
    return Outcome(run, plan)


class _Refused(Exception):
    def __init__(self, plan: Plan):
        self.plan = plan


def _start(run: ImportRun) -> None:
    """Save the run as running before anything else, so it exists whatever happens next."""
    run.status = ImportRun.Status.RUNNING
    if not (run.started_at and run.worker == this_process()):  # a worker keeps the time it claimed the run
        run.started_at = timezone.now()
    run.worker = this_process()
    run.save()


def _user(user):
    return user if user is not None and user.is_authenticated else None


def _prepare_sqlite() -> None:
    """On SQLite, take the write lock now and give the transaction a large page cache.

    The write lock (an empty UPDATE takes it, as BEGIN IMMEDIATE would) makes the ids that
    bulk.reserve_ids reads safe from other writers, who wait until the import commits. SQLite
    locks out readers only when a transaction's changes no longer fit its page cache; with room
    for them (up to 256 MB, used only as needed) the page polling for progress can read meanwhile.
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
            cursor.execute(f"UPDATE {ImportRun._meta.db_table} SET status = status WHERE id = -1")


def _finish(run: ImportRun, plan: Plan, status: str) -> None:
    run.status = status
    run.finished_at = timezone.now()
    for name in ImportRun.COUNT_FIELDS:
        setattr(run, name, plan.counts.get(name, 0))
    run.problems = problem_dicts(display.problems_of(plan))
    run.notices = problem_dicts(plan.notices)
    run.unknown_codes = plan.unknown_codes
    run.changes = display.change_rows(plan.changes)
    run.changes_total = plan.changes_total
    run.progress_current = run.progress_total = max(run.progress_total, run.records + plan.writes, 1)


def _preview(run: ImportRun, plan: Plan) -> ImportRun:
    _finish(run, plan, ImportRun.Status.PREVIEWED if plan.ok else ImportRun.Status.FAILED)
    run.dry_run = True
    run.progress_current = 0
    run.progress_total = run.records + plan.writes
    run.save()
    return run


def _refuse(run: ImportRun, problems, notices=(), unknown_codes=()) -> ImportRun:
    run.status = ImportRun.Status.FAILED
    run.problems = problem_dicts(problems)
    run.notices = problem_dicts(notices)
    run.unknown_codes = list(unknown_codes)
    run.finished_at = timezone.now()
    for name in ImportRun.COUNT_FIELDS:
        setattr(run, name, 0)
    run.changes = []
    run.changes_total = 0
    run.save()
    return run


def _same_file(run: ImportRun, previous: ImportRun) -> ImportRun:
    when = date_format(timezone.localtime(previous.finished_at), "j. F Y H:i") if previous.finished_at else ""
    who = previous.user.get_full_name() or previous.user.username if previous.user else _("a command")
    message = _(
        "The same file (same content) was imported on %(when)s by %(who)s; nothing has changed. "
        "Importing an old file again would undo what later files changed."
    ) % {"when": when, "who": who}
    run.same_as = previous
    run.reference_date = previous.reference_date
    run.status = ImportRun.Status.PREVIEWED if run.dry_run else ImportRun.Status.DONE
    run.notices = problem_dicts([ImportProblem(run.file_name, "", message)])
    run.records = previous.records
    run.finished_at = timezone.now()
    run.stored_file = ""
    run.save()
    if not run.dry_run:
        _audit(run.user, run)
    return run


def _audit(user, run: ImportRun) -> None:
    counts = run.counts()
    summary = ", ".join(f"{key}={value}" for key, value in counts.items() if value)
    detail = (
        f"source={run.source}; file={run.file_name}; sha256={run.sha256}; size={run.size}; "
        f"records={run.records}; {summary or 'no changes'}"
    )
    if run.same_as_id:
        detail += f"; same file as import {run.same_as_id}, not read again"
    log.record(
        user,
        AuditEntry.Action.IMPORT,
        object_type="importrun",
        object_id=str(run.pk),
        object_repr=f"{run.get_source_display()}: {run.file_name}",
        changes={key: [None, value] for key, value in counts.items() if value},
        detail=detail,
    )


def source_label(source: str) -> str:
    return str(SourceKind(source).label)
