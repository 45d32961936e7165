"""The filters and sort order of the placements list, shared by the page and the XLSX export.

The filter form offers only what the user may see (centres and workplaces in the user's units);
a unit outside them in the query string is not a valid choice and the views answer 404, so no
one learns anything by guessing ids. Sorting is by `?sort=<column>` or `?sort=-<column>`.
"""

import django_filters
from django import forms
from django.apps import apps
from django.db.models import Exists, F, OuterRef
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rummelig.core.forms import DateInput
from rummelig.organisation.models import Unit
from rummelig.people.search import search_q
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


def chosen_unit(units, data, name="centre"):
    """Return the unit named by data[name] if it is one of units, else None."""
    value = (data or {}).get(name) or ""
    if not str(value).isdigit() or len(str(value)) > 18:
        return None
    return units.filter(pk=int(value)).first()


def workplaces_under(units, centre=None):
    """Return the workplaces among units, only those under centre when one is chosen."""
    workplaces = units.filter(kind=Unit.Kind.WORKPLACE)
    if centre is not None:
        workplaces = workplaces.filter(path__startswith=centre.path)
    return workplaces.order_by("name")


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
        # With JavaScript the workplace list follows the centre at once; without, after "Show".
        widget=forms.Select(attrs={
            "class": "form-select", "hx-get": reverse_lazy("placements:workplace_options"), "hx-trigger": "change",
            "hx-target": "#id_workplace", "hx-swap": "innerHTML",
        }),
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
    checklist_overdue = django_filters.BooleanFilter(
        label=_("Only with overdue checklist items"), method="filter_checklist_overdue", widget=forms.CheckboxInput,
    )
    period_from = django_filters.DateFilter(label=_("Period from"), method="filter_period", widget=DateInput(attrs={"class": "form-input"}))
    period_to = django_filters.DateFilter(label=_("Period to"), method="filter_period", widget=DateInput(attrs={"class": "form-input"}))

    def __init__(self, data=None, queryset=None, *, access, today=None, **kwargs):
        units = access.units()
        centres = units.filter(kind=Unit.Kind.AREA).order_by("name")
        workplaces = workplaces_under(units, chosen_unit(centres, data))
        if data is not None and data.get("workplace") and not chosen_unit(workplaces, data, "workplace"):
            if chosen_unit(units.filter(kind=Unit.Kind.WORKPLACE), data, "workplace"):
                # The workplace belongs to another centre than the one chosen: the new centre wins.
                data = data.copy()
                data["workplace"] = ""
        super().__init__(data, queryset, **kwargs)
        self.today = today or timezone.localdate()
        self.filters["centre"].queryset = centres
        self.filters["workplace"].queryset = workplaces
        self.access = access
        if access.is_hr:
            self.form.fields["q"].label = _("Search by name, CPR number or date of birth")
        if not access.sees_annulled:
            del self.filters["annulled"]
        if not access.sees_health_anywhere:  # the checklist is the leder's and HR's, not a TR's
            del self.filters["checklist_overdue"]

    def filter_name(self, queryset, name, value):
        """The person's name; for HR also the CPR number or date of birth, as on the people list."""
        return queryset.filter(search_q(self.access, value, "person__"))

    def filter_centre(self, queryset, name, value):
        return queryset.filter(workplace__path__startswith=value.path)

    def filter_annulled(self, queryset, name, value):
        # The view has already chosen the annulled registrations as the list's base (HR and auditor only).
        return queryset

    def filter_checklist_overdue(self, queryset, name, value):
        """Placements with a checklist item not done by its due day (the onboarding app's checklists)."""
        if not value:
            return queryset
        items = apps.get_model("onboarding", "ChecklistItem").objects
        return queryset.filter(Exists(items.filter(checklist__placement=OuterRef("pk"), done_on__isnull=True, due__lt=self.today)))

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value, self.today)

    def filter_period(self, queryset, name, value):
        # Both ends are applied together once, when the first of them comes along.
        if getattr(self, "_period_applied", False):
            return queryset
        self._period_applied = True
        return queryset.overlapping(self.form.cleaned_data.get("period_from"), self.form.cleaned_data.get("period_to"))

    def offers_centres(self):
        """True if the user has centres to choose among. The choices are read once here and kept for the form to render."""
        field = self.form.fields["centre"]
        field.widget.choices = list(iter(field.choices))  # iter: list() would first ask the database for a count
        return len(field.widget.choices) > (field.empty_label is not None)

    @property
    def unit_outside_scope(self):
        """True if the query names a centre or workplace the user may not see."""
        return self.is_bound and any(name in self.form.errors for name in UNIT_FILTERS)

    @property
    def is_filtered(self):
        return self.is_bound and any(self.form.cleaned_data.get(name) for name in self.filters)


def filtered(access, data, sort, today):
    """Return (filterset, ordered queryset, sort) for the list, the export and the export's task alike.

    `data` is the list's filters (a QueryDict, the search text in place of its token). HR and the
    auditor may ask for the annulled registrations instead of the current ones. The caller answers 404
    when `filterset.unit_outside_scope`.
    """
    base = access.annulled_placements() if access.sees_annulled and data.get("annulled") else access.placements()
    filterset = PlacementFilter(data, queryset=base, access=access, today=today)
    if sort.lstrip("-") not in SORTS:
        sort = ""
    return filterset, filterset.qs.order_by(*sort_fields(sort)), sort
