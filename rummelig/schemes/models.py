"""Schemes (ordninger) as data: the law changes, so each scheme's rules are dated versions.

`Scheme` is the stable identity a placement points at; `SchemeVersion` holds the rules valid in a
period with their legal source; `SchemeDuration` holds the maximum duration per target group.
A case is judged by the version in force on its start date (`Scheme.version_on`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from rummelig.rules.ages import EFTERLOEN, FOLKEPENSION, AgeStep
from rummelig.rules.schemes import Duration, SchemeRule


class TargetGroup(models.TextChoices):
    """Who the placement is for (målgruppe); the law sets durations per group."""

    DAGPENGE = "dagpenge", _("Unemployment benefit (dagpenge)")
    DIMITTEND = "dimittend", _("Recent graduate on dagpenge")
    KONTANTHJAELP_JOBPARAT = "kontanthjaelp_jobparat", _("Cash benefit, job-ready")
    KONTANTHJAELP_AKTIVITETSPARAT = "kontanthjaelp_aktivitetsparat", _("Cash benefit, activity-ready")
    UDDANNELSESHJAELP = "uddannelseshjaelp", _("Education benefit (uddannelseshjælp)")
    SYGEDAGPENGE = "sygedagpenge", _("Sickness benefit (sygedagpenge)")
    JOBAFKLARING = "jobafklaring", _("Job clarification (jobafklaringsforløb)")
    RESSOURCEFORLOEB = "ressourceforloeb", _("Resource programme (ressourceforløb)")
    LEDIGHEDSYDELSE = "ledighedsydelse", _("Approved for fleksjob (ledighedsydelse)")
    FOERTIDSPENSION = "foertidspension", _("Disability pension (førtidspension)")
    INTEGRATION = "integration", _("Refugee or family-reunified")
    REVALIDERING = "revalidering", _("Vocational rehabilitation (revalidering)")
    EMPLOYED = "ansat", _("Already employed here")
    STUDENT = "uddannelse", _("Student with a training agreement")
    OTHER = "andet", _("Other")


# Target groups whose very name tells about a person's health; hidden from employee representatives.
HEALTH_RELATED_TARGET_GROUPS = {
    TargetGroup.SYGEDAGPENGE,
    TargetGroup.JOBAFKLARING,
    TargetGroup.RESSOURCEFORLOEB,
    TargetGroup.LEDIGHEDSYDELSE,
    TargetGroup.FOERTIDSPENSION,
    TargetGroup.REVALIDERING,
}


# Target groups of persons with reduced work capacity (nedsat arbejdsevne): the merbeskæftigelse
# rule does not apply to hiring them ("Merbeskæftigelseskravet gælder ikke for ansættelse af ledige
# med nedsat arbejdsevne", domain.md §2.2). The one place this set is defined.
REDUCED_WORK_CAPACITY_TARGET_GROUPS = frozenset({
    TargetGroup.LEDIGHEDSYDELSE,
    TargetGroup.FOERTIDSPENSION,
    TargetGroup.RESSOURCEFORLOEB,
    TargetGroup.REVALIDERING,
})


class AgeKind(models.TextChoices):
    """Ages the law sets per birth cohort (rules.ages)."""

    FOLKEPENSION = FOLKEPENSION, _("folkepension age")
    EFTERLOEN = EFTERLOEN, _("efterløn age")


class Scheme(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def version_on(self, day):
        """Return the version of the rules in force on day, or None if the scheme did not exist."""
        versions = getattr(self, "_prefetched_objects_cache", {}).get("versions")
        candidates = versions if versions is not None else self.versions.all()
        for version in sorted(candidates, key=lambda v: v.valid_from, reverse=True):
            if version.valid_from <= day and (version.valid_to is None or day <= version.valid_to):
                return version
        return None


class SchemeVersionQuerySet(models.QuerySet):
    def in_force_on(self, day):
        """Return the versions whose rules are in force on day."""
        return self.filter(valid_from__lte=day).filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day))


class SchemeVersion(models.Model):
    class SubsidyKind(models.TextChoices):
        EMPLOYER = "arbejdsgiver", _("Subsidy to the employer")
        EMPLOYEE = "medarbejder", _("Subsidy to the employee")
        NONE = "ingen", _("No subsidy")

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="versions")
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    source = models.TextField(_("source"), help_text=_("Where the rule comes from: law, order or guidance, with a link."))
    permanent = models.BooleanField(_("permanent"), default=False)
    extension_allowed = models.BooleanField(_("extension allowed"), default=False)
    counts_in_ratio = models.BooleanField(_("counts in the rimelighedskrav"), default=False)
    needs_statement = models.BooleanField(_("needs a statement from the employee representative"), default=False)
    merbeskaeftigelse_applies = models.BooleanField(_("the merbeskæftigelse rule applies"), default=False)
    subsidy_kind = models.CharField(_("kind of subsidy"), max_length=20, choices=SubsidyKind.choices, default=SubsidyKind.NONE)
    follow_up_first_months = models.PositiveSmallIntegerField(_("first follow-up after (months)"), null=True, blank=True)
    follow_up_every_months = models.PositiveSmallIntegerField(_("follow-up interval (months)"), null=True, blank=True)
    grant_months = models.PositiveSmallIntegerField(_("grant or agreement period (months)"), null=True, blank=True)
    ends_at_age = models.PositiveSmallIntegerField(
        _("ends at age"), null=True, blank=True,
        help_text=_("Used when the person's date of birth is not covered by the age table below."),
    )
    ends_at_age_kind = models.CharField(
        _("ends at the age of"), max_length=20, blank=True, choices=AgeKind.choices,
        help_text=_("The age set by law per birth cohort (see age limits); it decides before “ends at age”."),
    )
    informs_representative = models.BooleanField(
        _("the employee representative must be informed"), default=False,
        help_text=_("The employer informs the employee representative of the P-number without a statement."),
    )
    note = models.TextField(_("note"), blank=True)
    checked_on = models.DateField(
        _("last checked against the law"), null=True, blank=True,
        help_text=_("The day someone last read the rules of this version against the text of the law."),
    )
    verified = models.BooleanField(
        _("confirmed in the law's text"), default=False,
        help_text=_("Unticked: at least one rule of this version could not be confirmed; the note says which."),
    )

    objects = SchemeVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("scheme version")
        verbose_name_plural = _("scheme versions")
        ordering = ["scheme", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["scheme", "valid_from"], name="scheme_version_unique_start")]

    def __str__(self):
        return f"{self.scheme} ({self.valid_from:%d.%m.%Y}–{self.valid_to:%d.%m.%Y})" if self.valid_to else f"{self.scheme} ({self.valid_from:%d.%m.%Y}–)"

    def as_rule(self, age_steps=None):
        """Return the pure description the rules package works on.

        ``age_steps`` is {kind: [AgeStep, …]} from ``AgeLimit.table()`` when the caller converts
        many versions; otherwise the version's own cohort table is read.
        """
        durations = getattr(self, "_prefetched_objects_cache", {}).get("durations")
        durations = durations if durations is not None else self.durations.all()
        steps = ()
        if self.ends_at_age_kind:
            table = age_steps if age_steps is not None else AgeLimit.table(self.ends_at_age_kind)
            steps = tuple(table.get(self.ends_at_age_kind, ()))
        return SchemeRule(
            code=self.scheme.code,
            permanent=self.permanent,
            max_durations={d.target_group: Duration(d.amount, d.unit) for d in durations},
            extension_allowed=self.extension_allowed,
            counts_in_ratio=self.counts_in_ratio,
            needs_statement=self.needs_statement,
            merbeskaeftigelse_applies=self.merbeskaeftigelse_applies,
            follow_up_first_months=self.follow_up_first_months,
            follow_up_every_months=self.follow_up_every_months,
            grant_months=self.grant_months,
            ends_at_age=self.ends_at_age,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            age_steps=steps,
        )


class SchemeDuration(models.Model):
    class Unit(models.TextChoices):
        DAYS = "days", _("days")
        WEEKS = "weeks", _("weeks")
        MONTHS = "months", _("months")
        YEARS = "years", _("years")

    version = models.ForeignKey(SchemeVersion, on_delete=models.CASCADE, related_name="durations")
    target_group = models.CharField(
        _("target group"), max_length=40, blank=True, choices=TargetGroup.choices,
        help_text=_("Empty: applies to every target group without a row of its own."),
    )
    amount = models.PositiveSmallIntegerField(_("maximum"))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    source = models.TextField(_("source"), blank=True, help_text=_("The sentence of the law the limit comes from."))
    verified = models.BooleanField(_("confirmed in the law's text"), default=False)

    class Meta:
        verbose_name = _("maximum duration")
        verbose_name_plural = _("maximum durations")
        constraints = [models.UniqueConstraint(fields=["version", "target_group"], name="scheme_duration_unique_group")]

    def __str__(self):
        return f"{self.amount} {self.get_unit_display()}"


class LawChange(models.Model):
    """A change of the law ahead (or just made), so HR sees what changes when (the law page).

    Not a rule the app applies: when a change is enacted its rules become a new ``SchemeVersion``
    with its own valid_from; this row says what is coming and how sure the date is.
    """

    in_force_on = models.DateField(_("in force from"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what changes"))
    schemes = models.ManyToManyField(Scheme, blank=True, related_name="law_changes", verbose_name=_("schemes affected"))
    enacted = models.BooleanField(_("enacted"), default=False, help_text=_("Unticked: a bill or an expected date, not yet law."))
    source = models.TextField(_("source"))
    checked_on = models.DateField(_("last checked"), null=True, blank=True)

    class Meta:
        verbose_name = _("change of the law")
        verbose_name_plural = _("changes of the law")
        ordering = ["in_force_on", "title"]
        constraints = [models.UniqueConstraint(fields=["in_force_on", "title"], name="law_change_unique_title")]

    def __str__(self):
        return f"{self.title} ({self.in_force_on:%d.%m.%Y})"


class AgeLimit(models.Model):
    """The folkepension or efterløn age of one birth cohort, as the law sets it (see rules.ages)."""

    kind = models.CharField(_("kind"), max_length=20, choices=AgeKind.choices)
    born_from = models.DateField(_("born from"), null=True, blank=True, help_text=_("Empty: everyone born before “born to”."))
    born_to = models.DateField(_("born to (inclusive)"), null=True, blank=True, help_text=_("Empty: everyone born from “born from”."))
    years = models.PositiveSmallIntegerField(_("years"))
    months = models.PositiveSmallIntegerField(_("months"), default=0)
    source = models.TextField(_("source"))

    class Meta:
        verbose_name = _("age limit")
        verbose_name_plural = _("age limits")
        ordering = ["kind", "born_from"]
        constraints = [models.UniqueConstraint(fields=["kind", "born_from"], name="age_limit_unique_cohort")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.years} år {self.months} md. ({self.born_from or '…'}–{self.born_to or '…'})"

    def as_step(self):
        return AgeStep(self.born_from, self.born_to, self.years, self.months)

    @classmethod
    def table(cls, *kinds):
        """Return {kind: [AgeStep, …]} for the given kinds (every kind when none is given), in one query."""
        rows = cls.objects.filter(kind__in=kinds) if kinds else cls.objects.all()
        table = {}
        for row in rows:
            table.setdefault(row.kind, []).append(row.as_step())
        return table
