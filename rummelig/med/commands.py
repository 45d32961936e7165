"""What import_med and sync_os2mo_med share: running a MED load and printing its Danish summary."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from .loading import MedSource, run_load


def load_and_report(command, source: MedSource, *, dry_run: bool) -> None:
    """Run the load (or its dry run), write the changes and notices; problems end the command with an error."""
    result = run_load(source, dry_run=dry_run)
    if result.problems:
        raise CommandError("\n".join([_("Nothing was written:")] + [str(problem) for problem in result.problems]))
    for notice in result.notices:
        command.stdout.write(str(notice))
    for change in result.changes:
        fields = "; ".join(f"{name}: {before or '–'} → {after or '–'}" for name, before, after in change.fields)
        command.stdout.write(f"{change.entity} {change.action.lower()}: {change.key} {change.label} {fields}".rstrip())
    if dry_run:
        command.stdout.write(_("Dry run: %(count)s changes, nothing written.") % {"count": len(result.changes)})
    else:
        command.stdout.write(_("Loaded: %(count)s changes.") % {"count": len(result.changes)})
