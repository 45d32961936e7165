"""The filters of the audit log page, a django-filter FilterSet like the placements list's."""

from datetime import datetime, time, timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rummelig.core.forms import DateInput

from .forms import AuditFilterForm
from .models import AuditEntry


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


class AuditFilter(django_filters.FilterSet):
    user = django_filters.CharFilter(label=_("User"), field_name="username", lookup_expr="icontains", max_length=150)
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AuditEntry.Action.choices, empty_label=_("All"))
    object_type = django_filters.ChoiceFilter(label=_("Type of record"), empty_label=_("All"))
    object_id = django_filters.CharFilter(label=_("Record id"), field_name="object_id", max_length=50)
    date_from = django_filters.DateFilter(label=_("From date"), method="filter_date_from", widget=DateInput())
    date_to = django_filters.DateFilter(label=_("To date"), method="filter_date_to", widget=DateInput())
    q = django_filters.CharFilter(
        label=_("Free text"), method="filter_text", max_length=100, help_text=_("Searches the record, the user and the detail."),
    )

    class Meta:
        model = AuditEntry
        fields: list[str] = []
        form = AuditFilterForm

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(at__gte=_start_of(value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(at__lt=_start_of(value + timedelta(days=1)))

    def filter_text(self, queryset, name, value):
        text = value.strip()
        return queryset.filter(Q(object_repr__icontains=text) | Q(username__icontains=text) | Q(detail__icontains=text))
