"""Load the MED committees and seats kept in OS2mo (its MED units and their associations): sync_os2mo_med [--dry-run].

URL and token as for sync_os2mo (--url/--token-file or OS2MO_URL and OS2MO_TOKEN/OS2MO_TOKEN_FILE).
"""

import os

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

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
        parser.add_argument("--url", default=os.environ.get("OS2MO_URL", ""), help="GraphQL URL, e.g. https://mo.kommune.dk/graphql/v22")
        parser.add_argument("--token-file", default=os.environ.get("OS2MO_TOKEN_FILE", ""), help="File holding the bearer token.")
        parser.add_argument(
            "--key", choices=["uuid", "user_key"], default="uuid",
            help="Match the units a MED unit covers by OS2mo's UUID (default) or user_key, as sync_os2mo matched them.",
        )  # fmt: skip
        parser.add_argument("--dry-run", action="store_true", help="Show what would change, and write nothing.")

    def handle(self, *args, **options):
        url = options["url"]
        if not url:
            raise CommandError(_("Give OS2mo's GraphQL address with --url or the environment variable OS2MO_URL."))
        token = self._token(options["token_file"])
        try:
            source = read_os2mo_med(sync_os2mo.make_transport(url, token), as_of=timezone.localdate(), key=options["key"])
        except ImportFileError as exc:
            raise CommandError("\n".join(str(problem) for problem in exc.problems)) from None
        load_and_report(self, source, dry_run=options["dry_run"])
