"""Forms for people: the search on the list and the edit form for name, CPR number and e-mail.

The edit form never shows the stored CPR number: its field starts empty, an empty field keeps the
number, and a checkbox removes it. So the full number reaches the page only through HR's audited
reveal. Only HR is told that another person already has a typed number; for anyone else the
number is accepted as awaiting HR (`Person.pending_cpr`), so the form cannot be used to test
whether a CPR number exists in the municipality.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from rummelig.core.forms import style_widgets
from rummelig.lib.cpr import normalise_cpr

from .models import Person


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class PersonForm(forms.ModelForm):
    cpr = forms.CharField(label=_("CPR number"), required=False, max_length=20)
    remove_cpr = forms.BooleanField(label=_("Remove the CPR number"), required=False)

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "cpr", "email"]

    def __init__(self, *args, hr=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.hr = hr
        self.initial["cpr"] = ""
        if self.instance.cpr:
            self.fields["cpr"].help_text = _(
                "The current CPR number is %(masked)s. Leave the field empty to keep it."
            ) % {"masked": self.instance.masked_cpr}
        else:
            self.fields["cpr"].help_text = _("Ten digits: ddmmyy-xxxx. The field may be left empty.")
            del self.fields["remove_cpr"]
        style_widgets(self)
        self.fields["cpr"].widget.attrs["autocomplete"] = "off"
        if "remove_cpr" in self.fields:
            self.fields["remove_cpr"].widget.attrs["class"] = "form-checkbox"

    def clean_cpr(self):
        typed = self.cleaned_data["cpr"].strip()
        if not typed:
            return self.instance.cpr
        try:
            cpr = normalise_cpr(typed)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid_cpr") from exc
        if Person.objects.exclude(pk=self.instance.pk).filter(cpr=cpr).exists():
            if self.hr:
                raise forms.ValidationError(_("Another person already has this CPR number."), code="duplicate_cpr")
            self.instance.pending_cpr = cpr  # HR resolves it; the current number stays until then
            self.instance.birth_date = None  # follows the typed number, as for any new number (Person.save)
            return self.instance.cpr
        self.instance.pending_cpr = ""
        return cpr

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("remove_cpr"):
            if self.data.get(self.add_prefix("cpr"), "").strip():
                self.add_error("cpr", _("Either type a new CPR number or remove it, not both."))
            else:
                cleaned["cpr"] = ""
                self.instance.pending_cpr = ""
        if cleaned.get("cpr") and cleaned["cpr"] != self.instance.cpr:
            # The date of birth follows a new CPR number (Person.clean sets it from the number).
            self.instance.birth_date = None
        return cleaned
