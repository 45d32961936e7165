"""List, add and remove the identity provider's groups that give a role at login.

    python manage.py group_roles list
    python manage.py group_roles add RUM-HR hr
    python manage.py group_roles add RUM-LEDER-W11 leder --unit W11
    python manage.py group_roles remove RUM-HR hr

A unit is named by its payroll id. Every change is audited (as "system"); removing a group takes the
role away at once from the users who had it only from that group.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from rummelig.accounts.models import Role
from rummelig.audit import log
from rummelig.organisation.models import Unit

from ...models import GroupRoleMapping
from ...views import remove_mapping


class Command(BaseCommand):
    help = "List, add or remove the identity provider's groups that give a role at login."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("list", help="Show the groups and the roles they give.")
        for name, text in (("add", "Let a group give a role."), ("remove", "Stop a group giving a role.")):
            action = actions.add_parser(name, help=text)
            action.add_argument("group", help="The group's name or id as the identity provider sends it.")
            action.add_argument("role", help=f"One of: {', '.join(Role.values)}.")
            action.add_argument("--unit", help="The unit's payroll id (empty: the whole municipality).")

    def handle(self, *args, action, **options):
        if action == "list":
            return self.list()
        role = options["role"]
        if role not in Role.values:
            raise CommandError(f"Ukendt rolle {role!r}; brug en af: {', '.join(Role.values)}.")
        unit = self.unit(options.get("unit"))
        with transaction.atomic():
            if action == "add":
                self.add(options["group"], role, unit)
            else:
                self.remove(options["group"], role, unit)

    def list(self):
        for mapping in GroupRoleMapping.objects.select_related("unit").order_by("group", "role"):
            unit = f"{mapping.unit.name} ({mapping.unit.payroll_id})" if mapping.unit else "hele kommunen"
            self.stdout.write(f"{mapping.group}\t{mapping.role}\t{unit}")

    def unit(self, payroll_id):
        if not payroll_id:
            return None
        units = list(Unit.objects.filter(payroll_id=payroll_id)[:2])
        if len(units) != 1:
            raise CommandError(f"Ingen enhed har lønsystemets id {payroll_id!r}." if not units
                               else f"Flere enheder har lønsystemets id {payroll_id!r}.")
        return units[0]

    def add(self, group, role, unit):
        mapping = GroupRoleMapping(group=group, role=role, unit=unit)
        try:
            mapping.full_clean()
        except ValidationError as exc:
            raise CommandError(" ".join(str(m) for m in exc.messages)) from exc
        with log.change(None, mapping):
            mapping.save()
        self.stdout.write(f"Gruppen {mapping.group} giver nu rollen {role} ({unit.name if unit else 'hele kommunen'}).")

    def remove(self, group, role, unit):
        mapping = GroupRoleMapping.objects.filter(group__iexact=group.strip(), role=role, unit=unit).first()
        if mapping is None:
            raise CommandError(f"Gruppen {group!r} giver ikke rollen {role} for {unit.name if unit else 'hele kommunen'}.")
        count = remove_mapping(None, mapping)
        self.stdout.write(f"Gruppen {mapping.group} giver ikke længere rollen {role}; {count} brugere mistede den.")
