"""Write the annual report to the Hovedudvalg as PDF, XLSX or JSON, suppressed as every export is.

    python manage.py annual_report --year 2025 --format pdf --out aarsrapport-2025.pdf

The report covers the whole municipality (or the units a --user may count) and is audited as an
export made by that user, or by "system".
"""

from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from rummelig.accounts.access import access_for
from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.reports import exports
from rummelig.reports.figures import Period, Scope
from rummelig.reports.report import Report, made_by


class Command(BaseCommand):
    help = "Write the annual report on employees on special terms for a year as PDF, XLSX or JSON (suppressed)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="The report's year, e.g. 2025.")
        parser.add_argument("--format", choices=exports.FORMATS, required=True, dest="fmt", help="pdf, xlsx or json.")
        parser.add_argument("--out", required=True, help="The file to write (use - for standard output with json).")
        parser.add_argument("--reference-date", help="The day headcounts are taken (YYYY-MM-DD); 31 December by default.")
        parser.add_argument("--user", help="Make the report as this user: their units, their name on it, and the audit entry.")

    def handle(self, *args, year, fmt, out, reference_date=None, user=None, **options):
        today = timezone.localdate()
        if not 2000 <= year <= today.year:
            raise CommandError(f"--year must be between 2000 and {today.year}, not {year}.")
        reference = self._reference(year, reference_date, today)
        account = self._user(user)
        if account is not None:
            access = access_for(account)
            if not access.sees_aggregates:
                raise CommandError(f"The user {user!r} may not see any figures.")
            scope, author = Scope.for_access(access), made_by(account)
        else:
            scope, author = Scope(), "manage.py annual_report"
        if out != "-" and not Path(out).resolve().parent.is_dir():
            raise CommandError(f"The folder of --out {out!r} does not exist.")
        if out == "-" and fmt != "json":
            raise CommandError("Only --format json can be written to standard output (--out -).")
        with translation.override("da"):
            report = Report(scope, Period.for_year(year, reference), suppress=True, made_by=author)
            content = exports.export(report, report.sections(), fmt)
        if out == "-":
            self.stdout.write(content.decode("utf-8"))
        else:
            Path(out).write_bytes(content)
        log.record(
            account, AuditEntry.Action.EXPORT, object_type="annual_report", object_id=str(year), object_repr=str(report.title),
            detail=f"format={fmt}; reference={reference.isoformat()}; scope={report.scope_label()}; command=annual_report",
        )
        if out != "-":
            self.stdout.write(f"Wrote the {year} report ({fmt}, {len(content):,} bytes) to {out}")

    @staticmethod
    def _reference(year, text, today):
        if not text:
            return date(year, 12, 31) if year < today.year else today
        try:
            reference = date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"--reference-date must be a date as YYYY-MM-DD, not {text!r}.") from None
        if reference.year != year:
            raise CommandError(f"--reference-date {reference} is not in {year}.")
        if reference > today:
            raise CommandError(f"--reference-date {reference} is in the future.")
        return reference

    @staticmethod
    def _user(username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no active user called {username!r}.") from None
