"""Forms of the alerts app: the alert filter, the employee representative's statement, a unit's balance threshold."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rummelig.core.forms import DateInput, style_widgets
from rummelig.organisation.models import Unit

from .deadlines import KIND_LABELS
from .models import AlertHandling, Statement

HORIZONS = [(30, _("30 days")), (60, _("60 days")), (90, _("90 days")), (180, _("180 days"))]
YES_NO = [("ja", _("Yes")), ("nej", _("No"))]


class AlertFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type of alert"), required=False, choices=[("", _("All kinds"))] + list(KIND_LABELS.items()))
    days = forms.TypedChoiceField(label=_("Due within"), required=False, choices=HORIZONS, coerce=int, empty_value=60)
    show_handled = forms.BooleanField(label=_("Show the alerts I have handled or postponed"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class StatementForm(forms.ModelForm):
    """The representative's answers and signature; merbeskæftigelse only where the rule applies."""

    ratio_ok = forms.TypedChoiceField(
        label=_("Is the rimelighedskrav met at the workplace's P-number?"), choices=YES_NO, coerce=lambda v: v == "ja",
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        help_text=_("At most 1 person in praktik/løntilskud for every 5 ordinary employees (BEK § 65)."),
    )
    merbeskaeftigelse_ok = forms.ChoiceField(
        label=_("Is the placement a net expansion of the staff (merbeskæftigelse)?"),
        choices=Statement.Answer.choices, widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        help_text=_("For løntilskud: the staff of the last month is at least the average of the last 12 months."),
    )
    colleagues_positive = forms.TypedChoiceField(
        label=_("Are the colleagues positive about the placement?"), choices=YES_NO, coerce=lambda v: v == "ja",
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
    )

    class Meta:
        model = Statement
        fields = ["ratio_ok", "merbeskaeftigelse_ok", "colleagues_positive", "comment", "signed_name"]
        labels = {"comment": _("Comment"), "signed_name": _("Your name (signature)")}
        help_texts = {
            "comment": _("Anything the employer should know, e.g. conditions for your support."),
            "signed_name": _("Write your full name to sign. The time is recorded when you submit."),
        }
        widgets = {"comment": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, merbeskaeftigelse_relevant, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
        self.fields["signed_name"].widget.attrs["autocomplete"] = "name"
        if merbeskaeftigelse_relevant:
            self.fields["merbeskaeftigelse_ok"].choices = [c for c in Statement.Answer.choices if c[0] != Statement.Answer.NOT_RELEVANT]
        else:
            self.fields["merbeskaeftigelse_ok"].choices = [(Statement.Answer.NOT_RELEVANT, Statement.Answer.NOT_RELEVANT.label)]
            self.fields["merbeskaeftigelse_ok"].initial = Statement.Answer.NOT_RELEVANT
        self.fields["ratio_ok"].error_messages["required"] = _("Answer whether the rimelighedskrav is met.")
        self.fields["merbeskaeftigelse_ok"].error_messages["required"] = _("Answer whether the placement is a net expansion.")
        self.fields["colleagues_positive"].error_messages["required"] = _("Answer whether the colleagues are positive.")
        self.fields["signed_name"].error_messages["required"] = _("Write your name to sign the statement.")

    def clean_signed_name(self):
        name = self.cleaned_data["signed_name"].strip()
        if not name:
            raise forms.ValidationError(_("Write your name to sign the statement."))
        return name


class BalanceThresholdForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["balance_threshold"]
        labels = {"balance_threshold": _("Threshold (%)")}
        help_texts = {
            "balance_threshold": _("The unit is flagged when temporary special-terms staff exceed this share of its ordinary staff."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["balance_threshold"]
        field.localize = True
        field.widget = forms.TextInput(attrs={"class": "form-input input-width-xs", "inputmode": "decimal"})
        field.widget.is_localized = True
        field.min_value = 0

    def clean_balance_threshold(self):
        value = self.cleaned_data["balance_threshold"]
        if value is None or value < 0 or value > 100:
            raise forms.ValidationError(_("Write a share between 0 and 100 per cent."))
        return value


class AlertHandlingForm(forms.Form):
    """Mark one alert handled (saying what was done) or put it off until a later date."""

    state = forms.ChoiceField(
        label=_("What do you want to do?"), choices=AlertHandling.State.choices, widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={"required": _("Choose whether the alert is handled or postponed.")},
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done, or why it waits. Required when you mark the alert handled."),
    )
    postponed_until = forms.DateField(
        label=_("Postpone until"), required=False, widget=DateInput(),
        help_text=_("The alert comes back in your list on this date."),
        error_messages={"invalid": _("Write a valid date.")},
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        style_widgets(self)

    def clean(self):
        data = super().clean()
        state = data.get("state")
        if state == AlertHandling.State.HANDLED and not (data.get("note") or "").strip():
            self.add_error("note", _("Write what was done."))
        if state == AlertHandling.State.POSTPONED:
            until = data.get("postponed_until")
            if until is None and "postponed_until" not in self.errors:
                self.add_error("postponed_until", _("Choose the date until which the alert is postponed."))
            elif until is not None and until <= self.today:
                self.add_error("postponed_until", _("Choose a date after today."))
        if state == AlertHandling.State.HANDLED:
            data["postponed_until"] = None
        return data
