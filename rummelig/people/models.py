"""Persons and their ordinary employments.

The CPR number is optional and never shown in full outside the person page, where only HR can
reveal it (and the reveal is audited). Lists, exports and the API show `masked_cpr`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from rummelig.lib.cpr import birth_date_from_cpr, mask_cpr, normalise_cpr


def validate_cpr(value):
    """Raise a Danish ValidationError unless value is a date of birth plus 4 digits."""
    if not value:
        return
    try:
        normalise_cpr(value)
    except ValueError as exc:
        raise ValidationError(str(exc), code="invalid_cpr") from exc


class Person(models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    cpr = models.CharField(_("CPR number"), max_length=11, blank=True, validators=[validate_cpr])
    # A CPR number typed by someone outside HR that another person already has. It is kept here, not
    # refused, so the form does not tell a leder that the number exists elsewhere; HR resolves it
    # (merge the two, take the number, or drop it) from the person page.
    pending_cpr = models.CharField(_("CPR number awaiting HR"), max_length=10, blank=True, editable=False)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # The person's login account as payroll knows it (OPUS <userId>, SD, OS2mo, the template's column):
    # the key that links a user who logs in to their own records.
    account_name = models.CharField(_("user name in payroll"), max_length=100, blank=True, db_index=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("login"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="person",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"])]
        constraints = [
            models.UniqueConstraint(fields=["cpr"], condition=~models.Q(cpr=""), name="person_cpr_unique"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def masked_cpr(self):
        """The number as the pages show it; a number awaiting HR shows as any other, so no one learns of the clash."""
        number = self.pending_cpr or self.cpr
        return mask_cpr(number) if number else ""

    @property
    def cpr_holder(self):
        """The other person who has the CPR number this one awaits HR with, or None."""
        if not self.pending_cpr:
            return None
        return Person.objects.exclude(pk=self.pk).filter(cpr=self.pending_cpr).first()

    def clean(self):
        if self.cpr:
            try:
                self.cpr = normalise_cpr(self.cpr)
            except ValueError as exc:
                raise ValidationError({"cpr": str(exc)}) from exc
        if self.cpr or self.pending_cpr:
            born = birth_date_from_cpr(self.pending_cpr or self.cpr)
            if self.birth_date and self.birth_date != born:
                raise ValidationError({"birth_date": _("The date of birth does not match the CPR number.")})
            self.birth_date = born

    def save(self, *args, **kwargs):
        if self.cpr:
            # The CPR number is the better source: a changed number moves the birth date with it.
            self.cpr = normalise_cpr(self.cpr)
            self.birth_date = birth_date_from_cpr(self.cpr)
        if self.pending_cpr:
            self.birth_date = birth_date_from_cpr(self.pending_cpr)
        super().save(*args, **kwargs)


class EmploymentQuerySet(models.QuerySet):
    def active_on(self, day):
        """Return the employments that have started and have not ended on day."""
        return self.filter(start__lte=day).filter(models.Q(end__isnull=True) | models.Q(end__gte=day))


class Employment(models.Model):
    """An ordinary (or subsidised) employment in a unit, as payroll knows it."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="employments")
    unit = models.ForeignKey(
        "organisation.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="employments"
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    weekly_hours = models.DecimalField(_("weekly hours"), max_digits=5, decimal_places=2, default=37)
    fte = models.DecimalField(_("FTE fraction"), max_digits=5, decimal_places=4, default=1)
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"), null=True, blank=True)
    payroll_number = models.CharField(_("payroll employment number"), max_length=50, blank=True)
    subsidised = models.BooleanField(_("subsidised"), default=False)
    contract_code = models.CharField(_("payroll employment code"), max_length=50, blank=True)
    is_manager = models.BooleanField(_("manager"), default=False)

    objects = EmploymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        ordering = ["-start"]
        indexes = [models.Index(fields=["unit", "start", "end"])]
        constraints = [
            models.UniqueConstraint(
                fields=["payroll_number"], condition=~models.Q(payroll_number=""), name="employment_payroll_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="employment_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.job_title or self.unit}"

    def clean(self):
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("The end date is before the start date.")})

    def is_active_on(self, day):
        return self.start <= day and (self.end is None or day <= self.end)
