"""Plan the *leder* roles payroll gives: each manager of a unit holds the leder role for that unit.

After the employments are planned, the payroll employments as they will stand (the register's,
with this import's changes) say who manages which unit. A manager's employment that has not ended
(it may start later) gives its person's login the role (source PAYROLL) for the employment's
unit, valid from the employment's start until its end. Every other PAYROLL leder assignment is
removed: a manager who left, moved to another unit or is no longer a manager loses it. A role
given by hand (MANUAL) or by a login group is never touched.

The login is found by the user name: the person's linked user (Person.user) if HR linked one,
else the user whose username is the person's user name in payroll (Person.account_name, compared
without case). If payroll gives a user name no user has yet, the user is created (no password,
active), so the leder has the role the first time they log in through the identity provider. A
manager without any user name in payroll gets no role; one notice lists them.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rummelig.accounts.models import Role, RoleAssignment, RoleSource
from rummelig.organisation.models import Unit

from ..bulk import New
from .register import EMPLOYMENT_FIELDS, Register
from .result import FieldChange, Plan

NAMES_IN_NOTICE = 10


@dataclass
class Wanted:
    """One payroll leder role as payroll says it should be."""

    user: int | str  # a user's pk, or the (lower-case) user name of a user the import creates
    username: str
    unit: Unit
    valid_from: date | None
    valid_until: date | None
    person_name: str


def plan_roles(plan: Plan, register: Register, account_updates: dict[int, str]) -> None:
    """Add to the plan the payroll leder roles to give, change and take away."""
    today = timezone.localtime(plan.now).date()
    users = {pk: username for pk, username in get_user_model().objects.values_list("pk", "username")}
    users_by_name = {username.casefold(): pk for pk, username in users.items()}
    wanted: dict[tuple, Wanted] = {}
    without_login: list[str] = []
    for person, unit, start, end in _managers(plan, register):
        if end is not None and end < today:
            continue
        user, username, name = _login(person, register, account_updates, users, users_by_name)
        if user is None:
            without_login.append(f"{name} ({unit.name})")
            continue
        key = (user, id(unit))
        known = wanted.get(key)
        if known is None:
            wanted[key] = Wanted(user, username, unit, start, end, name)
        else:  # two manager employments in the same unit: the role spans both
            known.valid_from = min(known.valid_from or start, start)
            known.valid_until = None if known.valid_until is None or end is None else max(known.valid_until, end)
    names = {user: register.person_name(pk) for pk, user in register.logins.items()}
    for pk, account in register.accounts.items():
        if account.casefold() in users_by_name:
            names.setdefault(users_by_name[account.casefold()], register.person_name(pk))
    _compare(plan, register, wanted, users, names)
    if without_login:
        shown = ", ".join(without_login[:NAMES_IN_NOTICE])
        more = len(without_login) - NAMES_IN_NOTICE
        message = ngettext(
            "%(count)s manager from payroll has no user name in payroll (and no login linked by HR), so they "
            "were not given the leder role: %(names)s%(more)s. Give them the role by hand, or have payroll "
            "record their user name.",
            "%(count)s managers from payroll have no user name in payroll (and no login linked by HR), so they "
            "were not given the leder role: %(names)s%(more)s. Give them the role by hand, or have payroll "
            "record their user name.",
            len(without_login),
        )
        more_text = _(" and %(count)s more") % {"count": more} if more > 0 else ""
        plan.notice("", message % {"count": len(without_login), "names": shown, "more": more_text})


def _managers(plan: Plan, register: Register):
    """Yield (person, unit, start, end) of every payroll employment that is a manager's after this import."""
    removed = set(plan.removed_employment_ids)
    updates: dict[int, dict] = {}
    for pk, values in plan.updated_employments:
        updates.setdefault(pk, {}).update(values)
    for existing in register.employments.values():
        update = updates.get(existing.pk)
        if existing.pk in removed or (update is None and not existing.is_manager):
            continue
        values = dict(zip(EMPLOYMENT_FIELDS, existing[1:], strict=True))
        values.update(update or {})
        if values["is_manager"]:
            yield values["person_id"], _unit(values["unit_id"], register), values["start"], values["end"]
    for row in plan.new_employments:
        if row["is_manager"]:
            yield row["person_id"], _unit(row["unit_id"], register), row["start"], row["end"]


def _unit(value, register: Register) -> Unit:
    return value if isinstance(value, Unit) else register.all_units[value]


def _login(person, register: Register, account_updates: dict[int, str], users: dict, users_by_name: dict):
    """Return (user pk or new user name, username, person's name) for a person, or (None, "", name)."""
    if isinstance(person, New):
        account, linked = person.values.get("account_name", ""), None
        name = f"{person['first_name']} {person['last_name']}".strip()
    else:
        account = account_updates.get(person, register.accounts.get(person, ""))
        linked = register.logins.get(person)
        name = register.person_name(person)
    if linked is not None:
        return linked, users[linked], name
    if not account:
        return None, "", name
    pk = users_by_name.get(account.casefold())
    if pk is not None:
        return pk, users[pk], name
    return account.casefold(), account, name


def _compare(plan: Plan, register: Register, wanted: dict[tuple, Wanted], users: dict[int, str], names: dict) -> None:
    existing = {
        (user_id, unit_id): (pk, valid_from, valid_until)
        for pk, user_id, unit_id, valid_from, valid_until in RoleAssignment.objects.filter(
            role=Role.LEDER, source=RoleSource.PAYROLL
        ).values_list("pk", "user_id", "unit_id", "valid_from", "valid_until")
    }
    kept = set()
    new_users = set()
    for role in wanted.values():
        key = (role.user, role.unit.pk) if role.unit.pk is not None and isinstance(role.user, int) else None
        found = existing.get(key) if key is not None else None
        if found is None:
            if isinstance(role.user, str) and role.user not in new_users:
                new_users.add(role.user)
                plan.new_users.append(role.username)
            plan.new_roles.append(role)
            plan.counts["roles_added"] += 1
            plan.change("role", "added", role.username, role.person_name, [
                FieldChange("unit", None, role.unit.name),
                FieldChange("valid_from", None, role.valid_from),
                FieldChange("valid_until", None, role.valid_until),
            ])  # fmt: skip
            continue
        kept.add(key)
        pk, valid_from, valid_until = found
        if (valid_from, valid_until) != (role.valid_from, role.valid_until):
            plan.updated_roles.append((pk, {"valid_from": role.valid_from, "valid_until": role.valid_until}))
            plan.counts["roles_updated"] += 1
            diffs = [FieldChange("unit", role.unit.name, role.unit.name)]
            if valid_from != role.valid_from:
                diffs.append(FieldChange("valid_from", valid_from, role.valid_from))
            if valid_until != role.valid_until:
                diffs.append(FieldChange("valid_until", valid_until, role.valid_until))
            plan.change("role", "updated", role.username, role.person_name, diffs)
    for key, (pk, _from, _until) in existing.items():
        if key in kept:
            continue
        user_id, unit_id = key
        plan.removed_role_ids.append(pk)
        plan.counts["roles_removed"] += 1
        plan.change("role", "removed", users.get(user_id, ""), names.get(user_id, ""),
                    [FieldChange("unit", register.unit_name(unit_id), None)])  # fmt: skip
