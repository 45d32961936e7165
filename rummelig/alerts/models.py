"""The employee representative's statement and the record of reminders already e-mailed.

A statement (udtalelse/tilkendegivelse, BEK § 65 stk. 6 and LAB § 78; domain.md §2.3) is given
once per placement by a TR of the workplace's P-number and is read-only afterwards; the placement
cannot be marked started before it exists. A TR who does not use Rummelig signs on paper: HR
records that statement with its scan, and it counts as given. Where the P-number has no TR, HR
routes the task to the next representative in the law's order (`StatementRoute`). HR's reminders
to the TR are kept (`RepresentativeReminder`). `SentReminder` makes `send_reminders` idempotent: an
alert (user, placement, kind, due date) is e-mailed once, whatever day the command runs.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _scan_path(instance, filename):
    """Store a scan under a random name: the uploader's file name may hold a person's name."""
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(instance.scan_content_type, "bin")
    return f"statements/{uuid.uuid4().hex}.{extension}"


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
    class Source(models.TextChoices):
        RUMMELIG = "rummelig", _("Signed in Rummelig")
        PAPER = "papir", _("Received on paper")

    source = models.CharField(_("given"), max_length=10, choices=Source.choices, default=Source.RUMMELIG)
    # The TR's user when signed in Rummelig; empty for a paper statement by a TR without a login.
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("employee representative"), on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )
    scan = models.FileField(_("scan of the signed statement"), upload_to=_scan_path, blank=True)
    scan_content_type = models.CharField(max_length=40, blank=True)
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
    def on_paper(self):
        return self.source == self.Source.PAPER

    @property
    def has_reservations(self):
        """True when the representative answered No to any question."""
        return not self.ratio_ok or not self.colleagues_positive or self.merbeskaeftigelse_ok == self.Answer.NO


class StatementRoute(models.Model):
    """Who gives the statement when the P-number's TR cannot: HR's choice along the law's order.

    BEK nr. 2006 af 11/12/2020 § 99, stk. 4 (nytteindsats; FOA states the same order for all
    activation): without a TR for the staff group on the P-number, one representative is involved
    in this order: a TR for the staff group at the employer (CVR), the chief steward
    (fællestillidsrepræsentant, CVR), an employee representative for the staff group on the
    P-number. Stk. 5: when the TR is away more than 3 working days, the next in the order may be used.
    """

    class Basis(models.TextChoices):
        COMPANY_TR = "tr_cvr", _("TR for the staff group at the employer (CVR level)")
        CHIEF_STEWARD = "ftr", _("Chief steward (fællestillidsrepræsentant) at the employer")
        EMPLOYEE_REPRESENTATIVE = "medarbejderrep", _("Employee representative for the staff group on the P-number")

    placement = models.OneToOneField(
        "placements.Placement", verbose_name=_("placement"), on_delete=models.CASCADE, related_name="statement_route"
    )
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gives the statement"), on_delete=models.PROTECT, related_name="statement_routes"
    )
    basis = models.CharField(_("in the law's order as"), max_length=20, choices=Basis.choices)
    tr_absent = models.BooleanField(_("the TR of the P-number is away more than 3 working days"), default=False)
    note = models.TextField(_("note"), blank=True)
    routed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    routed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("statement route")
        verbose_name_plural = _("statement routes")

    def __str__(self):
        return f"{self.placement} → {self.giver.get_full_name() or self.giver.get_username()}"


class RepresentativeReminder(models.Model):
    """A reminder HR e-mailed to the representatives about a statement still missing (one per click)."""

    placement = models.ForeignKey("placements.Placement", on_delete=models.CASCADE, related_name="representative_reminders")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(_("sent to"))

    class Meta:
        verbose_name = _("reminder to the representative")
        verbose_name_plural = _("reminders to the representative")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"{self.placement} {self.sent_at:%d.%m.%Y %H:%M}"


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
