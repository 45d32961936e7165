"""Which of the identity provider's groups give which role: group `RUM-HR` → HR for the whole municipality.

A user's roles from groups (RoleSource.IDENTITY_PROVIDER) are set anew at every login through the
municipality's login (`rummelig.login.groups.refresh_roles`); manual and payroll roles are left alone.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from rummelig.accounts.models import Role

# Roles that only mean something for a unit: a group must name the unit.
ROLES_FOR_A_UNIT = {Role.LEDER, Role.TR, Role.AMR, Role.MED}


def normalised_group(name):
    """A group as compared: Keycloak may send "/RUM-HR" (its full path), Entra ID a GUID in any case."""
    return (name or "").strip().lstrip("/").casefold()


class GroupRoleMapping(models.Model):
    group = models.CharField(
        _("group"), max_length=200,
        help_text=_("The group's name or id as the identity provider sends it in the groups claim (Entra ID: the group's object id)."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "organisation.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="group_role_mappings", help_text=_("Empty means the whole municipality."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("login group's role")
        verbose_name_plural = _("login groups' roles")
        ordering = ["group", "role"]
        constraints = [
            models.UniqueConstraint(fields=["group", "role", "unit"], condition=models.Q(unit__isnull=False),
                                    name="group_role_mapping_unique_for_unit"),
            models.UniqueConstraint(fields=["group", "role"], condition=models.Q(unit__isnull=True),
                                    name="group_role_mapping_unique_for_municipality"),
        ]

    def __str__(self):
        return f"{self.group} → {self.get_role_display()} – {self.unit or _('whole municipality')}"

    def clean(self):
        self.group = (self.group or "").strip()
        if self.role in ROLES_FOR_A_UNIT and self.unit_id is None:
            raise ValidationError({"unit": _("The role %(role)s is held for a unit: choose the unit.")
                                   % {"role": self.get_role_display()}})
        same = GroupRoleMapping.objects.filter(group__iexact=self.group, role=self.role, unit=self.unit).exclude(pk=self.pk)
        if self.group and same.exists():
            raise ValidationError(_("The group %(group)s already gives this role for this unit.") % {"group": self.group})
