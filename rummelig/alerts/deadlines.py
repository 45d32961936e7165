"""The alerts of placements: their deadlines (rules.deadlines) and missing statements, in a window of days.

`alerts_for(placements, today)` turns any queryset of placements (already scoped to a user) into
a sorted list of `Alert`s due from `days_overdue` days ago to `days_ahead` days ahead. It reads
only placements that are not long over, fetches schemes, versions, durations and the age table
once, and converts each scheme version into its rule once, so it stays fast for a municipality
with 40,000 staff.

Kinds, besides those of rules.deadlines: "statement_missing" (a placement in a scheme that needs
the employee representative's statement, without one, due on its start date).

What is left out: the end of a placement whose actual end is registered (it is done); the
maximum duration when the planned end falls on it (the end says it); the seniorjob start duty when the job starts in time (start on or before the limit); a placement
already marked started is not missing its statement.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from rummelig.rules.deadlines import (
    EVALUATION_DUE,
    MAX_DURATION_REACHED,
    PLACEMENT_ENDS,
    RENEWAL_DUE,
    SENIORJOB_START_DUTY,
    deadlines_for,
)
from rummelig.schemes.models import AgeLimit, Scheme

from .models import Statement

STATEMENT_MISSING = "statement_missing"

DAYS_AHEAD = 60
DAYS_OVERDUE = 30

KIND_LABELS = {
    STATEMENT_MISSING: _("Employee representative's statement missing"),
    SENIORJOB_START_DUTY: _("Seniorjob must start"),
    EVALUATION_DUE: _("Evaluation due"),
    RENEWAL_DUE: _("Renewal due"),
    MAX_DURATION_REACHED: _("Maximum duration reached"),
    PLACEMENT_ENDS: _("Placement ends"),
}
KINDS = list(KIND_LABELS)
# Kinds an employee representative does not see (they follow from the target group, or from what only the
# leder and HR see); other apps add theirs with register_alerts.
HIDDEN_FROM_REPRESENTATIVES = {MAX_DURATION_REACHED}
# Alerts other apps add (onboarding: overdue checklist items, missing evaluations): functions
# source(placements, first, last, today) yielding (placement, kind, due) of placements in the queryset.
SOURCES = []
# Functions settled(alerts) returning the alerts another app knows are done (onboarding: an evaluation that
# has been recorded), which are then left out.
SETTLED = []


def register_alerts(labels, source, *, hidden_from_representatives=(), settled=None):
    """Add another app's alert kinds ({kind: label}) and the function that finds them (once)."""
    KIND_LABELS.update(labels)
    KINDS[:] = list(KIND_LABELS)
    HIDDEN_FROM_REPRESENTATIVES.update(hidden_from_representatives)
    if source not in SOURCES:
        SOURCES.append(source)
    if settled is not None and settled not in SETTLED:
        SETTLED.append(settled)


@dataclass(frozen=True)
class Alert:
    placement: object
    kind: str
    due: date

    @property
    def label(self):
        return KIND_LABELS[self.kind]

    def overdue(self, today):
        return self.due < today

    def days_left(self, today):
        return (self.due - today).days


@dataclass(frozen=True)
class Workplace:
    path: str


@dataclass(frozen=True)
class Facts:
    """What the deadlines of one placement depend on, read as plain values (no model instance per row)."""

    pk: int
    scheme_id: int
    start: date
    planned_end: date | None
    actual_end: date | None
    target_group: str
    requested_on: date | None
    started_at: object
    has_statement: bool
    birth_date: date | None
    last_name: str
    workplace: Workplace
    scheme_version: object  # the scheme's rules in force on the start (a SchemeVersion), or None


FACT_FIELDS = (
    "pk", "scheme_id", "start", "planned_end", "actual_end", "target_group", "requested_on", "started_at",
    "has_statement", "person__birth_date", "person__last_name", "workplace__path",
)


