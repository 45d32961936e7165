"""Linking a login to the employee's own records (Person.user).

At every login (`user_logged_in`, so the municipality's OIDC login too) an unlinked user is linked to
the one person whose key matches, by the setting RUMMELIG_EMPLOYEE_LINK:

- "account_name": Person.account_name equals the user name, ignoring case (payroll's user id);
- "email": Person.email equals the user's e-mail, ignoring case;
- "none": never automatically; HR links by hand on the person page.

Nothing is linked when no person or more than one matches, or when the person is already linked to
another login. Linking gives the login the role *medarbejder* for the whole municipality (source
MANUAL, audited) unless it has it, which opens the page "Mine oplysninger" (`Access.sees_own_records`).
The role stays when HR unlinks (the page then says the login is not linked); HR takes it away on the
user page like any manual role. A role rather than "linked = employee" keeps one vocabulary of rights
(shown on the user page, in the header, in Access) and costs no query on every page.
"""

from django.conf import settings
from django.db import transaction

from rummelig.audit import log
from rummelig.people.models import Person

from . import roles
from .models import Role, RoleAssignment

KEYS = ("account_name", "email", "none")


def candidate(user):
    """Return the one unlinked person matching the user by the configured key, or None."""
    key = settings.RUMMELIG_EMPLOYEE_LINK
    if key == "account_name":
        value, field = user.get_username(), "account_name__iexact"
    elif key == "email":
        value, field = user.email, "email__iexact"
    else:
        return None
    if not value or not value.strip():
        return None
    matches = list(Person.objects.filter(**{field: value.strip()})[:2])
    if len(matches) != 1 or matches[0].user_id is not None:
        return None
    return matches[0]


def link(actor, person, user):
    """Link person to user (audited as a change of the person) and give the medarbejder role if the user lacks it."""
    with log.change(actor, person, fields=_link_fields):
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    if not RoleAssignment.objects.filter(user=user, role=Role.EMPLOYEE).exists():
        roles.grant(actor if actor is not user else None, user, Role.EMPLOYEE)


def unlink(actor, person):
    with log.change(actor, person, fields=_link_fields):
        person.user = None
        person.save(update_fields=["user", "updated_at"])


def _link_fields(person):
    return {"user": person.user.get_username() if person.user_id else None}


def link_at_login(sender, request, user, **kwargs):
    """Receiver of user_logged_in: link an unlinked user to their person, if exactly one matches."""
    if Person.objects.filter(user=user).exists():
        return
    with transaction.atomic():
        person = candidate(user)
        if person is not None:
            link(user, person, user)
