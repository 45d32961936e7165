"""MED committees, their members and their annual wheel (årshjul), meetings and records.

"MED-udvalget drøfter principper – aldrig enkeltsager": a record holds text about principles and
no field for a person. A seat gives its holder the MED role for the committee's area for the term
(and a TR or AMR seat the TR or AMR role there): `roles.sync_roles` keeps those RoleAssignment rows
(source MED_SEAT) in step with the seats.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _


class Committee(models.Model):
    class Kind(models.TextChoices):
        HOVEDUDVALG = "hovedudvalg", _("Main committee (Hovedudvalg)")
        AREA = "omraade", _("Area or centre MED committee")
        LOCAL = "lokal", _("Local MED committee")
        STAFF_MEETING = "personalemoede", _("Staff meeting with MED status")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey("self", verbose_name=_("committee above"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    units = models.ManyToManyField("organisation.Unit", verbose_name=_("units covered"), related_name="committees",
                                   help_text=_("The committee covers these units and their sub-units."))
    # The committee's id in the loaded file or OS2mo (loading.py matches on it); empty for one made by hand.
    key = models.CharField(_("committee id"), max_length=100, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("MED committee")
        verbose_name_plural = _("MED committees")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["key"], condition=~models.Q(key=""), name="med_committee_key_unique")]

    def __str__(self):
        return self.name

    def current_members(self, day=None):
        return self.memberships.current(day or timezone.localdate()).select_related("user")


class MembershipQuerySet(models.QuerySet):
    def current(self, day):
        return self.filter(term_from__lte=day).filter(models.Q(term_until__isnull=True) | models.Q(term_until__gte=day))


class Membership(models.Model):
    class Seat(models.TextChoices):
        CHAIR = "formand", _("Chair (formand)")
        VICE_CHAIR = "naestformand", _("Vice chair (næstformand)")
        LEDER = "leder", _("Management (leder)")
        TR = "tr", _("Employee representative (TR)")
        AMR = "amr", _("Working-environment representative (AMR)")
        EMPLOYEE = "medarbejder", _("Employee representative")

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.CASCADE,
                             related_name="med_memberships")
    seat = models.CharField(_("seat"), max_length=20, choices=Seat.choices)
    union = models.CharField(_("union"), max_length=100, blank=True)
    substitute = models.BooleanField(_("substitute"), default=False)
    term_from = models.DateField(_("term from"))
    term_until = models.DateField(_("term until"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["committee", "seat", "user__last_name"]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user} – {self.get_seat_display()} – {self.committee}"

    def clean(self):
        if self.term_until and self.term_from and self.term_until < self.term_from:
            raise ValidationError({"term_until": _("The term cannot end before it begins.")})

    @property
    def chairs(self):
        return self.seat in (self.Seat.CHAIR, self.Seat.VICE_CHAIR)


class Theme(models.Model):
    """A theme of the annual wheel: fixed for every committee (set by HR), or a committee's own."""

    name = models.CharField(_("theme"), max_length=200)
    month = models.PositiveSmallIntegerField(_("month due"), choices=list(MONTHS.items()))
    description = models.TextField(_("description"), blank=True)
    committee = models.ForeignKey(Committee, verbose_name=_("committee"), null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="local_themes", help_text=_("Empty: a fixed theme for every committee."))

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["month", "name"]

    def __str__(self):
        return self.name

    @property
    def is_fixed(self):
        return self.committee_id is None

    @classmethod
    def for_committee(cls, committee):
        return cls.objects.filter(models.Q(committee__isnull=True) | models.Q(committee=committee))


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.committee} {self.date:%d.%m.%Y}"


class AgendaItem(models.Model):
    """One item of a meeting: a theme of the wheel (or another subject) and its short record — principles only."""

    class Attachment(models.TextChoices):
        NONE = "", _("None")
        FIGURES = "figures", _("The committee's figures")
        ANNUAL_REPORT = "annual_report", _("The annual report on the social responsibility")
        FRAMEWORK = "framework", _("The committee's framework answers")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items")
    theme = models.ForeignKey(Theme, verbose_name=_("theme"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="items")
    title = models.CharField(_("subject"), max_length=200)
    record = models.TextField(_("minutes record"), blank=True, help_text=_(
        "Principles only: the committee discusses principles, never individual cases. Name no one."))
    attachment = models.CharField(_("attachment"), max_length=20, choices=Attachment.choices, blank=True)
    publication = models.ForeignKey("reports.Publication", verbose_name=_("published figures"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    @property
    def discussed(self):
        return bool(self.record.strip())
