"""Give a user a role by hand, for the whole municipality or a unit, optionally for a period (audited)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from rummelig.accounts import roles

from ._common import find_role, find_unit, find_user, parse_date


class Command(BaseCommand):
    help = "Giv en bruger en rolle: grant_role BRUGERNAVN ROLLE [--unit LØN-ID] [--from DATO] [--until DATO]."

    def add_arguments(self, parser):
        parser.add_argument("username", help="Brugernavnet.")
        parser.add_argument("role", help="Rollen: hr, leder, tr, amr, med, auditor, indkoeb, beskaeftigelse, administrator, medarbejder.")
        parser.add_argument("--unit", help="Enhedens id i lønsystemet; udelades for hele kommunen (kun hr, auditor, medarbejder).")
        parser.add_argument("--from", dest="valid_from", help="Gælder fra (ÅÅÅÅ-MM-DD).")
        parser.add_argument("--until", dest="valid_until", help="Gælder til og med (ÅÅÅÅ-MM-DD), f.eks. slutningen af en TR's periode.")

    @transaction.atomic
    def handle(self, *args, username, role, unit, valid_from, valid_until, **options):
        user, role = find_user(username), find_role(role)
        unit = find_unit(unit)
        valid_from, valid_until = parse_date(valid_from, "--from"), parse_date(valid_until, "--until")
        try:
            granted = roles.grant(None, user, role, unit, valid_from, valid_until)
        except ValidationError as error:
            raise CommandError(" ".join(m for ms in error.message_dict.values() for m in ms)) from None
        where = unit.name if unit else "hele kommunen"
        verb = "har nu" if granted.created else "havde allerede (perioden er opdateret)"
        self.stdout.write(f"{user.username} {verb} rollen {role.value} for {where}.")
