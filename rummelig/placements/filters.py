"""The filters and sort order of the placements list, shared by the page and the XLSX export.

The filter form offers only what the user may see (centres and workplaces in the user's units);
a unit outside them in the query string is not a valid choice and the views answer 404, so no
one learns anything by guessing ids. Sorting is by `?sort=<column>` or `?sort=-<column>`.
"""

import django_filters
from django import forms
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rummelig.core.forms import DateInput
from rummelig.organisation.models import Unit
from rummelig.people.search import name_q
from rummelig.schemes.models import Scheme

from .models import Status

# Column key -> order_by fields; the last field makes the order stable across pages.
SORTS = {
    "name": ("person__last_name", "person__first_name", "pk"),
    "scheme": ("scheme__name", "pk"),
    "workplace": ("workplace__name", "pk"),
    "start": ("start", "pk"),
    "end": ("ends_on", "pk"),
}
DEFAULT_SORT = "-start"

# Filters naming units: an id outside the user's units there means "not found".
UNIT_FILTERS = ("centre", "workplace")


def sort_fields(sort):
    """Return the order_by expressions for a sort parameter ("name", "-start" …), or the default order.

    An open end counts as the latest end on every database: last going up, first going down.
    """
    if not sort or sort.lstrip("-") not in SORTS:
        sort = DEFAULT_SORT
    descending = sort.startswith("-")
    return tuple(
        F(field).desc(nulls_first=True) if descending else F(field).asc(nulls_last=True) for field in SORTS[sort.lstrip("-")]
    )


class PlacementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search by name"), method="filter_name", widget=forms.TextInput(attrs={"type": "search", "class": "form-input"})
    )
    scheme = django_filters.ModelChoiceFilter(
        label=_("Scheme"), queryset=Scheme.objects.all(), empty_label=_("All schemes"), widget=forms.Select(attrs={"class": "form-select"})
    )
    centre = django_filters.ModelChoiceFilter(
        label=_("Centre"), queryset=Unit.objects.none(), method="filter_centre", empty_label=_("All centres"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    workplace = django_filters.ModelChoiceFilter(
        label=_("Workplace"), queryset=Unit.objects.none(), empty_label=_("All workplaces"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, method="filter_status", empty_label=_("All"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    annulled = django_filters.BooleanFilter(
        label=_("Show only annulled registrations"), method="filter_annulled", widget=forms.CheckboxInput,
    )
    period_from = django_filters.DateFilter(label=_("Period from"), method="filter_period", widget=DateInput(attrs={"class": "form-input"}))
    period_to = django_filters.DateFilter(label=_("Period to"), method="filter_period", widget=DateInput(attrs={"class": "form-input"}))

    def __init__(self, data=None, queryset=None, *, access, today=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.today = today or timezone.localdate()
        units = access.units()
        self.filters["centre"].queryset = units.filter(kind=Unit.Kind.AREA).order_by("name")
        self.filters["workplace"].queryset = units.filter(kind=Unit.Kind.WORKPLACE).order_by("name")
        if not access.sees_annulled:
            del self.filters["annulled"]

    def filter_name(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(name_q(word, "person__first_name", "person__last_name"))
        return queryset

    def filter_centre(self, queryset, name, value):
        return queryset.filter(workplace__path__startswith=value.path)

    def filter_annulled(self, queryset, name, value):
        # The view has already chosen the annulled registrations as the list's base (HR and auditor only).
        return queryset

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value, self.today)

    def filter_period(self, queryset, name, value):
        # Both ends are applied together once, when the first of them comes along.
        if getattr(self, "_period_applied", False):
            return queryset
        self._period_applied = True
        return queryset.overlapping(self.form.cleaned_data.get("period_from"), self.form.cleaned_data.get("period_to"))

    @property
    def unit_outside_scope(self):
        """True if the query names a centre or workplace the user may not see."""
        return self.is_bound and any(name in self.form.errors for name in UNIT_FILTERS)

    @property
    def is_filtered(self):
        return self.is_bound and any(self.form.cleaned_data.get(name) for name in self.filters)
