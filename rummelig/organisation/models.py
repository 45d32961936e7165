"""The organisation as a tree of units with validity dates.

A unit's `path` is a materialised path ("/12/40/311/") so that "this unit and everything under it"
is one indexed prefix query; permissions and reports lean on that at municipal scale.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

p_number_validator = RegexValidator(r"^\d{10}$", _("The P-number must be 10 digits."))


class Unit(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "kommune", _("Municipality")
        AREA = "omraade", _("Area / centre")
        WORKPLACE = "arbejdsplads", _("Workplace")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("unit kind"), max_length=20, choices=Kind.choices, default=Kind.WORKPLACE)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    payroll_id = models.CharField(_("payroll id"), max_length=50, blank=True, db_index=True)
    p_number = models.CharField(_("P-number"), max_length=10, blank=True, validators=[p_number_validator], db_index=True)
    cost_centre = models.CharField(_("cost centre"), max_length=50, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    balance_threshold = models.DecimalField(
        _("balance threshold (%)"),
        max_digits=5,
        decimal_places=2,
        default=12,
        help_text=_("Temporary special-terms staff as a share of ordinary staff above which the unit is flagged."),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_to_after_valid_from",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """Save, then keep the materialised path of this unit and its descendants in step."""
        super().save(*args, **kwargs)
        new_path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if new_path != self.path:
            old_path = self.path
            self.path = new_path
            self.depth = new_path.count("/") - 2
            Unit.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)
            if old_path:
                for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    child.path = new_path + child.path[len(old_path):]
                    child.depth = child.path.count("/") - 2
                    Unit.objects.filter(pk=child.pk).update(path=child.path, depth=child.depth)

    def subtree(self):
        """Return this unit and all units under it."""
        return Unit.objects.filter(path__startswith=self.path)

    def ancestors(self):
        """Return the units above this one, from the top down."""
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1] if part]
        by_id = {unit.pk: unit for unit in Unit.objects.filter(pk__in=ids)}
        return [by_id[i] for i in ids if i in by_id]

    def is_valid_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def centre(self):
        """Return the area/centre this unit belongs to (itself when it is one)."""
        if self.kind == Unit.Kind.AREA:
            return self
        for unit in reversed(self.ancestors()):
            if unit.kind == Unit.Kind.AREA:
                return unit
        return None
