"""Forms for the organisation: the filter on the unit list and HR's form for creating and editing units."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rummelig.core.forms import DateInput, style_widgets

from .models import Unit


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    ended = forms.BooleanField(label=_("Also show units that have ended"), required=False)


class ParentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'— ' * obj.depth}{obj.name}"


class UnitForm(forms.ModelForm):
    parent = ParentChoiceField(
        label=_("Parent unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Choose the parent unit"),
        help_text=_("Only the municipality itself has no parent unit."),
        error_messages={
            "invalid_choice": _("Choose a parent unit from the list. A unit cannot be placed under itself or one of its own sub-units.")
        },
    )

    class Meta:
        model = Unit
        fields = ["name", "kind", "parent", "payroll_id", "p_number", "cost_centre", "valid_from", "valid_to"]
        widgets = {
            "valid_from": DateInput(),
            "valid_to": DateInput(),
        }
        help_texts = {
            "p_number": _("Ten digits, for workplaces (from the CVR register)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Unit.objects.order_by("path")
        if self.instance.pk:
            parents = parents.exclude(path__startswith=self.instance.path)
        self.fields["parent"].queryset = parents
        style_widgets(self)

    def _check_one_municipality(self, parent):
        """The municipality is the tree's one root: it has no parent, and there is no second one."""
        if parent is not None:
            self.add_error("kind", _("The municipality is the top unit and cannot lie under another unit; choose area or workplace."))
            return
        other_root = Unit.objects.filter(parent__isnull=True).exclude(pk=self.instance.pk).first()
        if other_root is not None:
            self.add_error(
                "kind", _("%(unit)s is already the municipality; a new unit is an area or a workplace under it.") % {"unit": other_root.name}
            )

    def clean(self):
        cleaned = super().clean()
        kind, parent = cleaned.get("kind"), cleaned.get("parent")
        if kind and kind != Unit.Kind.MUNICIPALITY and parent is None and "parent" not in self.errors:
            self.add_error("parent", _("Choose the unit this unit belongs under."))
        if kind == Unit.Kind.MUNICIPALITY:
            self._check_one_municipality(parent)
        valid_from, valid_to = cleaned.get("valid_from"), cleaned.get("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            self.add_error("valid_to", _("The unit cannot end before it begins: 'valid to' is before 'valid from'."))
        return cleaned
