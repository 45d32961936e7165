"""What the annual report needs that the register does not hold: targets, the fleksjob pool, economy.

- `Target`: a måltal set by HR on behalf of the council, per year, for a scheme or a group of
  schemes (none = all), for a centre or the whole municipality, as a headcount or FTE. The
  dimensioned number of elever is a target of its own kind (new training agreements in the year).
- `FleksjobPool`: the budget of the pool the municipality uses for fleksjob, per year.
- `PlacementEconomy`: per placement and year, the money behind it (wage basis and refusion
  fraction of an old-scheme fleksjob, what the pool paid, subsidies received).
- `RefusionCap`: the dated caps on old-scheme fleksjob refusion (LAB 2019 § 133, domain.md §1.1).

History: every change is audited (rummelig.audit.log) and the target pages show that history.
Nothing here changes the register; reports read the register and these rows.
"""

from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Scheme codes the report treats specially (schemes.seed holds them).
OLD_FLEKSJOB = "fleksjob-gammel"
ELEV = "elev"


class Target(models.Model):
    class Kind(models.TextChoices):
        TARGET = "maaltal", _("Target (number employed)")
        DIMENSIONING = "dimensionering", _("Dimensioned number of elever (new agreements in the year)")

    class Measure(models.TextChoices):
        HEADCOUNT = "personer", _("Headcount")
        FTE = "fte", _("FTE (full-time equivalents)")

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    kind = models.CharField(_("kind of target"), max_length=20, choices=Kind.choices, default=Kind.TARGET)
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("centre or municipality"),
        on_delete=models.PROTECT,
        related_name="targets",
        limit_choices_to={"kind__in": ["kommune", "omraade"]},
    )
    schemes = models.ManyToManyField(
        "schemes.Scheme",
        verbose_name=_("schemes"),
        blank=True,
        related_name="targets",
        help_text=_("Leave empty to set one target for all schemes together."),
    )
    measure = models.CharField(_("measured as"), max_length=20, choices=Measure.choices, default=Measure.HEADCOUNT)
    value = models.DecimalField(
        _("target"), max_digits=9, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    note = models.TextField(_("note"), blank=True, help_text=_("For example the council's decision it comes from."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["-year", "kind", "unit__path", "pk"]
        indexes = [models.Index(fields=["year", "kind"])]

    def __str__(self):
        return f"{self.year} · {self.unit} · {self.scheme_label()} · {self.value.normalize():f}"

    def comparison_key(self):
        """Return what makes this year's target the same as one of last year: kind, unit, measure and schemes."""
        return (self.kind, self.unit_id, self.measure, frozenset(s.pk for s in self.schemes.all()))

    def scheme_codes(self):
        """Return the codes of the target's schemes; an empty set means all schemes."""
        return {scheme.code for scheme in self.schemes.all()}

    def scheme_label(self):
        names = sorted(scheme.name for scheme in self.schemes.all())
        return ", ".join(names) if names else str(_("All schemes"))


class FleksjobPool(models.Model):
    """The municipality's pool for fleksjob in one year (Allerød: "puljen, som pt. anvendes til fleksjob")."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        error_messages={"unique": _("A budget for that year has already been entered. Edit it instead.")},
    )
    budget = models.DecimalField(_("budget (DKK)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))])
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("fleksjob pool")
        verbose_name_plural = _("fleksjob pools")
        ordering = ["-year"]

    def __str__(self):
        return f"{_('Fleksjob pool')} {self.year}"


class PlacementEconomy(models.Model):
    """The money behind one placement in one year, as HR knows it from payroll and the accounts."""

    class RefusionFraction(models.TextChoices):
        HALF = "1/2", _("1/2 of the wage")
        TWO_THIRDS = "2/3", _("2/3 of the wage")

    placement = models.ForeignKey(
        "placements.Placement", verbose_name=_("placement"), on_delete=models.CASCADE, related_name="economy"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    wage_basis = models.DecimalField(
        _("annual wage basis (DKK)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Old-scheme fleksjob: the yearly wage the refusion is calculated from."),
    )
    refusion_fraction = models.CharField(
        _("refusion fraction"), max_length=3, choices=RefusionFraction.choices, blank=True,
        help_text=_("Old-scheme fleksjob: 1/2 or 2/3 of the wage, after the degree of reduced work capacity."),
    )
    pool_payment = models.DecimalField(
        _("paid from the fleksjob pool (DKK)"), max_digits=12, decimal_places=2, default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    subsidy_received = models.DecimalField(
        _("subsidy received (DKK)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Subsidy or refusion the municipality received for this placement in the year."),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("placement economy")
        verbose_name_plural = _("placement economy")
        ordering = ["-year", "placement"]
        constraints = [models.UniqueConstraint(fields=["placement", "year"], name="placement_economy_unique_year")]

    def __str__(self):
        return f"{self.placement} · {self.year}"

    @property
    def fraction(self):
        """Return the refusion fraction as an exact Fraction, or None."""
        return Fraction(self.refusion_fraction) if self.refusion_fraction else None


class RefusionCap(models.Model):
    """The most of a year's wage an old-scheme fleksjob refusion may be calculated from, while in force."""

    valid_from = models.DateField(
        _("valid from"), unique=True, error_messages={"unique": _("A cap from that day has already been registered.")}
    )
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    annual_cap = models.DecimalField(_("cap per year (DKK)"), max_digits=12, decimal_places=2)
    hourly_cap = models.DecimalField(
        _("cap per hour (DKK)"), max_digits=8, decimal_places=2, null=True, blank=True,
        help_text=_("Empty when the hourly figure of the year is not known; then only the yearly cap is applied."),
    )
    source = models.TextField(_("source"), help_text=_("Where the figure is set: the law or order, with the sentence and a link."))
    verified = models.BooleanField(
        _("confirmed in the law's text"), default=False,
        help_text=_("Tick only when the figure has been read in the law, an order or the ministry's rates."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("refusion cap")
        verbose_name_plural = _("refusion caps")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="refusion_cap_valid_to_after_valid_from",
            ),
        ]

    def __str__(self):
        return f"{self.annual_cap} / {self.hourly_cap or '-'} ({self.valid_from:%d.%m.%Y})"


class Publication(models.Model):
    """The figures that leave HR for one reference date, made once when HR publishes and then only read.

    `scopes` maps a scope key (the ids of the scope's top units, "" for the whole municipality) to
    the report as it was published for that scope: its tables with the shown values and markers,
    and, for later publications that show this period again, the pattern of every count table and
    the exact counts it was made from (never shown; see reports.publications).
    """

    reference = models.DateField(_("reference date"), unique=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    scopes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-reference"]
        verbose_name = _("publication")

    def __str__(self):
        return str(self.reference)
