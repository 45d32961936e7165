"""What the import commands share: options, running the import, and the Danish summary they print."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from .display import CHANGE_LABELS
from .models import ImportRun
from .service import Outcome, gc_pause_allowed, import_files

CHANGES_SHOWN = 20


class FileImportCommand(BaseCommand):
    """Base for import_opus, import_sd and import_spreadsheet: FILE [--dry-run] [--force]."""

    source = ""
    several = False  # SD: the web service's answers are read together

    def add_arguments(self, parser):
        if self.several:
            parser.add_argument("file", nargs="+", help="The files to import, read together as one import.")
        else:
            parser.add_argument("file", help="The file to import.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change, and write nothing (but the log of the run)."
        )
        parser.add_argument(
            "--force", action="store_true", help="Compare the file even if a file with the same content was imported."
        )

    def handle(self, *args, **options):
        paths = [Path(file) for file in (options["file"] if self.several else [options["file"]])]
        for path in paths:
            if not path.is_file():
                raise CommandError(_("%(file)s: the file does not exist.") % {"file": path})
        files = [(path, path.name) for path in paths]
        with gc_pause_allowed():  # a command runs in a process of its own
            outcome = import_files(self.source, files, dry_run=options["dry_run"], force=options["force"])
        report(self, outcome)


def report(command: BaseCommand, outcome: Outcome) -> None:
    """Print the summary of a run; raise CommandError (Danish, with every problem) if it wrote nothing."""
    run = outcome.run
    if run.status == ImportRun.Status.FAILED:
        lines = [_("%(file)s was refused, and nothing was written:") % {"file": run.file_name}]
        lines += [f"- {_problem_text(problem)}" for problem in run.problems]
        raise CommandError("\n".join(lines))
    if run.status == ImportRun.Status.ERROR:
        raise CommandError(run.error)
    write = command.stdout.write
    if run.same_as_id:
        write(f"{run.file_name}: {run.notices[0]['message']}")
        return
    if run.dry_run:
        write(_("%(file)s (%(source)s): preview, nothing was written.") % _facts(run))
    else:
        write(_("%(file)s (%(source)s): imported.") % _facts(run))
    for line in summary_lines(run):
        write(line)
    if run.changes:
        write(_("Changes (the first %(count)s):") % {"count": min(CHANGES_SHOWN, len(run.changes))})
        for change in run.changes[:CHANGES_SHOWN]:
            fields = "; ".join(f"{name}: {before or '–'} → {after or '–'}" for name, before, after in change["fields"])
            what = f"{CHANGE_LABELS.get(change['entity'], change['entity'])}, {CHANGE_LABELS.get(change['action'], change['action'])}"
            write(f"  {what}: {change['key']} {change['label']}".rstrip() + (f" ({fields})" if fields else ""))
    if run.notices:
        write(_("Notices:"))
        for notice in run.notices:
            write(f"  {_problem_text(notice)}")


def summary_lines(run: ImportRun) -> list[str]:
    c = run.counts()
    return [
        _("Units: %(added)s new, %(updated)s changed, %(ended)s ended, %(unchanged)s unchanged")
        % {"added": c["units_added"], "updated": c["units_updated"], "ended": c["units_ended"], "unchanged": c["units_unchanged"]},
        _("Employments: %(added)s new, %(updated)s changed, %(ended)s ended, %(removed)s removed, %(unchanged)s unchanged")
        % {
            "added": c["employments_added"], "updated": c["employments_updated"], "ended": c["employments_ended"],
            "removed": c["employments_removed"], "unchanged": c["employments_unchanged"],
        },
        _("People: %(added)s new, %(updated)s changed") % {"added": c["people_added"], "updated": c["people_updated"]},
        _("Placements from payroll: %(added)s new, %(updated)s changed, %(removed)s removed")
        % {"added": c["placements_added"], "updated": c["placements_updated"], "removed": c["placements_removed"]},
        _("Leder roles from payroll: %(added)s new, %(updated)s changed, %(removed)s removed")
        % {"added": c["roles_added"], "updated": c["roles_updated"], "removed": c["roles_removed"]},
    ]  # fmt: skip


def _facts(run):
    return {"file": run.file_name, "source": run.get_source_display()}


def _problem_text(problem: dict) -> str:
    return ": ".join(part for part in (problem.get("file"), problem.get("location"), problem.get("message")) if part)
