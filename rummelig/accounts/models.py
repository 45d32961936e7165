"""Roles in the organisation and API tokens.

A user's rights come only from role assignments: a role (HR, leder, TR, MED member, auditor, …)
held for a unit, which covers the unit and its sub-units. HR and auditors may hold their role for
the whole municipality (no unit).
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HR = "hr", _("HR consultant")
    LEDER = "leder", _("Manager (leder)")
    TR = "tr", _("Employee representative (TR)")
    AMR = "amr", _("Working-environment representative (AMR)")
    MED = "med", _("MED committee member")
    AUDITOR = "auditor", _("Auditor")
    PROCUREMENT = "indkoeb", _("Procurement")
    EMPLOYMENT_SERVICE = "beskaeftigelse", _("Employment service (jobcenter)")
    ADMINISTRATOR = "administrator", _("Administrator (IT)")
    EMPLOYEE = "medarbejder", _("Employee")


class RoleSource(models.TextChoices):
    """Where an assignment comes from: only the source that made it may take it away again.

    An import never removes a manual assignment; a login never removes a payroll one; a MED seat's
    role ends with the seat.
    """

    MANUAL = "manual", _("Given by hand")
    PAYROLL = "payroll", _("From payroll (manager)")
    IDENTITY_PROVIDER = "idp", _("From a login group")
    MED_SEAT = "med", _("From a MED committee seat")


class RoleAssignment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        help_text=_("Empty means the whole municipality (only for HR and auditors)."),
    )
    source = models.CharField(_("source"), max_length=10, choices=RoleSource.choices, default=RoleSource.MANUAL)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty means until further notice (a TR's term ends).")
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("granted by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit", "source"], name="role_assignment_unique"),
        ]

    @classmethod
    def current(cls, day=None):
        """Assignments in force on day (today): a role with a validity period counts only inside it."""
        day = day or timezone.localdate()
        return cls.objects.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day),
        )

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.unit or _('whole municipality')}"


TOKEN_LIFETIME_DAYS = 365


def hash_token(key):
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the REST API; only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.user} {self.prefix}…"

    @classmethod
    def issue(cls, user, name="", expires_at=None):
        """Create a token and return (token, key); the key is shown once and never stored.

        A token expires after TOKEN_LIFETIME_DAYS (a year) unless another expiry is given.
        """
        key = secrets.token_urlsafe(32)
        if expires_at is None:
            expires_at = timezone.now() + timedelta(days=TOKEN_LIFETIME_DAYS)
        token = cls.objects.create(
            user=user, name=name, prefix=key[:8], key_hash=hash_token(key), expires_at=expires_at
        )
        return token, key

    @property
    def is_valid(self):
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())

    @classmethod
    def authenticate(cls, key):
        """Return the active user owning key, or None (unknown, revoked or expired token; inactive user)."""
        token = cls.objects.select_related("user").filter(key_hash=hash_token(key)).first()
        if token is None or not token.is_valid or not token.user.is_active:
            return None
        cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user
