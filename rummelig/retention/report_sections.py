"""The annual report's section on retention: how many cases and how they ended, per centre, never a case."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rummelig.core.formats import long_date
from rummelig.reports.sections import Section, register
from rummelig.reports.tables import matrix

from .models import Result, RetentionCase

ACTIVITY = {"opened": gettext_lazy("Opened in the period"), "open": gettext_lazy("Open on the reference date")}


def _cases(report):
    return report.scope.filter(RetentionCase.objects.order_by(), "unit_id")


def _activity(report, period):
    """{(centre, "opened"|"open"): n} for one period."""
    cells = {}
    cases = _cases(report).filter(opened_on__lte=period.end)
    for unit_id, opened_on, closed_on in cases.values_list("unit_id", "opened_on", "closed_on"):
        column = report.scope.column_of[unit_id]
        if opened_on >= period.start:
            cells[(column, "opened")] = cells.get((column, "opened"), 0) + 1
        if closed_on is None or closed_on > period.end:
            cells[(column, "open")] = cells.get((column, "open"), 0) + 1
    return cells


def _results(report, period):
    """{(centre, result): n} of the cases closed in one period."""
    cells = {}
    closed = _cases(report).filter(Q(closed_on__gte=period.start) & Q(closed_on__lte=period.end))
    for unit_id, result in closed.values_list("unit_id", "result"):
        key = (report.scope.column_of[unit_id], result)
        cells[key] = cells.get(key, 0) + 1
    return cells


def _full(cells, rows, cols):
    return {(r, c): cells.get((r, c), 0) for r in rows for c in cols}


@register
class Retention(Section):
    key = "retention"
    title = gettext_lazy("Keeping colleagues (fastholdelse)")
    order = 87

    def intro(self, report):
        return _(
            "Retention cases of colleagues who lost work capacity, from 1 January to %(date)s, per centre: how many "
            "were opened and are still open, and what those that ended went on to. No case is shown, only counts."
        ) % {"date": long_date(report.period.reference)}

    def tables(self, report):
        periods = (report.period, report.period.previous())
        labels = {c.id: c.name for c in report.scope.columns}
        activity = [_activity(report, p) for p in periods]
        results = [_results(report, p) for p in periods]
        rows_a = [c.id for c in report.scope.columns if any(k[0] == c.id for a in activity for k in a)]
        rows_r = [c.id for c in report.scope.columns if any(k[0] == c.id for r in results for k in r)]
        result_labels = dict(Result.choices)
        published_a = report.publish(*(_full(a, rows_a, ACTIVITY) for a in activity), key="retention_cases")
        published_r = report.publish(*(_full(r, rows_r, result_labels) for r in results), key="retention_results")
        return [
            matrix("retention_cases", _("Retention cases"), _("Centre"), published_a, labels, ACTIVITY,
                   total_label=_("Total"), row_totals=False),
            matrix("retention_results", _("Retention cases ended, by result"), _("Centre"), published_r, labels,
                   result_labels, total_label=_("Total")),
        ]
