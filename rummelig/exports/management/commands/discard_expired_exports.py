from django.core.management.base import BaseCommand

from rummelig.exports.storage import discard_expired


class Command(BaseCommand):
    help = "Delete exports (and their files) older than EXPORTS_KEEP_HOURS that nobody downloaded."

    def handle(self, *args, **options):
        self.stdout.write(f"{discard_expired()} expired exports deleted")
