"""Load MED committees and seats from the MED spreadsheet: import_med FILE [--dry-run]."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from rummelig.imports.parsers import ImportFileError
from rummelig.med.commands import load_and_report
from rummelig.med.sheet import read_med_workbook


class Command(BaseCommand):
    help = "Load MED committees and their seats from the MED spreadsheet (XLSX). With --dry-run nothing is written."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The MED spreadsheet.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change, and write nothing.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("%(file)s: the file does not exist.") % {"file": path})
        try:
            source = read_med_workbook(path)
        except ImportFileError as exc:
            raise CommandError("\n".join(str(problem) for problem in exc.problems)) from None
        load_and_report(self, source, dry_run=options["dry_run"])
