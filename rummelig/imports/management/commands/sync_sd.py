"""Fetch SD Løn's answers from SD's web service and import them like files (see imports/sdweb.py).

Settings from the environment: SD_INSTITUTION_IDENTIFIER, SD_USER, SD_PASSWORD (or
SD_PASSWORD_FILE), SD_BASE_URL (default https://service.sd.dk/sdws/), SD_TIMEOUT (seconds, 120).
"""

from datetime import date, datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from rummelig.imports.commands import report
from rummelig.imports.sdweb import SdClient, SdError, settings_from_environment, sync


def parse_day(value: str) -> date:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise CommandError(_("--date %(value)s is not a date; write it as 2025-01-31 or 31.01.2025.") % {"value": value})


class Command(BaseCommand):
    help = (
        "Fetch organisation, departments, persons and employments from SD Løn's web service and import them "
        "(as import_sd does with files). Without --date: today and what was registered since the last sync. "
        "Settings: SD_INSTITUTION_IDENTIFIER, SD_USER, SD_PASSWORD, SD_BASE_URL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ask SD about this day (2025-01-31) instead of today and the changes since the last sync.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change, and write nothing (but the log of the run).")

    def handle(self, *args, **options):
        day = parse_day(options["date"]) if options["date"] else None
        try:
            settings = settings_from_environment()
        except SdError as exc:
            raise CommandError(str(exc)) from None
        report(self, sync(SdClient(settings), day=day, dry_run=options["dry_run"]))
