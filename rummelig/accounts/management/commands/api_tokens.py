"""List API tokens (all, or one user's) and revoke one by the first characters it begins with."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from rummelig.accounts import roles
from rummelig.accounts.models import ApiToken

from ._common import find_user


class Command(BaseCommand):
    help = "Vis API-tokens (alle eller én brugers); --revoke PRÆFIKS tilbagekalder det token, der begynder sådan."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="Vis kun denne brugers tokens.")
        parser.add_argument("--revoke", metavar="PREFIX", help="De første tegn (mindst 8) af det token, der skal tilbagekaldes.")

    @transaction.atomic
    def handle(self, *args, username, revoke, **options):
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
        if username:
            tokens = tokens.filter(user=find_user(username))
        if revoke:
            prefix = revoke.strip()[:8]
            if len(prefix) < 8:
                raise CommandError("--revoke skal have tokenets første 8 tegn (som listen viser dem).")
            found = list(tokens.filter(prefix=prefix))
            if not found:
                raise CommandError(f"Intet token begynder med {prefix!r}.")
            if len(found) > 1:
                raise CommandError(f"Flere tokens begynder med {prefix!r}; angiv brugernavnet også.")
            roles.revoke_token(None, found[0])
            self.stdout.write(f"Token {prefix}… for {found[0].user.username} er tilbagekaldt.")
            return
        for token in tokens:
            if token.revoked_at:
                state = f"tilbagekaldt {token.revoked_at:%Y-%m-%d}"
            elif not token.is_valid:
                state = "udløbet"
            else:
                state = "gyldigt"
            expires = f"{token.expires_at:%Y-%m-%d}" if token.expires_at else "-"
            used = f"{token.last_used_at:%Y-%m-%d}" if token.last_used_at else "aldrig"
            self.stdout.write(f"{token.prefix}…  {token.user.username:<20} {state:<24} udløber {expires}  brugt {used}  {token.name}")
        if not tokens.exists():
            self.stdout.write("Ingen API-tokens.")
