"""Who is responsible for a placement's alerts, from the role assignments (loaded once).

- The leder of the unit chain: the leaders of the nearest unit, from the workplace upwards, that
  has any; for a workplace without a leder anywhere above it, HR (the HR consultants whose role
  covers the workplace).
- The employee representatives of the workplace: TR roles held for the workplace or a unit above
  it (a TR role covers its sub-units, as everywhere in Rummelig).

Only active users with an e-mail address can be reached; the rest are reported by the command.
"""

from collections import defaultdict

from rummelig.accounts.models import Role, RoleAssignment


def _prefixes(path):
    """Return the paths of a unit and the units above it, nearest first ("/1/4/9/" → "/1/4/9/", "/1/4/", "/1/")."""
    parts = [part for part in path.strip("/").split("/") if part]
    return ["/" + "/".join(parts[:i]) + "/" for i in range(len(parts), 0, -1)]


class Recipients:
    def __init__(self):
        self.by_role = {Role.LEDER: defaultdict(list), Role.HR: defaultdict(list), Role.TR: defaultdict(list)}
        assignments = RoleAssignment.objects.filter(role__in=list(self.by_role), user__is_active=True).select_related("user", "unit")
        for assignment in assignments.order_by("user__username"):
            path = assignment.unit.path if assignment.unit_id else None
            self.by_role[assignment.role][path].append(assignment.user)

    def _holders(self, role, path, *, nearest):
        """Return the holders of role at path or above it: at the nearest level only, or all levels."""
        found = []
        for prefix in _prefixes(path):
            users = self.by_role[role].get(prefix, [])
            if users and nearest:
                return list(users)
            found.extend(users)
        found.extend(self.by_role[role].get(None, []))
        return _unique(found)

    def managers_for(self, workplace):
        """Return the leaders responsible for the workplace, else the HR consultants covering it."""
        leaders = self._holders(Role.LEDER, workplace.path, nearest=True)
        return leaders or self._holders(Role.HR, workplace.path, nearest=False)

    def representatives_for(self, workplace):
        """Return the employee representatives holding a TR role for the workplace or a unit above it."""
        return self._holders(Role.TR, workplace.path, nearest=False)


def representatives_of(workplace):
    """Return the active users holding a TR role for the workplace or a unit above it, nearest first.

    What the placement and workplace pages show as "the TR covering the workplace", and who HR's
    reminder goes to.
    """
    prefixes = _prefixes(workplace.path)
    assignments = (
        RoleAssignment.objects.filter(role=Role.TR, user__is_active=True, unit__path__in=prefixes)
        .select_related("user", "unit")
    )
    ordered = sorted(assignments, key=lambda a: (prefixes.index(a.unit.path), a.user.get_full_name(), a.user.username))
    return _unique([a.user for a in ordered])


def _unique(users):
    seen, result = set(), []
    for user in users:
        if user.pk not in seen:
            seen.add(user.pk)
            result.append(user)
    return result
