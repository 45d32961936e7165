"""The first HR user of an empty installation: a local login with the HR role for the whole municipality."""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from rummelig.accounts import roles
from rummelig.accounts.models import Role, RoleAssignment
from rummelig.audit import log

PASSWORD_ENV = "RUMMELIG_ADMIN_PASSWORD"


class Command(BaseCommand):
    help = (
        "Opret den første HR-bruger på en tom installation (HR for hele kommunen, lokal adgangskode). "
        f"Adgangskoden tages fra --password, miljøvariablen {PASSWORD_ENV} eller spørges om. "
        "Afviser, når der allerede er en aktiv HR-bruger."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="hr-admin", help="Brugernavnet (standard hr-admin).")
        parser.add_argument("--email", default="", help="E-mailadressen.")
        parser.add_argument("--first-name", default="", help="Fornavn.")
        parser.add_argument("--last-name", default="", help="Efternavn.")
        parser.add_argument("--password", help=f"Adgangskoden (hellere {PASSWORD_ENV}: en kommandolinje kan ses af andre).")

    @transaction.atomic
    def handle(self, *args, username, email, first_name, last_name, password, **options):
        User = get_user_model()
        if RoleAssignment.objects.filter(role=Role.HR, user__is_active=True).exists():
            raise CommandError("Der er allerede en HR-bruger. Giv flere brugere roller på siden Brugere eller med grant_role.")
        username = username.strip()
        if not username:
            raise CommandError("--username må ikke være tomt.")
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"Brugernavnet {username!r} er optaget; vælg et andet med --username, "
                               f"eller giv den bruger rollen: grant_role {username} hr.")
        password = password or os.environ.get(PASSWORD_ENV) or self._ask()
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Adgangskoden kan ikke bruges: " + " ".join(error.messages)) from None
        user.set_password(password)
        with log.change(None, user, fields=roles.user_fields):
            user.save()
        roles.grant(None, user, Role.HR)
        self.stdout.write(f"HR-brugeren {username} er oprettet (HR for hele kommunen). Log ind på /log-ind/.")

    def _ask(self):
        if not os.isatty(0):
            raise CommandError(f"Angiv adgangskoden med --password eller miljøvariablen {PASSWORD_ENV}.")
        first = getpass.getpass("Adgangskode: ")
        if first != getpass.getpass("Adgangskode igen: "):
            raise CommandError("De to adgangskoder er ikke ens.")
        return first
