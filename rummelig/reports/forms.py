"""Forms for the reports: choosing the report's year, HR's targets, the fleksjob pool and economy."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rummelig.core.forms import DateInput, style_widgets
from rummelig.organisation.models import Unit
from rummelig.schemes.models import Scheme

from .models import ELEV, OLD_FLEKSJOB, FleksjobPool, PlacementEconomy, RefusionCap, Target


class AnnualReportForm(forms.Form):
    """The year of the report and, optionally, the day headcounts are taken (31 December by default)."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    reference = forms.DateField(
        label=_("Reference date"), required=False, widget=DateInput(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean(self):
        cleaned = super().clean()
        year, reference = cleaned.get("year"), cleaned.get("reference")
        today = timezone.localdate()
        if year is None:
            return cleaned
        if year > today.year:
            self.add_error("year", _("The year %(year)s has not begun yet. Choose %(today)s or earlier.") % {"year": year, "today": today.year})
            return cleaned
        if reference is None:
            reference = date(year, 12, 31) if year < today.year else today
        elif reference.year != year:
            self.add_error("reference", _("The reference date must lie in %(year)s.") % {"year": year})
        elif reference > today:
            self.add_error("reference", _("The reference date cannot be in the future."))
        cleaned["reference"] = reference
        return cleaned


class CentreChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name if obj.kind == Unit.Kind.MUNICIPALITY else f"— {obj.name}"


class TargetForm(forms.ModelForm):
    unit = CentreChoiceField(label=_("Centre or municipality"), queryset=Unit.objects.none(), empty_label=_("Choose a centre or the municipality"))
    schemes = forms.ModelMultipleChoiceField(
        label=_("Schemes"), queryset=Scheme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to set one target for all schemes together."),
    )

    class Meta:
        model = Target
        fields = ["year", "kind", "unit", "schemes", "measure", "value", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.filter(kind__in=[Unit.Kind.MUNICIPALITY, Unit.Kind.AREA]).order_by("path")
        self.fields["kind"].widget = forms.RadioSelect(choices=Target.Kind.choices)
        self.fields["measure"].widget = forms.RadioSelect(choices=Target.Measure.choices)
        style_widgets(self)

    def clean(self):
        cleaned = super().clean()
        kind, measure, value = cleaned.get("kind"), cleaned.get("measure"), cleaned.get("value")
        schemes = cleaned.get("schemes")
        if kind == Target.Kind.DIMENSIONING:
            if measure and measure != Target.Measure.HEADCOUNT:
                self.add_error("measure", _("The dimensioned number of elever is a headcount."))
            if schemes is not None and any(s.code != ELEV for s in schemes):
                self.add_error("schemes", _("The dimensioned number concerns elever only; leave the schemes empty."))
            cleaned["schemes"] = Scheme.objects.filter(code=ELEV)
        if measure == Target.Measure.HEADCOUNT and value is not None and value != value.to_integral_value():
            self.add_error("value", _("A headcount is a whole number."))
        if not self.errors and self._duplicate(cleaned):
            self.add_error(None, _("A target for that year, unit, schemes and measure already exists. Edit it instead."))
        return cleaned

    def _duplicate(self, cleaned):
        wanted = {s.pk for s in cleaned.get("schemes") or []}
        others = Target.objects.filter(
            year=cleaned.get("year"), kind=cleaned.get("kind"), unit=cleaned.get("unit"), measure=cleaned.get("measure")
        ).exclude(pk=self.instance.pk).prefetch_related("schemes")
        return any({s.pk for s in other.schemes.all()} == wanted for other in others)


class TargetFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class FleksjobPoolForm(forms.ModelForm):
    class Meta:
        model = FleksjobPool
        fields = ["year", "budget", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class RefusionCapForm(forms.ModelForm):
    class Meta:
        model = RefusionCap
        fields = ["valid_from", "valid_to", "annual_cap", "hourly_cap", "source", "verified"]
        widgets = {
            "valid_from": DateInput(),
            "valid_to": DateInput(),
            "source": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean(self):
        cleaned = super().clean()
        valid_from, valid_to = cleaned.get("valid_from"), cleaned.get("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            self.add_error("valid_to", _("'Valid to' is before 'valid from'."))
        return cleaned


class EconomyFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    scheme = forms.ModelChoiceField(label=_("Scheme"), queryset=Scheme.objects.all(), required=False, empty_label=_("All schemes"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class PlacementEconomyForm(forms.ModelForm):
    class Meta:
        model = PlacementEconomy
        fields = ["wage_basis", "refusion_fraction", "pool_payment", "subsidy_received", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.placement = placement
        style_widgets(self)

    def clean(self):
        cleaned = super().clean()
        old_scheme = self.placement.scheme.code == OLD_FLEKSJOB
        if not old_scheme:
            for name in ("wage_basis", "refusion_fraction"):
                if cleaned.get(name):
                    self.add_error(name, _("Only a fleksjob on the old scheme has a wage basis and a refusion fraction."))
        elif bool(cleaned.get("wage_basis")) != bool(cleaned.get("refusion_fraction")):
            missing = "refusion_fraction" if cleaned.get("wage_basis") else "wage_basis"
            self.add_error(missing, _("Give both the wage basis and the refusion fraction, or neither."))
        return cleaned
