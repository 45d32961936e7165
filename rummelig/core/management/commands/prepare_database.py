"""Make sure the database can be reached before `migrate`: create a missing PostgreSQL database when the
user may, or say in one Danish line how (`make run` calls it)."""

from django.core.management.base import BaseCommand

from rummelig.core.database import ensure_database


class Command(BaseCommand):
    help = "Connect to the database; create a missing PostgreSQL database if the user may."

    def handle(self, *args, **options):
        ensure_database(write=self.stdout.write)
