"""Issue an API token for a user and print it once (only its hash is stored)."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from rummelig.accounts import roles
from rummelig.accounts.models import TOKEN_LIFETIME_DAYS, ApiToken

from ._common import find_user


class Command(BaseCommand):
    help = (
        "Create a token for the REST API (Authorization: Bearer TOKEN) for USERNAME and print it as the last "
        "word of the output. The token has the user's own rights, expires after --days (default a year) and is "
        "shown only this once."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The user the token acts as.")
        parser.add_argument("--name", default="", help="What the token is for, e.g. the system that uses it.")
        parser.add_argument("--days", type=int, default=TOKEN_LIFETIME_DAYS, help="Days until the token expires (default 365).")

    @transaction.atomic
    def handle(self, *args, username, name, days, **options):
        user = find_user(username)
        if not user.is_active:
            raise CommandError(f"Brugeren {username!r} er deaktiveret; et token til den ville ikke virke.")
        if len(name) > ApiToken._meta.get_field("name").max_length:
            raise CommandError("--name er for langt (højst 100 tegn).")
        if not 1 <= days <= 3 * 365:
            raise CommandError("--days skal være mellem 1 og 1095 (tre år).")
        token, key = roles.issue_token(None, user, name=name, expires_at=timezone.now() + timedelta(days=days))
        self.stdout.write(f"Token for {user.get_username()} (udløber {token.expires_at:%Y-%m-%d}): {key}")
