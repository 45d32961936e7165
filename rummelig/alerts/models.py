"""The employee representative's statement and the record of reminders already e-mailed.

A statement (udtalelse/tilkendegivelse, BEK § 65 stk. 6 and LAB § 78; domain.md §2.3) is given
once per placement by a TR of the workplace's P-number and is read-only afterwards; the placement
cannot be marked started before it exists. `SentReminder` makes `send_reminders` idempotent: an
alert (user, placement, kind, due date) is e-mailed once, whatever day the command runs.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Statement(models.Model):
    class Answer(models.TextChoices):
        YES = "ja", _("Yes")
        NO = "nej", _("No")
        NOT_RELEVANT = "ikke_relevant", _("Not relevant")

    placement = models.OneToOneField(
        "placements.Placement", verbose_name=_("placement"), on_delete=models.CASCADE, related_name="statement"
    )
    p_number = models.CharField(_("P-number"), max_length=10, blank=True)
    workplace_name = models.CharField(_("workplace"), max_length=200)
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("employee representative"), on_delete=models.PROTECT, related_name="+"
    )
    ratio_ok = models.BooleanField(_("the rimelighedskrav is met"))
    merbeskaeftigelse_ok = models.CharField(
        _("the staff is a net expansion (merbeskæftigelse)"), max_length=20, choices=Answer.choices
    )
    colleagues_positive = models.BooleanField(_("the colleagues are positive"))
    comment = models.TextField(_("comment"), blank=True)
    signed_name = models.CharField(_("signed by (name)"), max_length=200)
    signed_at = models.DateTimeField(_("signed at"))
    # The figures the representative saw when signing, kept for the case file.
    figures = models.JSONField(_("figures at signing"), default=dict, blank=True)

    class Meta:
        verbose_name = _("employee representative's statement")
        verbose_name_plural = _("employee representatives' statements")
        ordering = ["-signed_at"]

    def __str__(self):
        return f"{self.placement} – {self.signed_name} {self.signed_at:%d.%m.%Y}"

    @property
    def ratio_ok_label(self):
        return _("Yes") if self.ratio_ok else _("No")

    @property
    def colleagues_positive_label(self):
        return _("Yes") if self.colleagues_positive else _("No")

    @property
    def has_reservations(self):
        """True when the representative answered No to any question."""
        return not self.ratio_ok or not self.colleagues_positive or self.merbeskaeftigelse_ok == self.Answer.NO


class SentReminder(models.Model):
    """One alert e-mailed to one user; never sent again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    placement = models.ForeignKey("placements.Placement", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    due = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(fields=["user", "placement", "kind", "due"], name="sent_reminder_once"),
        ]

    def __str__(self):
        return f"{self.user} {self.kind} {self.due} ({self.placement_id})"


class AlertHandling(models.Model):
    """One user's handling of one alert: done (with a note) or put off until a date.

    An alert is (placement, kind, due date); a later deadline of the same kind is a new alert. The
    handling is the user's own: a colleague with the same alert still sees it.
    """

    class State(models.TextChoices):
        HANDLED = "handled", _("Handled")
        POSTPONED = "postponed", _("Postponed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+")
    placement = models.ForeignKey(
        "placements.Placement", verbose_name=_("placement"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("type of alert"), max_length=40)
    due = models.DateField(_("due"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    note = models.TextField(_("note"), blank=True)
    postponed_until = models.DateField(_("postponed until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("handling of an alert")
        verbose_name_plural = _("handlings of alerts")
        constraints = [
            models.UniqueConstraint(fields=["user", "placement", "kind", "due"], name="alert_handling_once_per_user"),
        ]

    def __str__(self):
        return f"{self.get_state_display()}: {self.placement} ({self.due:%d.%m.%Y})"

    def hides_on(self, day):
        """True while the alert stays out of the user's list: handled, or postponed until after day."""
        return self.state == self.State.HANDLED or (self.postponed_until is not None and self.postponed_until > day)
