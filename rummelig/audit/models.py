"""The audit log: every write with before/after, every read of a person and every export.

Entries are append-only: the model refuses to be changed or deleted, and no page, form or API
operation edits them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntryQuerySet(models.QuerySet):
    """Refuse bulk changes too: an update() or delete() on a query would bypass the model's guard."""

    def update(self, **kwargs):
        raise PermissionError("Audit entries cannot be changed.")

    def delete(self):
        raise PermissionError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        VIEW = "view", _("Viewed")
        EXPORT = "export", _("Exported")
        REVEAL_CPR = "reveal_cpr", _("Revealed CPR number")
        IMPORT = "import", _("Imported")
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Login refused")
        LOGOUT = "logout", _("Logged out")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(_("user"), max_length=150)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("type"), max_length=50, db_index=True)
    object_id = models.CharField(_("id"), max_length=50, blank=True, db_index=True)
    object_repr = models.CharField(_("record"), max_length=200, blank=True)
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)
    detail = models.TextField(_("detail"), blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries cannot be deleted.")
