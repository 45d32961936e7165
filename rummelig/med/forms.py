"""MED forms. A record's form has no field for a person and warns when its text names one."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rummelig.core.forms import style_widgets
from rummelig.organisation.models import Unit

from .models import AgendaItem, Committee, Meeting, Membership, Theme
from .wheel import names_in

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CommitteeForm(forms.ModelForm):
    class Meta:
        model = Committee
        fields = ["name", "kind", "parent", "units"]
        widgets = {"units": forms.SelectMultiple(attrs={"size": 8, "class": ""})}  # a list box, not a drop-down

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.order_by("path")
        if self.instance.pk:
            self.fields["parent"].queryset = Committee.objects.exclude(pk=self.instance.pk)
        style_widgets(self)


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "seat", "union", "substitute", "term_from", "term_until"]
        widgets = {"term_from": DATE, "term_until": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name")
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"
        self.fields["user"].empty_label = _("Choose a member")
        self.fields["seat"].choices = [("", _("Choose a seat")), *Membership.Seat.choices]
        style_widgets(self)


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name", "month", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date"]
        widgets = {"date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ItemForm(forms.ModelForm):
    """Subject, record and attachment of an item. A text naming a registered person needs confirming."""

    confirm_no_case = forms.BooleanField(
        label=gettext_lazy("The text is about principles, not about a person's case"), required=False)

    class Meta:
        model = AgendaItem
        fields = ["title", "record", "attachment"]
        widgets = {"record": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, may_attach_report=False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [c for c in AgendaItem.Attachment.choices if may_attach_report or c[0] != AgendaItem.Attachment.ANNUAL_REPORT]
        self.fields["attachment"].choices = choices
        self.names = []
        style_widgets(self)

    def clean(self):
        cleaned = super().clean()
        self.names = names_in(" ".join([cleaned.get("title") or "", cleaned.get("record") or ""]))
        if self.names and not cleaned.get("confirm_no_case"):
            raise forms.ValidationError(_(
                "The text names %(names)s. MED discusses principles, never individual cases: take the name out, or "
                "confirm that the text is about principles.") % {"names": ", ".join(self.names)})
        return cleaned
