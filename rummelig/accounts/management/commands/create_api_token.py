"""Issue an API token for a user and print it once (only its hash is stored)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from rummelig.accounts.models import ApiToken


class Command(BaseCommand):
    help = (
        "Create a token for the REST API (Authorization: Bearer TOKEN) for USERNAME and print it as the last "
        "word of the output. The token has the user's own rights and is shown only this once."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The user the token acts as.")
        parser.add_argument("--name", default="", help="What the token is for, e.g. the system that uses it.")

    def handle(self, *args, username, name, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named {username!r}; create the user first or check the spelling.") from None
        if not user.is_active:
            raise CommandError(f"The user {username!r} is deactivated; a token for it would not work.")
        if len(name) > ApiToken._meta.get_field("name").max_length:
            raise CommandError("--name is too long (at most 100 characters).")
        _token, key = ApiToken.issue(user, name=name)
        self.stdout.write(f"Token for {user.get_username()}: {key}")
