"""Roles from the identity provider's groups, set anew at every login through the municipality's login."""

from rummelig.accounts.models import RoleAssignment, RoleSource
from rummelig.audit import log

from .models import GroupRoleMapping, normalised_group


def groups_in(claims, claim_name):
    """The user's groups from the claims: a list, a single name, or none at all."""
    value = claims.get(claim_name)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [str(group) for group in value if group is not None]
    return []


def roles_for_groups(groups):
    """{(role, unit id): mapping} the groups give, through the GroupRoleMapping table."""
    names = {normalised_group(group) for group in groups}
    return {
        (mapping.role, mapping.unit_id): mapping
        for mapping in GroupRoleMapping.objects.select_related("unit").order_by("pk")
        if normalised_group(mapping.group) in names
    }


def refresh_roles(user, groups):
    """Give the user the roles their groups give now and take away those their groups no longer give.

    Only assignments whose source is the identity provider are touched: roles given by hand, from
    payroll or from a MED seat stay. Each assignment added or removed is audited, with the user as actor.
    Returns (added, removed) as lists of RoleAssignment.
    """
    wanted = roles_for_groups(groups)
    held = {(a.role, a.unit_id): a for a in RoleAssignment.objects.filter(user=user, source=RoleSource.IDENTITY_PROVIDER)}
    added, removed = [], []
    for key in sorted(set(wanted) - set(held), key=str):
        role, unit_id = key
        assignment = RoleAssignment(user=user, role=role, unit_id=unit_id, source=RoleSource.IDENTITY_PROVIDER)
        with log.change(user, assignment):
            assignment.save()
        added.append(assignment)
    for key in sorted(set(held) - set(wanted), key=str):
        assignment = held[key]
        with log.change(user, assignment):
            assignment.delete()
        removed.append(assignment)
    return added, removed
