"""Seats give roles: the MED role for the committee's area, and the TR or AMR role for a TR or AMR seat.

`sync_roles(user)` rebuilds the user's MED_SEAT role assignments from all their seats: one per role
and unit, valid from the earliest term's start to the latest term's end (open when a term is open).
Assignments from other sources (given by hand, from payroll, from a login group) are never touched.
"""

from rummelig.accounts.models import Role, RoleAssignment, RoleSource

SEAT_ROLES = {"tr": Role.TR, "amr": Role.AMR}


def wanted_roles(user):
    """Return {(role, unit id): (valid_from, valid_until)} that the user's seats give."""
    wanted = {}
    for seat in user.med_memberships.select_related("committee").prefetch_related("committee__units"):
        roles = [Role.MED] + ([SEAT_ROLES[seat.seat]] if seat.seat in SEAT_ROLES else [])
        for unit in seat.committee.units.all():
            for role in roles:
                key = (role, unit.pk)
                if key in wanted:
                    start, end = wanted[key]
                    start = min(start, seat.term_from)
                    end = None if end is None or seat.term_until is None else max(end, seat.term_until)
                    wanted[key] = (start, end)
                else:
                    wanted[key] = (seat.term_from, seat.term_until)
    return wanted


def sync_roles(user):
    """Make the user's MED_SEAT role assignments match their seats; return (added, removed) counts."""
    wanted = wanted_roles(user)
    existing = {(a.role, a.unit_id): a for a in RoleAssignment.objects.filter(user=user, source=RoleSource.MED_SEAT)}
    removed = [a.pk for key, a in existing.items() if key not in wanted]
    RoleAssignment.objects.filter(pk__in=removed).delete()
    added = 0
    for (role, unit_id), (start, end) in wanted.items():
        assignment = existing.get((role, unit_id))
        if assignment is None:
            RoleAssignment.objects.create(user=user, role=role, unit_id=unit_id, source=RoleSource.MED_SEAT,
                                          valid_from=start, valid_until=end)
            added += 1
        elif (assignment.valid_from, assignment.valid_until) != (start, end):
            assignment.valid_from, assignment.valid_until = start, end
            assignment.save(update_fields=["valid_from", "valid_until"])
    return added, len(removed)
