"""The filter form of the audit log page (read-only: there is no form that changes an entry)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rummelig.core.forms import DateInput, style_widgets

from .display import object_type_label
from .models import AuditEntry


class AuditFilterForm(forms.Form):
    user = forms.CharField(label=_("User"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.ChoiceField(label=_("Type of record"), required=False)
    object_id = forms.CharField(label=_("Record id"), required=False, max_length=50)
    date_from = forms.DateField(label=_("From date"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To date"), required=False, widget=DateInput())
    q = forms.CharField(label=_("Free text"), required=False, max_length=100, help_text=_("Searches the record, the user and the detail."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All"))] + list(AuditEntry.Action.choices)
        types = AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
        self.fields["object_type"].choices = [("", _("All"))] + [(t, object_type_label(t)) for t in types if t]
        style_widgets(self)

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("'To date' is before 'from date'."))
        return cleaned
