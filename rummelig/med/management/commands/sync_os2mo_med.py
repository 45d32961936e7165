"""Load the MED committees and seats kept in OS2mo (its MED units and their associations): sync_os2mo_med [--dry-run].

URL and token as for sync_os2mo (--url/--token-file or OS2MO_URL and OS2MO_TOKEN/OS2MO_TOKEN_FILE).
"""


from django.core.management.base import CommandError
from django.utils import timezone

from rummelig.imports.management.commands import sync_os2mo
from rummelig.imports.parsers import ImportFileError
from rummelig.med.commands import load_and_report
from rummelig.med.os2mo import read_os2mo_med


class Command(sync_os2mo.Command):
    help = (
        "Load MED committees and their seats from OS2mo's MED organisation (units and associations). "
        "URL and token as for sync_os2mo. With --dry-run nothing is written."
    )

    def add_arguments(self, parser):
        self.add_connection_arguments(parser)

    def handle(self, *args, **options):
        post = self.transport(options)
        try:
            source = read_os2mo_med(post, as_of=timezone.localdate(), key=options["key"])
        except ImportFileError as exc:
            raise CommandError("\n".join(str(problem) for problem in exc.problems)) from None
        load_and_report(self, source, dry_run=options["dry_run"])
