"""Forms of retention cases; every message in Danish through the catalogue."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import RESULT_SCHEMES, AbsenceDeadlineRule, AbsencePeriod, Result, RetentionCase, Step

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CaseForm(forms.ModelForm):
    """Open a case on a person at one of the workplaces where they hold an ordinary employment."""

    first_day = forms.DateField(label=gettext_lazy("First day of absence"), required=False, widget=DATE,
                                help_text=gettext_lazy("Optional: the absence that led to the case."))

    class Meta:
        model = RetentionCase
        fields = ["unit", "opened_on"]
        widgets = {"opened_on": DATE}

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        if self.instance.person_id and RetentionCase.objects.filter(person_id=self.instance.person_id, closed_on__isnull=True).exists():
            raise forms.ValidationError(_("This person already has an open retention case. Continue that one."))
        return cleaned


class AbsenceForm(forms.ModelForm):
    class Meta:
        model = AbsencePeriod
        fields = ["first_day", "last_day", "partial"]
        widgets = {"first_day": DATE, "last_day": DATE}

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        case = self.instance.case
        if first and case is not None:
            others = case.absences.exclude(pk=self.instance.pk)
            for other in others:
                other_last = other.last_day
                if (other_last is None or first <= other_last) and (last is None or other.first_day <= last):
                    raise forms.ValidationError(_("The period overlaps the absence from %(date)s. Change that one instead.") % {
                        "date": other.first_day.strftime("%d.%m.%Y")})
        return cleaned


class StepForm(forms.ModelForm):
    class Meta:
        model = Step
        fields = ["kind", "on", "until", "note"]
        widgets = {"on": DATE, "until": DATE, "note": forms.Textarea(attrs={"rows": 3})}


class CloseForm(forms.ModelForm):
    """End the case with its result; a fleksjob or skånejob result names the placement at the same workplace."""

    class Meta:
        model = RetentionCase
        fields = ["closed_on", "result", "result_placement"]
        widgets = {"closed_on": DATE}

    def __init__(self, *args, placements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].required = True
        self.fields["result"].required = True
        self.fields["result"].choices = [("", "---------")] + list(Result.choices)
        self.fields["result_placement"].queryset = placements
        self.fields["result_placement"].label_from_instance = lambda p: f"{p.scheme.name}, {p.workplace.name}, {p.start:%d.%m.%Y}"

    def clean(self):
        cleaned = super().clean()
        closed, result, placement = cleaned.get("closed_on"), cleaned.get("result"), cleaned.get("result_placement")
        case = self.instance
        if closed and case.opened_on and closed < case.opened_on:
            self.add_error("closed_on", _("The case cannot end before it was opened (%(date)s).") % {
                "date": case.opened_on.strftime("%d.%m.%Y")})
        if result in RESULT_SCHEMES:
            if placement is None:
                self.add_error("result_placement", _(
                    "Choose the placement at %(workplace)s the colleague continues in; register it first if it is "
                    "not in the list.") % {"workplace": case.unit.name})
            elif placement.scheme.code not in RESULT_SCHEMES[result]:
                self.add_error("result_placement", _("The placement is a %(scheme)s, not what the result says.") % {
                    "scheme": placement.scheme.name})
        elif placement is not None:
            self.add_error("result_placement", _("Only a fleksjob or skånejob result names a placement."))
        return cleaned


class DeadlineRuleForm(forms.ModelForm):
    class Meta:
        model = AbsenceDeadlineRule
        fields = ["key", "label", "days_after_first_day", "met_by", "valid_from", "valid_until", "source"]
        widgets = {"valid_from": DATE, "valid_until": DATE, "source": forms.Textarea(attrs={"rows": 3})}
