"""The filter form of the audit log page (read-only: there is no form that changes an entry).

Its fields come from `filters.AuditFilter`; this form offers the choices the log holds (after the filter's one
"Alle") and checks the period.
"""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from rummelig.core.forms import style_widgets

from .display import object_type_label
from .models import AuditEntry


class AuditFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = list(AuditEntry.Action.choices)
        types = AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
        self.fields["object_type"].choices = [(t, capfirst(object_type_label(t))) for t in types if t]
        style_widgets(self)

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("'To date' is before 'from date'."))
        return cleaned
