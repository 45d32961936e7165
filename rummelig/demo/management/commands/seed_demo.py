"""Load the demo municipality: `python manage.py seed_demo --employees 5000 --seed 1 --if-empty`."""

from argparse import ArgumentTypeError
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db.models import ProtectedError

from rummelig.demo.data import DEMO_PASSWORD, KOMMUNE
from rummelig.demo.seed import demo_data_exists, flush_demo, seed_demo
from rummelig.schemes.models import Scheme

MIN_EMPLOYEES = 100


def iso_date(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(f"skal være en dato som 2026-03-01, ikke {text!r}") from None


def number(n):
    """Format an integer the Danish way: 50.000."""
    return f"{n:,}".replace(",", ".")


class Command(BaseCommand):
    help = (
        "Build a made-up Danish municipality with staff, three years of placements on special terms "
        "and a login for every role (password: demo). Deterministic for a seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=5000, help="Ordinary staff today (default 5000).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed; the same seed gives the same data.")
        parser.add_argument("--years", type=int, default=3, help="Years of placement history (default 3).")
        parser.add_argument("--today", type=iso_date, default=None, help="Build as if today were YYYY-MM-DD.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the database already has units.")
        parser.add_argument(
            "--flush", action="store_true", help="Delete units, people, placements, what hangs on them and the demo users first.",
        )

    def handle(self, *args, employees, seed, years, today, if_empty, flush, **options):
        if employees < MIN_EMPLOYEES:
            raise CommandError(f"--employees skal være mindst {MIN_EMPLOYEES}.")
        if not 1 <= years <= 30:
            raise CommandError("--years skal være mellem 1 og 30.")
        if not Scheme.objects.exists():
            raise CommandError("Der er ingen ordninger i databasen. Kør først: python manage.py migrate")
        if if_empty and not flush and demo_data_exists():
            self.stdout.write("Demo-kommunen er allerede indlæst; intet er ændret.")
            return
        if demo_data_exists():
            if not flush:
                raise CommandError(
                    "Databasen indeholder allerede enheder, personer, ansættelser eller demo-brugere. "
                    "Brug --flush for at slette dem og bygge demo-kommunen forfra, eller --if-empty for at lade dem være."
                )
            try:
                flush_demo()
            except ProtectedError as exc:
                blocking = {obj._meta.verbose_name_plural for obj in exc.protected_objects}
                raise CommandError(
                    f"Data kan ikke slettes, fordi andre poster henviser til dem: {', '.join(sorted(map(str, blocking)))}."
                ) from exc
            self.stdout.write("Eksisterende enheder, personer, ansættelser, det der hører til dem, og demo-brugerne er slettet.")
        summary = seed_demo(employees, seed=seed, years=years, today=today)
        self.print_summary(summary, seed)

    def print_summary(self, s, seed):
        out = self.stdout.write
        seconds = f"{s.seconds:.1f}".replace(".", ",")
        out(f"{KOMMUNE} er bygget på {seconds} sekunder (seed {seed}, dato {s.today:%d.%m.%Y}).")
        out(f"  Enheder: 1 kommune, {s.centres} centre, {number(s.workplaces)} arbejdspladser "
            f"(og {s.closed_workplaces} nedlagte).")
        out(f"  Personer: {number(s.persons)}; ordinært ansatte i dag: {number(s.staff_today)} "
            f"(heraf {number(s.hires)} ansat efter en ordning); fratrådte: {number(s.former_staff)}.")
        out(f"  Ansættelser på særlige vilkår: {number(s.placements)} i alt, {number(s.active_placements)} aktive i dag.")
        width = max(len(c.name) for c in s.schemes)
        out(f"    {'Ordning':<{width}}  {'I alt':>7}  {'Aktive':>7}  {'Andel af ansatte':>16}")
        for c in s.schemes:
            share = f"{100 * c.active / s.staff_today:.1f} %".replace(".", ",") if s.staff_today else "–"
            out(f"    {c.name:<{width}}  {number(c.total):>7}  {number(c.active):>7}  {share:>16}")
        out(f"  Brugere: {s.users} med adgangskoden «{DEMO_PASSWORD}». Se dem med: python manage.py demo_logins")
