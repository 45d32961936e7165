"""Onboarding's alerts, added to the alerts app's list and to `send_reminders` (apps.ready registers them).

- "checklist_overdue": a placement's checklist items not done by their due day; one alert per placement and
  due day (several items due the same day are one alert).
- "evaluation_missing": a planned evaluation (the scheme's follow-up dates, rules.onboarding) that no
  recorded evaluation covers, due on its planned day.
- The alerts app's own "evaluation due" reminder goes once an evaluation covering it is recorded.

Neither is shown to an employee representative: the checklist and the evaluations are the leder's and HR's.
"""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rummelig.rules.deadlines import EVALUATION_DUE
from rummelig.rules.onboarding import evaluation_dates, missing_evaluations

from .models import ChecklistItem, Evaluation

CHECKLIST_OVERDUE = "checklist_overdue"
EVALUATION_MISSING = "evaluation_missing"
LABELS = {
    CHECKLIST_OVERDUE: _("Onboarding checklist items overdue"),
    EVALUATION_MISSING: _("Evaluation not recorded"),
}
HIDDEN_FROM_REPRESENTATIVES = (CHECKLIST_OVERDUE, EVALUATION_MISSING)


# Above this many placements (HR's whole municipality) the rows are read for every placement still running in
# the window and kept in Python: an IN list of thousands of ids costs the database more than the extra rows.
MAX_IDS_IN_QUERY = 1000


def onboarding_alerts(placements, first, last, today):
    """Yield (placement, kind, due) of the placements' overdue checklist items and missing evaluations."""
    by_pk = {p.pk: p for p in placements}
    if not by_pk:
        return
    many = len(by_pk) > MAX_IDS_IN_QUERY
    running = Q(placement__actual_end__isnull=True) | Q(placement__actual_end__gte=first)
    items = ChecklistItem.objects.filter(done_on__isnull=True, due__lt=today, due__gte=first)
    items = items if many else items.filter(checklist__placement_id__in=by_pk)
    late = {(placement_id, due) for placement_id, due in items.values_list("checklist__placement_id", "due") if placement_id in by_pk}
    for placement_id, due in sorted(late):
        yield by_pk[placement_id], CHECKLIST_OVERDUE, due
    evaluations = Evaluation.objects.filter(running) if many else Evaluation.objects.filter(placement_id__in=by_pk)
    held = defaultdict(list)
    for placement_id, day in evaluations.values_list("placement_id", "held_on"):
        if placement_id in by_pk:
            held[placement_id].append(day)
    for placement in by_pk.values():
        for due in missing_for(placement, held.get(placement.pk, ()), today, until=min(last, today)):
            if due >= first:
                yield placement, EVALUATION_MISSING, due


def settled_evaluations(alerts):
    """Return the "evaluation due" alerts (rules.deadlines) that a recorded evaluation already covers."""
    due = [a for a in alerts if a.kind == EVALUATION_DUE]
    if not due:
        return []
    held = defaultdict(list)
    for placement_id, day in Evaluation.objects.filter(placement_id__in={a.placement.pk for a in due}).values_list("placement_id", "held_on"):
        held[placement_id].append(day)
    settled = []
    for alert in due:
        planned = planned_evaluations(alert.placement, alert.due)
        # Covered when the planned day is no longer missing on the day after it.
        if alert.due in planned and alert.due not in missing_evaluations(planned, held.get(alert.placement.pk, ()), alert.due + timedelta(days=1)):
            settled.append(alert)
    return settled


def planned_evaluations(placement, until):
    """Return the placement's planned evaluation days up to until (and not after its end)."""
    version = placement.scheme_version
    if version is None:
        return []
    end = placement.actual_end or placement.planned_end
    limit = until if end is None else min(until, end)
    return evaluation_dates(placement.start, version.follow_up_first_months, version.follow_up_every_months, limit)


def missing_for(placement, held, today, until=None):
    """Return the planned evaluation days of the placement before today that no recorded evaluation covers."""
    return missing_evaluations(planned_evaluations(placement, until or today), held, today)
