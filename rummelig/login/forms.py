from django import forms
from django.utils.translation import gettext_lazy as _

from rummelig.organisation.models import Unit

from .models import GroupRoleMapping


class GroupRoleMappingForm(forms.ModelForm):
    unit = forms.ModelChoiceField(
        Unit.objects.order_by("path"), required=False, label=_("unit"), empty_label=_("The whole municipality"),
        help_text=_("Needed for leder, TR, AMR and MED member; empty means the whole municipality."),
    )

    class Meta:
        model = GroupRoleMapping
        fields = ["group", "role", "unit"]
        widgets = {
            "group": forms.TextInput(attrs={"class": "form-input", "autocomplete": "off"}),
            "role": forms.Select(attrs={"class": "form-select"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].widget.attrs["class"] = "form-select"
