"""Giving and taking roles, and deactivating users: the one place pages and commands do it.

Each change is audited (`log.change`). Only manual assignments are given or taken here: a role from
payroll, a login group or a MED seat belongs to its source, which gives and takes it at the next
import or login (`RoleSource`).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rummelig.audit import log

from .models import ApiToken, Role, RoleAssignment, RoleSource

# Where each role is held: for the whole municipality or a unit, only for a unit, or never for a unit.
WHOLE_OR_UNIT = frozenset({Role.HR, Role.AUDITOR, Role.EMPLOYEE})
UNIT_REQUIRED = frozenset({Role.LEDER, Role.TR, Role.AMR, Role.MED, Role.EMPLOYMENT_SERVICE, Role.PROCUREMENT})
NO_UNIT = frozenset({Role.ADMINISTRATOR})

USER_FIELDS = ("username", "first_name", "last_name", "email", "is_active")


def user_fields(user):
    """What the audit log keeps of a user: never the password (hash)."""
    return {name: getattr(user, name) for name in USER_FIELDS}


def check_assignment(role, unit, valid_from, valid_until):
    """Raise a Danish ValidationError {field: message} unless the role may be held for unit in the period."""
    role = Role(role)
    errors = {}
    if role in UNIT_REQUIRED and unit is None:
        errors["unit"] = _("The role %(role)s is held for a unit: choose the unit.") % {"role": role.label}
    if role in NO_UNIT and unit is not None:
        errors["unit"] = _("The role %(role)s is not held for a unit: leave the unit empty.") % {"role": role.label}
    if valid_from and valid_until and valid_until < valid_from:
        errors["valid_until"] = _("'Valid until' is before 'valid from'.")
    if errors:
        raise ValidationError(errors)


@dataclass
class Granted:
    assignment: RoleAssignment
    created: bool


def grant(actor, user, role, unit=None, valid_from=None, valid_until=None):
    """Give user the role for unit (None = whole municipality) by hand, audited; an existing manual one gets the new period."""
    check_assignment(role, unit, valid_from, valid_until)
    assignment = RoleAssignment.objects.filter(user=user, role=role, unit=unit, source=RoleSource.MANUAL).first()
    created = assignment is None
    if created:
        assignment = RoleAssignment(user=user, role=role, unit=unit, source=RoleSource.MANUAL)
    with log.change(actor, assignment):
        assignment.valid_from, assignment.valid_until = valid_from, valid_until
        if created:
            assignment.granted_by = actor if actor is not None and actor.is_authenticated else None
        assignment.save()
    return Granted(assignment, created)


class NotManual(Exception):
    """A role from payroll, a login group or a MED seat is taken away by its source, not by hand."""


def revoke(actor, assignment):
    """Take away a manual role, audited; refuse one that another source gave."""
    if assignment.source != RoleSource.MANUAL:
        raise NotManual(assignment.get_source_display())
    with log.change(actor, assignment):
        assignment.delete()


def set_active(actor, user, active):
    """Deactivate or reactivate a user, audited. A deactivated user's sessions and API tokens stop at the next request."""
    with log.change(actor, user, fields=user_fields):
        user.is_active = active
        user.save(update_fields=["is_active"])


def revoke_token(actor, token):
    from django.utils import timezone

    with log.change(actor, token, fields=token_fields):
        token.revoked_at = token.revoked_at or timezone.now()
        token.save(update_fields=["revoked_at"])


def token_fields(token):
    """What the audit log keeps of an API token: never its hash."""
    return {"user": token.user.get_username(), "name": token.name, "prefix": token.prefix,
            "expires_at": token.expires_at.isoformat() if token.expires_at else None,
            "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None}


def issue_token(actor, user, name="", expires_at=None):
    """Issue an API token, audited (the key itself is never logged); return (token, key)."""
    token, key = ApiToken.issue(user, name=name, expires_at=expires_at)
    log.record(actor, "create", token, changes=log.diff({}, token_fields(token)))
    return token, key