def alerts_for(placements, today, *, days_ahead=DAYS_AHEAD, days_overdue=DAYS_OVERDUE, kinds=None, hide_kinds_for=None,
               load=True):
    """Return the alerts of the placements due from ``days_overdue`` ago to ``days_ahead`` ahead, soonest first.

    ``kinds`` limits the kinds; ``hide_kinds_for(placement)`` may return kinds the reader must not
    see for that placement (an employee representative does not see dates that follow from the
    target group); it is given the placement's `Facts` (pk, dates, ``workplace.path``).

    Other apps' sources (register_alerts) get the same `Facts` (with ``scheme_version``). The deadlines are
    computed from plain values; each alert then holds its Placement (with person,
    scheme and workplace) — or, with ``load=False``, its `Facts`, so that a page can load only the
    placements it shows (`with_placements`).
    """
    first, last = today - timedelta(days=days_overdue), today + timedelta(days=days_ahead)
    wanted = set(kinds or KINDS)
    rows = (
        placements.not_ended_before(first)
        .filter(Q(start__lte=last) | Q(requested_on__isnull=False))
        .annotate(has_statement=Exists(Statement.objects.filter(placement=OuterRef("pk"))))
        .order_by()
        .values_list(*FACT_FIELDS)
    )
    # The few schemes with their versions, loaded once and shared by every placement.
    schemes = {scheme.pk: scheme for scheme in Scheme.objects.prefetch_related("versions__durations")}
    age_table = AgeLimit.table()
    rules = {}
    alerts = []
    every = []  # the Facts of every placement in the window, for other apps' alert sources
    for row in rows.iterator(chunk_size=5000):
        version = schemes[row[1]].version_on(row[2])
        facts = Facts(*row[:-1], workplace=Workplace(row[-1]), scheme_version=version)
        every.append(facts)
        if version is None:
            continue
        if version.pk not in rules:
            rules[version.pk] = version.as_rule(age_steps=age_table)
        hidden = hide_kinds_for(facts) if hide_kinds_for else ()
        for kind, due in _placement_alerts(facts, version, rules[version.pk], last):
            if kind in wanted and kind not in hidden and first <= due <= last:
                alerts.append(Alert(facts, kind, due))
    for source in SOURCES:
        for facts, kind, due in source(every, first, last, today):
            hidden = hide_kinds_for(facts) if hide_kinds_for else ()
            if kind in wanted and kind not in hidden and first <= due <= last:
                alerts.append(Alert(facts, kind, due))
    for settled in SETTLED:
        done = set(settled(alerts))
        alerts = [a for a in alerts if a not in done]
    alerts.sort(key=lambda a: (a.due, KINDS.index(a.kind), a.placement.last_name, a.placement.pk))
    return with_placements(alerts, placements.model) if load else alerts


def with_placements(alerts, model):
    """Return the alerts with each one's Placement (person, scheme, workplace) in place of its Facts, in one query."""
    ids = {a.placement.pk for a in alerts}
    loaded = model._base_manager.select_related("person", "scheme", "workplace").in_bulk(ids) if ids else {}
    return [Alert(loaded[a.placement.pk], a.kind, a.due) for a in alerts]


def _placement_alerts(placement, version, rule, horizon):
    if version.needs_statement and not placement.has_statement and placement.started_at is None and placement.actual_end is None:
        yield STATEMENT_MISSING, placement.start
    deadlines = deadlines_for(
        rule,
        placement.target_group or None,
        placement.start,
        planned_end=placement.planned_end,
        actual_end=placement.actual_end,
        birth_date=placement.birth_date,
        requested_on=placement.requested_on,
        horizon=horizon,
    )
    ends = {d.due for d in deadlines if d.kind == PLACEMENT_ENDS}
    for deadline in deadlines:
        if deadline.kind == PLACEMENT_ENDS and placement.actual_end is not None:
            continue
        if deadline.kind == MAX_DURATION_REACHED and deadline.due in ends:
            continue  # the planned end is the limit: one alert says it
        if deadline.kind == SENIORJOB_START_DUTY and placement.start <= deadline.due:
            continue
        yield deadline.kind, deadline.due
