"""`python manage.py restore FILE`: replace the whole database with a backup made by `backup`.

Stop the web server and the worker first (docs/OPERATIONS.md). Asks before it replaces anything,
unless --yes. PostgreSQL: pg_restore --clean --if-exists in one transaction; SQLite: the online
backup API copies the file's pages over the database.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from rummelig.core import backups


class Command(BaseCommand):
    help = "Replace the whole database with the backup in FILE (made by `backup`)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file to restore.")
        parser.add_argument("--yes", action="store_true", help="Do not ask before replacing the database.")

    def handle(self, *args, **options):
        source = Path(options["file"])
        if not source.is_file():
            raise CommandError(f"{source} findes ikke.")
        connection = connections["default"]
        if not options["yes"]:
            if not options.get("interactive", True) or not __import__("sys").stdin.isatty():
                raise CommandError("Gendannelsen erstatter hele databasen; bekræft med --yes.")
            answer = input(f"Alt i databasen »{connection.settings_dict['NAME']}« erstattes af {source}. Skriv ja for at fortsætte: ")
            if answer.strip().lower() != "ja":
                raise CommandError("Intet er ændret.")
        try:
            backups.restore(connection, source)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Databasen er gendannet fra {source}. Kør `python manage.py migrate`, hvis kopien er fra en ældre version.")
