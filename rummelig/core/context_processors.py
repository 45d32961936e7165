"""Navigation for the layout: only the menu items the user's roles give access to."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from rummelig.accounts.access import access_for

# (url name, label, who sees it)
MENU = [
    ("start", _("Front page"), lambda a: True),
    ("placements:list", _("Placements"), lambda a: a.sees_individuals),
    ("people:list", _("People"), lambda a: a.sees_individuals),
    ("organisation:list", _("Units"), lambda a: a.sees_units),
    ("alerts:list", _("Alerts"), lambda a: a.sees_individuals),
    ("alerts:tasks", _("My tasks"), lambda a: a.gives_statements),
    ("retention:list", _("Retention"), lambda a: a.handles_retention),
    ("reports:dashboard", _("Reports"), lambda a: a.sees_aggregates),
    ("procurement:list", _("Procurement"), lambda a: a.sees_procurement),
    ("onboarding:positions", _("Positions"), lambda a: a.sees_positions),
    # HR, auditors and leder see the placements anyway. Seats and mentorships are read with the roles (no query here).
    ("onboarding:mentees", _("My mentees"), lambda a: not a.sees_health_anywhere and a.is_mentor),
    ("onboarding:framework", _("MED framework"), lambda a: a.sees_framework),
    ("med:list", _("MED"), lambda a: a.sees_committees),
    ("schemes:law", _("The law"), lambda a: a.reads_the_law),
    ("policy:guidelines", _("Personnel policy"), lambda a: a.reads_guidelines),
    ("policy:my_page", _("My page"), lambda a: a.is_employee),
    ("imports:list", _("Imports"), lambda a: a.is_hr),
    ("audit:list", _("Audit log"), lambda a: a.may_read_audit_log),
    ("accounts:list", _("Users"), lambda a: a.may_manage_users),
    ("own_records", _("My records"), lambda a: a.sees_own_records),
    ("login:groups", _("Login groups"), lambda a: a.manages_login_groups),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    access = access_for(user)
    items = []
    for name, label, allowed in MENU:
        if not allowed(access):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "current": False})
    # The item whose address is the longest start of the page's address is the current one
    # ("Mine opgaver" under /varsler/opgaver/, not "Varsler" too).
    matches = [item for item in items if request.path == item["url"] or (item["url"] != "/" and request.path.startswith(item["url"]))]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["current"] = True
    return {"nav_items": items, "nav_roles": access.role_labels(), "access": access}
