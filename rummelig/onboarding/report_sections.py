"""The annual report's effect measure (issue 15): of the temporary placements that ended in the year, the share that
went on to an ordinary job or education, per scheme and centre, suppressed like every figure that leaves HR.

What a person went on to is the latest follow-up (12 months, else 3 months after the end), else the outcome
registered on ending. One table (rows: scheme and centre together; columns: went on / other / not known), so the
share and its counts are suppressed together.
"""

from collections import defaultdict

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rummelig.alerts.balance import temporary_scheme_ids
from rummelig.core.formats import long_date
from rummelig.reports.report_sections import _category_matrix, add_share_column
from rummelig.reports.sections import Section, register
from rummelig.rules.onboarding import NOT_WENT_ON, WENT_ON

from .models import OutcomeFollowUp

CATEGORIES = ("went_on", "other", "unknown")


def effect_of(outcome, follow_up):
    """Return "went_on", "other" or "unknown" from the latest follow-up, else the outcome on ending."""
    value = follow_up or outcome
    if value in WENT_ON:
        return "went_on"
    if value in NOT_WENT_ON:
        return "other"
    return "unknown"


def effects(figures):
    """{"scheme:column": {category: count}} of temporary placements that ended in the figures' period."""
    period = figures.period
    temporary = temporary_scheme_ids(period.end)
    latest = OutcomeFollowUp.objects.filter(placement=OuterRef("pk")).order_by("-months").values("outcome")[:1]
    rows = (
        figures.scope.placements()
        .filter(ends_on__gte=period.start, ends_on__lte=period.end, scheme_id__in=temporary)
        .annotate(follow_up=Subquery(latest))
        .values_list("scheme_id", "workplace_id", "outcome", "follow_up")
    )
    result = defaultdict(lambda: defaultdict(int))
    for scheme_id, workplace_id, outcome, follow_up in rows:
        result[f"{scheme_id}:{figures.scope.column_of[workplace_id]}"][effect_of(outcome, follow_up)] += 1
    return result


@register
class Effect(Section):
    key = "effect"
    title = gettext_lazy("The effect: went on to a job or education")
    order = 85

    def intro(self, report):
        return _(
            "Temporary placements that ended from 1 January to %(date)s, per scheme and centre: how many went on to an "
            "ordinary job (here or elsewhere) or education, as the follow-up 3 or 12 months after the end says, else "
            "as registered when the placement ended."
        ) % {"date": long_date(report.period.reference)}

    def tables(self, report):
        exact = tuple({k: dict(v) for k, v in effects(year).items()} for year in (report.current, report.previous))
        keys = {k for year in exact for k in year}

        def order(key):
            scheme, column = key.split(":", 1)
            return (report.schemes[int(scheme)].sort_order, str(report.column_labels.get(_column_id(column), column)))

        rows = sorted(keys, key=order)
        labels = RowLabels(report)
        categories = {"went_on": _("Job or education"), "other": _("Another scheme or no job"), "unknown": _("Not known")}
        table, _published, _cells = _category_matrix(
            report, "effect", _("Ended temporary placements by what the person went on to"), _("Scheme and centre"),
            *exact, rows, labels, categories,
        )
        return [add_share_column(table, _("Share who went on to a job or education"), [0], [0, 1, 2])]


class RowLabels(dict):
    """"Scheme – centre" of a row key "scheme id:column id", also for rows only an earlier publication has."""

    def __init__(self, report):
        super().__init__()
        self.report = report

    def __missing__(self, key):
        scheme, column = key.split(":", 1)
        scheme_label = self.report.scheme_labels.get(int(scheme), scheme)
        return f"{scheme_label} – {self.report.column_labels.get(_column_id(column), '')}"


def _column_id(text):
    return int(text) if text.lstrip("-").isdigit() else text
