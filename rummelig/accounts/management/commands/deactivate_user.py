"""Deactivate (or with --reactivate, reactivate) a user: logged out at the next request, API tokens refused."""

from django.core.management.base import BaseCommand
from django.db import transaction

from rummelig.accounts import roles

from ._common import find_user


class Command(BaseCommand):
    help = "Deaktivér en bruger (næste forespørgsel afvises, også API-tokens); --reactivate genaktiverer."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reactivate", action="store_true", help="Genaktivér brugeren i stedet.")

    @transaction.atomic
    def handle(self, *args, username, reactivate, **options):
        user = find_user(username)
        roles.set_active(None, user, reactivate)
        state = "aktiv igen" if reactivate else "deaktiveret"
        self.stdout.write(f"{user.username} er {state}.")
