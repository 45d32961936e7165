"""Forms of the policy pages, each with Danish messages saying what is wrong and where."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rummelig.core.forms import DateInput, style_widgets

from .models import CompetenceDialogue, Concern, Guideline, GuidelineVersion, HealthOffer, KompusSetting

PDF_MAX_BYTES = 10 * 1024 * 1024


class Styled:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class GuidelineForm(Styled, forms.ModelForm):
    class Meta:
        model = Guideline
        fields = ["title", "kind"]


class GuidelineVersionForm(Styled, forms.ModelForm):
    class Meta:
        model = GuidelineVersion
        fields = ["text", "pdf", "approved_by_body", "approved_on", "review_on", "origin"]
        widgets = {"approved_on": DateInput(), "review_on": DateInput(), "text": forms.Textarea(attrs={"rows": 16})}

    def clean_pdf(self):
        pdf = self.cleaned_data.get("pdf")
        if pdf and hasattr(pdf, "read") and getattr(pdf, "size", 0):
            if pdf.size > PDF_MAX_BYTES:
                raise forms.ValidationError(_("The PDF is larger than 10 MB."))
            head = pdf.read(5)
            pdf.seek(0)
            if head != b"%PDF-":
                raise forms.ValidationError(_("The file is not a PDF."))
        return pdf

    def clean(self):
        data = super().clean()
        if not data.get("text", "").strip() and not data.get("pdf"):
            raise forms.ValidationError(_("Give the guideline's text or attach it as a PDF."))
        approved, review = data.get("approved_on"), data.get("review_on")
        if approved and review and review < approved:
            self.add_error("review_on", _("The review date is before the approval date."))
        return data


class ApproveForm(Styled, forms.Form):
    approved_by_body = forms.CharField(label=_("approved by"), max_length=200, help_text=_("The body that approved it, e.g. Hovedudvalget."))
    approved_on = forms.DateField(label=_("approved on"), widget=DateInput())

    def clean_approved_on(self):
        day = self.cleaned_data["approved_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The approval date cannot be in the future."))
        return day


class DialogueForm(Styled, forms.ModelForm):
    class Meta:
        model = CompetenceDialogue
        fields = ["held_on", "goals"]
        widgets = {"held_on": DateInput(), "goals": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, year, with_goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        if not with_goals:
            del self.fields["goals"]

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day.year != self.year:
            raise forms.ValidationError(_("The dialogue of %(year)s must be held in %(year)s.") % {"year": self.year})
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date of the dialogue cannot be in the future."))
        return day


class KompusSettingForm(Styled, forms.ModelForm):
    class Meta:
        model = KompusSetting
        fields = ["reminder_month"]

    def clean_reminder_month(self):
        month = self.cleaned_data["reminder_month"]
        if not 1 <= month <= 12:
            raise forms.ValidationError(_("Give a month from 1 to 12."))
        return month


class ConcernForm(Styled, forms.Form):
    kind = forms.ChoiceField(label=_("What is it about?"), choices=Concern.Kind.choices, widget=forms.RadioSelect)
    about = forms.ChoiceField(label=_("Who does it concern?"), choices=Concern.About.choices, widget=forms.RadioSelect,
                              initial=Concern.About.SELF)
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    recipient = forms.ChoiceField(label=_("Whom do you want to tell?"), widget=forms.RadioSelect,
                                  help_text=_("Only the person you choose and HR will see what you write."))

    def __init__(self, *args, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.recipients = {r.key: r for r in recipients}
        self.fields["recipient"].choices = [(r.key, r.label) for r in recipients]

    def clean_recipient(self):
        key = self.cleaned_data["recipient"]
        if key not in self.recipients:
            raise forms.ValidationError(_("Choose your leder, AMR or TR from the list."))
        return self.recipients[key]


class CloseConcernForm(Styled, forms.Form):
    action_taken = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
                                   help_text=_("Seen by you and HR; the reporter is only told that the concern is closed."))


class HealthOfferForm(Styled, forms.ModelForm):
    class Meta:
        model = HealthOffer
        fields = ["name", "how_to_use", "sign_up", "active", "sort_order"]
