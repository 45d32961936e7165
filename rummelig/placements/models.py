"""Placements: employments on special terms (ansættelser på særlige vilkår).

A placement ties a person to a scheme at a workplace for a period. `ends_on` is the date the
placement ends as far as we know (actual end, else planned end) and is kept in step on save so that
lists can filter "active / ending soon / ended" with one indexed comparison.

A wrong registration is annulled, never deleted: `annulled_at` is set with a reason. The default
manager `Placement.objects` leaves annulled placements out, so every count, report, alert, check
and list (which all start from it) ignores them; `Placement.with_annulled` is the one way to reach
them, used only where HR and the auditor look at a placement as such.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rummelig.schemes.models import TargetGroup

# Fields that say something about a person's health; employee representatives never see them.
HEALTH_FIELDS = ("target_group", "special_considerations")


class Outcome(models.TextChoices):
    ORDINARY_JOB_HERE = "ordinaert_job_her", _("Ordinary job here")
    JOB_ELSEWHERE = "job_andetsteds", _("Job elsewhere")
    EDUCATION = "uddannelse", _("Education")
    OTHER_SCHEME = "anden_ordning", _("Another scheme")
    NO_JOB = "ingen_job", _("No job")
    UNKNOWN = "ukendt", _("Unknown")


class Status(models.TextChoices):
    PLANNED = "planlagt", _("Planned")
    ACTIVE = "aktiv", _("Active")
    ENDING_SOON = "ophoerer_snart", _("Ending soon")
    ENDED = "ophoert", _("Ended")


def not_ended_q(day):
    """Return a filter for placements that have not ended before day (an open end has not ended)."""
    return models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day)


def active_on_q(day):
    """Return a filter for placements that have started and have not ended on day."""
    return models.Q(start__lte=day) & not_ended_q(day)


def overlapping_q(first, last):
    """Return a filter for placements that run on at least one day from first to last."""
    return models.Q(start__lte=last) & not_ended_q(first)


class PlacementQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(active_on_q(day))

    def not_ended_before(self, day):
        return self.filter(not_ended_q(day))

    def ending_within(self, day, days):
        return self.active_on(day).filter(ends_on__isnull=False, ends_on__lte=day + timedelta(days=days))

    def ended_before(self, day):
        return self.filter(ends_on__lt=day)

    def planned_after(self, day):
        return self.filter(start__gt=day)

    def overlapping(self, period_from=None, period_to=None):
        """Return placements that run on at least one day of the period (open ends allowed)."""
        qs = self
        if period_to:
            qs = qs.filter(start__lte=period_to)
        if period_from:
            qs = qs.not_ended_before(period_from)
        return qs

    def with_status(self, status, day):
        if status == Status.ACTIVE:
            return self.active_on(day)
        if status == Status.ENDING_SOON:
            return self.ending_within(day, settings.ENDING_SOON_DAYS)
        if status == Status.ENDED:
            return self.ended_before(day)
        if status == Status.PLANNED:
            return self.planned_after(day)
        return self


class CurrentPlacementManager(models.Manager.from_queryset(PlacementQuerySet)):
    """Placements that count: an annulled registration is left out everywhere."""

    def get_queryset(self):
        return super().get_queryset().filter(annulled_at__isnull=True)


class Placement(models.Model):
    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="placements")
    scheme = models.ForeignKey("schemes.Scheme", verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="placements")
    workplace = models.ForeignKey(
        "organisation.Unit", verbose_name=_("workplace"), on_delete=models.PROTECT, related_name="placements"
    )
    employment = models.ForeignKey(
        "people.Employment",
        verbose_name=_("existing employment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placements",
        help_text=_("For a fleksjob or skånejob held by an employee who lost work capacity here."),
    )
    target_group = models.CharField(_("target group"), max_length=40, choices=TargetGroup.choices, blank=True)
    start = models.DateField(_("start date"))
    planned_end = models.DateField(_("planned end date"), null=True, blank=True)
    actual_end = models.DateField(_("actual end date"), null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True, editable=False, db_index=True)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=5, decimal_places=2, null=True, blank=True)
    vacated_post_on = models.DateField(
        _("fills a post vacated on"), null=True, blank=True,
        help_text=_("Løntilskud: if the placement fills a post that became vacant when an ordinary employee was "
                    "dismissed or resigned, the day it became vacant. Leave empty for a new post."),
    )
    purpose = models.TextField(_("purpose of the employment"), blank=True)
    special_considerations = models.TextField(
        _("agreed special considerations"), blank=True, help_text=_("Tasks not to do, other working hours and the like.")
    )
    mentor = models.ForeignKey(
        "people.Person", verbose_name=_("mentor"), null=True, blank=True, on_delete=models.SET_NULL, related_name="mentoring"
    )
    jobcenter_contact = models.CharField(_("jobcenter contact"), max_length=200, blank=True)
    yearly_subsidy = models.DecimalField(_("yearly subsidy (DKK)"), max_digits=12, decimal_places=2, null=True, blank=True)
    lives_in_municipality = models.BooleanField(_("lives in the municipality"), null=True, blank=True)
    via_own_jobcenter = models.BooleanField(_("came through the municipality's own jobcenter"), null=True, blank=True)
    no_other_education = models.BooleanField(_("has no other education (elever)"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    extension_reason = models.TextField(_("reason for extension beyond the maximum"), blank=True)
    rule_override_reason = models.TextField(_("reason for overriding a rule"), blank=True)
    requested_on = models.DateField(_("requested on"), null=True, blank=True, help_text=_("Seniorjob: the date the person asked for the job."))
    started_at = models.DateTimeField(_("marked as started"), null=True, blank=True)
    annulled_at = models.DateTimeField(_("annulled"), null=True, blank=True, editable=False)
    annulled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("annulled by"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )
    annulment_reason = models.TextField(_("reason for annulment"), blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CurrentPlacementManager()
    with_annulled = PlacementQuerySet.as_manager()

    class Meta:
        base_manager_name = "with_annulled"
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-start", "pk"]
        indexes = [
            models.Index(fields=["workplace", "start", "ends_on"]),
            models.Index(fields=["scheme", "start", "ends_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__isnull=True) | models.Q(planned_end__gte=models.F("start")),
                name="placement_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(actual_end__isnull=True) | models.Q(actual_end__gte=models.F("start")),
                name="placement_actual_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.scheme} ({self.start:%d.%m.%Y})"

    def save(self, *args, **kwargs):
        self.ends_on = self.actual_end or self.planned_end
        super().save(*args, **kwargs)

    @property
    def is_annulled(self):
        return self.annulled_at is not None

    def status_on(self, day):
        if self.start > day:
            return Status.PLANNED
        end = self.actual_end or self.planned_end
        if end is not None and end < day:
            return Status.ENDED
        if end is not None and end <= day + timedelta(days=settings.ENDING_SOON_DAYS):
            return Status.ENDING_SOON
        return Status.ACTIVE

    def show_status_on(self, day):
        """Set .status and .status_label, which the pages' status badges show, as of day."""
        self.status = self.status_on(day)
        self.status_label = self.status.label

    @property
    def scheme_version(self):
        """Return the version of the scheme's rules that judges the placement: the one in force on its start date."""
        return self.scheme.version_on(self.start)
