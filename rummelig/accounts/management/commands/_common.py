"""What the user and role commands share: finding a user, a role, a unit and a date, with Danish messages."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from rummelig.accounts.models import Role
from rummelig.organisation.models import Unit


def find_user(username):
    User = get_user_model()
    user = User.objects.filter(username__iexact=username).first()
    if user is None:
        raise CommandError(f"Der findes ingen bruger med brugernavnet {username!r}. Opret brugeren først, eller tjek stavningen.")
    return user


def find_role(value):
    try:
        return Role(value.strip().lower())
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise CommandError(f"Ukendt rolle {value!r}. Brug en af: {known}.") from None


def find_unit(payroll_id):
    if payroll_id is None:
        return None
    unit = Unit.objects.filter(payroll_id=payroll_id.strip()).first()
    if unit is None:
        raise CommandError(f"Der findes ingen enhed med lønsystemets id {payroll_id!r} (--unit). Tjek id'et på enhedens side.")
    return unit


def parse_date(value, option):
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(f"{option} skal være en dato som 2026-12-31, ikke {value!r}.") from None
