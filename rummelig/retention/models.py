"""Retention cases (fastholdelsessager): keeping an ordinary employee who loses work capacity.

Norddjurs' first group: "Personer, som allerede er ansat …, som mister evnen til at arbejde på
ordinære vilkår". A case belongs to the person's workplace; only HR and the workplace's leder
see it (see Access.retention_cases). It holds absence periods as days only — never a diagnosis
or its cause — the steps taken, and how it ended. The deadlines come from dated rules
(`AbsenceDeadlineRule`), the law's and the municipality's guideline's.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rummelig.rules import retention as rules


class StepKind(models.TextChoices):
    ABSENCE_TALK = "absence_talk", _("Sickness-absence interview")
    MULIGHEDSERKLAERING = "mulighedserklaering", _("Statement of possibilities (mulighedserklæring)")
    FASTHOLDELSESPLAN = "fastholdelsesplan", _("Retention plan (fastholdelsesplan, § 7 b)")
    AGREEMENT_56 = "agreement_56", _("§ 56 agreement")
    ADJUSTED_TASKS = "adjusted_tasks", _("Adjusted tasks")
    REDUCED_HOURS = "reduced_hours", _("Reduced hours")
    FLEKSJOB_APPLICATION = "fleksjob_application", _("Application for fleksjob")
    SKAANEJOB_APPLICATION = "skaanejob_application", _("Application for skånejob")
    OTHER = "other", _("Other step")


class Result(models.TextChoices):
    ORDINARY = "ordinary", _("Back on ordinary terms")
    FLEKSJOB = "fleksjob", _("Fleksjob at the same workplace")
    SKAANEJOB = "skaanejob", _("Skånejob at the same workplace")
    OTHER_JOB = "other_job", _("Another job")
    LEFT = "left", _("Left the municipality")


# The results that continue at the same workplace in a placement of this scheme (by scheme key).
RESULT_SCHEMES = {Result.FLEKSJOB: ("fleksjob", "fleksjob-gammel"), Result.SKAANEJOB: ("skaanejob",)}

NO_DIAGNOSIS = _("Write what was done and agreed. Never a diagnosis or the cause of the absence.")


class AbsenceDeadlineRule(models.Model):
    """A deadline of a retention case as dated data: "at the latest N days after the first day of absence"."""

    key = models.SlugField(_("key"), max_length=40)
    label = models.CharField(_("name"), max_length=200)
    days_after_first_day = models.PositiveIntegerField(_("days after the first day of absence"))
    met_by = models.CharField(_("met by the step"), max_length=30, choices=StepKind.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    source = models.TextField(_("source"), help_text=_("The sentence of the law or the guideline the deadline comes from."))

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["days_after_first_day", "key", "valid_from"]

    def __str__(self):
        return self.label

    def clean(self):
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end of the validity must not be before its start.")})

    def as_rule(self):
        return rules.DeadlineRule(self.key, self.label, self.days_after_first_day, self.met_by)

    @classmethod
    def in_force(cls, day):
        return cls.objects.filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day), valid_from__lte=day)


class RetentionCase(models.Model):
    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="retention_cases")
    unit = models.ForeignKey(
        "organisation.Unit", verbose_name=_("workplace"), on_delete=models.PROTECT, related_name="retention_cases",
    )
    opened_on = models.DateField(_("opened"), default=timezone.localdate)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices, blank=True)
    result_placement = models.ForeignKey(
        "placements.Placement", verbose_name=_("placement"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="retention_cases", help_text=_("The fleksjob or skånejob the colleague continues in."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retention case")
        verbose_name_plural = _("retention cases")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(closed_on__isnull=True), name="retention_one_open_case_per_person",
            ),
        ]

    def __str__(self):
        return f"{_('Retention case')} {self.pk}: {self.person}"

    @property
    def is_open(self):
        return self.closed_on is None

    def deadlines(self):
        """Return the case's deadlines (rules.retention.Deadline) under the rules in force when each absence began."""
        absences = list(self.absences.all())
        steps = [rules.Step(s.kind, s.on) for s in self.steps.all()]
        result = []
        for absence in absences:
            in_force = [r.as_rule() for r in AbsenceDeadlineRule.in_force(absence.first_day)]
            result += rules.deadlines([absence.as_rule()], steps, in_force)
        return sorted(result, key=lambda d: d.due)


class AbsencePeriod(models.Model):
    """A period of sickness absence: its days, never its cause."""

    case = models.ForeignKey(RetentionCase, on_delete=models.CASCADE, related_name="absences")
    first_day = models.DateField(_("first day of absence"))
    last_day = models.DateField(_("last day of absence"), null=True, blank=True, help_text=_("Empty while the absence lasts."))
    partial = models.BooleanField(_("partly absent"), default=False)

    class Meta:
        verbose_name = _("absence period")
        verbose_name_plural = _("absence periods")
        ordering = ["first_day", "pk"]

    def __str__(self):
        return f"{self.first_day}–{self.last_day or ''}"

    def clean(self):
        if self.last_day and self.first_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": _("The last day must not be before the first day.")})

    def as_rule(self):
        return rules.Absence(self.first_day, self.last_day)

    def days(self, until=None):
        return rules.absence_days(self.as_rule(), until or timezone.localdate())


class Step(models.Model):
    """A step taken in the case: an interview, a statement, a § 56 agreement, adjusted tasks, an application."""

    case = models.ForeignKey(RetentionCase, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=30, choices=StepKind.choices)
    on = models.DateField(_("date"))
    until = models.DateField(
        _("until"), null=True, blank=True,
        help_text=_("The last day it applies. A § 56 agreement runs two years; leave empty to have it set."),
    )
    note = models.TextField(_("note"), blank=True, help_text=NO_DIAGNOSIS)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.on}"

    def clean(self):
        if self.until and self.on and self.until < self.on:
            raise ValidationError({"until": _("The end must not be before the date of the step.")})

    def save(self, *args, **kwargs):
        if self.kind == StepKind.AGREEMENT_56 and self.until is None and self.on:
            self.until = rules.agreement_56_ends(self.on)
        super().save(*args, **kwargs)

    @property
    def renewal_due(self):
        """For a § 56 agreement: the day it shows as due for renewal."""
        if self.kind != StepKind.AGREEMENT_56:
            return None
        if self.until:
            return self.until - timedelta(days=rules.AGREEMENT_56_RENEWAL_NOTICE_DAYS)
        return rules.agreement_56_renewal_due(self.on)
