"""Take a role given by hand from a user (audited); roles from payroll, login groups or MED seats follow their source."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from rummelig.accounts import roles
from rummelig.accounts.models import RoleAssignment, RoleSource

from ._common import find_role, find_unit, find_user


class Command(BaseCommand):
    help = "Fjern en rolle, der er givet i hånden: revoke_role BRUGERNAVN ROLLE [--unit LØN-ID]."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role")
        parser.add_argument("--unit", help="Enhedens id i lønsystemet; udelades for rollen for hele kommunen.")

    @transaction.atomic
    def handle(self, *args, username, role, unit, **options):
        user, role = find_user(username), find_role(role)
        unit = find_unit(unit)
        held = RoleAssignment.objects.filter(user=user, role=role, unit=unit)
        manual = held.filter(source=RoleSource.MANUAL).first()
        where = unit.name if unit else "hele kommunen"
        if manual is None:
            other = held.exclude(source=RoleSource.MANUAL).first()
            if other is not None:
                raise CommandError(
                    f"{user.username} har rollen {role.value} for {where} fra {other.get_source_display().lower()}; "
                    "den fjernes dér (næste import, næste login, når MED-pladsen ophører), ikke i hånden.")
            raise CommandError(f"{user.username} har ikke rollen {role.value} for {where}.")
        roles.revoke(None, manual)
        self.stdout.write(f"{user.username} har ikke længere rollen {role.value} for {where}.")
