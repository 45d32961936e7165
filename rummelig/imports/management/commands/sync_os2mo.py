"""Read units (and with --engagements, employments) from OS2mo's GraphQL API and import them.

The URL and the bearer token come from the options or the environment (OS2MO_URL, OS2MO_TOKEN or
OS2MO_TOKEN_FILE); get the token from OS2mo's Keycloak. Schedule it nightly from cron.
"""

import os
from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from rummelig.imports.commands import report
from rummelig.imports.models import SourceKind
from rummelig.imports.parsers import ImportFileError, ImportProblem, os2mo
from rummelig.imports.service import import_staged
from rummelig.imports.sources import Staged


def make_transport(url: str, token: str):
    """Return the function that posts a GraphQL body to OS2mo (tests replace it with recorded answers)."""
    return os2mo.urllib_post(url, token)


class Command(BaseCommand):
    help = (
        "Import organisation units (and with --engagements, employments) from OS2mo's GraphQL API. "
        "URL and token from --url/--token-file or OS2MO_URL and OS2MO_TOKEN/OS2MO_TOKEN_FILE."
    )

    def add_arguments(self, parser):
        self.add_connection_arguments(parser)
        parser.add_argument("--engagements", action="store_true", help="Also import engagements as employments.")

    @staticmethod
    def add_connection_arguments(parser):
        """Where OS2mo is and how units are matched: the same for this command and sync_os2mo_med."""
        parser.add_argument("--url", default=os.environ.get("OS2MO_URL", ""), help="GraphQL URL, e.g. https://mo.kommune.dk/graphql/v22")
        parser.add_argument("--token-file", default=os.environ.get("OS2MO_TOKEN_FILE", ""), help="File holding the bearer token.")
        parser.add_argument(
            "--key", choices=["uuid", "user_key"], default="uuid",
            help="Match units by OS2mo's UUID (default) or by user_key (when OS2mo's units carry the payroll ids).",
        )  # fmt: skip
        parser.add_argument("--dry-run", action="store_true", help="Show what would change, and write nothing.")

    def transport(self, options):
        """The function that posts to OS2mo, from --url and the token; a missing one is a Danish error."""
        if not options["url"]:
            raise CommandError(_("Give OS2mo's GraphQL address with --url or the environment variable OS2MO_URL."))
        return make_transport(options["url"], self._token(options["token_file"]))

    def handle(self, *args, **options):
        url = options["url"]
        post = self.transport(options)
        today = timezone.localdate()
        try:
            parsed = os2mo.read_os2mo(post, engagements=options["engagements"], as_of=today)
        except ImportFileError as exc:
            raise CommandError("\n".join(str(problem) for problem in exc.problems)) from None
        staged = Staged(
            source=SourceKind.OS2MO,
            file=f"OS2mo {url}"[:255],
            reference_date=today,
            units=parsed.units,
            employments=parsed.employments,
            problems=parsed.problems,
            notices=parsed.notices,
        )
        if options["key"] == "user_key" and not staged.problems:
            by_user_key(staged)
        report(self, import_staged(staged, dry_run=options["dry_run"]))

    def _token(self, token_file):
        if token_file:
            try:
                return Path(token_file).read_text().strip()
            except OSError as exc:
                raise CommandError(
                    _("The token file %(file)s cannot be read: %(error)s") % {"file": token_file, "error": exc.strerror}
                ) from None
        token = os.environ.get("OS2MO_TOKEN", "")
        if not token:
            raise CommandError(_("Give the token with --token-file or the environment variable OS2MO_TOKEN or OS2MO_TOKEN_FILE."))
        return token


def by_user_key(staged: Staged) -> None:
    """Key units by user_key instead of UUID (references follow); report duplicate or missing keys."""
    keys = {}
    seen: dict = {}
    for unit in staged.units:
        key = unit.short_name
        if not key:
            staged.problems.append(ImportProblem(staged.file, unit.location, _("The unit has no user_key in OS2mo.")))
        elif key in seen:
            staged.problems.append(
                ImportProblem(staged.file, unit.location, _("The user_key '%(key)s' is also used by %(other)s.") % {"key": key, "other": seen[key]})
            )
        seen[key] = unit.location
        keys[unit.source_id] = key
    if staged.problems:
        return
    staged.units = [
        replace(unit, source_id=keys[unit.source_id], parent_source_id=keys.get(unit.parent_source_id, unit.parent_source_id))
        for unit in staged.units
    ]
    staged.employments = [
        replace(employment, unit_source_id=keys.get(employment.unit_source_id, employment.unit_source_id))
        for employment in staged.employments
    ]
