"""Print the demo logins as a small table; `make run` shows it before the server starts."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from rummelig.demo.data import DEMO_PASSWORD, DEMO_USERS, ROLE_NAMES

DEFAULT_URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = "Print the demo users with their role, unit and password, and the address to open."

    def add_arguments(self, parser):
        parser.add_argument("--url", default=DEFAULT_URL, help=f"The address to show (default {DEFAULT_URL}).")

    def handle(self, *args, url, **options):
        users = {
            u.username: u
            for u in get_user_model().objects.filter(username__in=[d.username for d in DEMO_USERS])
            .prefetch_related("role_assignments__unit")
        }
        if not users:
            self.stdout.write("Demo-kommunen er ikke indlæst. Indlæs den med: python manage.py seed_demo")
            return
        rows = [("Brugernavn", "Adgangskode", "Rolle", "Enhed", "Må")]
        for demo_user in DEMO_USERS:
            user = users.get(demo_user.username)
            if user is None:
                continue
            assignments = list(user.role_assignments.all())
            role = ", ".join(ROLE_NAMES.get(a.role, a.role) for a in assignments) or "(ingen rolle)"
            unit = ", ".join(a.unit.name if a.unit else "Hele kommunen" for a in assignments) or "–"
            rows.append((user.username, DEMO_PASSWORD, role, unit, demo_user.may))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        line = lambda row: "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()  # noqa: E731
        self.stdout.write("Demo-brugere (samme adgangskode for alle):")
        self.stdout.write("")
        self.stdout.write(line(rows[0]))
        self.stdout.write(line(["-" * w for w in widths]))
        for row in rows[1:]:
            self.stdout.write(line(row))
        self.stdout.write("")
        self.stdout.write(f"Åbn {url} og log ind med et af brugernavnene.")
