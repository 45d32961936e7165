"""`python manage.py backup FILE`: a consistent copy of the whole database, taken while Rummelig runs.

PostgreSQL: `pg_dump --format=custom` (restore with `restore FILE`, or pg_restore). SQLite: SQLite's
online backup API, a page-by-page copy that other connections may read and write during. The file
holds personal data: it is written readable by its owner only, under a temporary name first and
renamed when complete, so a broken backup never has the final name.
"""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from rummelig.core import backups


class Command(BaseCommand):
    help = "Write a backup of the whole database to FILE (pg_dump on PostgreSQL, the online backup API on SQLite)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file to write (an existing file is replaced).")

    def handle(self, *args, **options):
        target = Path(options["file"])
        if not target.parent.is_dir():
            raise CommandError(f"Mappen {target.parent} findes ikke; opret den først.")
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            backups.backup(connections["default"], temporary)
            os.chmod(temporary, 0o600)
            os.replace(temporary, target)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from None
        finally:
            temporary.unlink(missing_ok=True)
        size = target.stat().st_size
        self.stdout.write(f"Sikkerhedskopien er skrevet til {target} ({size / 1_000_000:.1f} MB).")
