"""The annual report's section on social and labour clauses in procurement (Allerød: "overvejes altid").

It is in the report of the whole municipality, so the Hovedudvalg sees it too. It holds no
personal data: tenders, clauses, requests and sanctions are counted. The counts still go through
`report.publish`, like every figure that leaves HR, so a MED member sees 1–4 as "<5", and a
sanction's amount is hidden with its count.

A tender counts in the year it was published; a documentation request in the year it was made;
a sanction in the year it was decided.
"""

from collections import Counter
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rummelig.core.formats import long_date
from rummelig.reports.sections import Section, register
from rummelig.reports.tables import COUNT, MONEY, PERCENT, Column, Masked, Row, Table, matrix, share

from .models import ClauseKind, DocumentationRequest, Sanction, Tender, TenderKind

TENDERS = "tenders"
FOLLOW_UP = ("ok", "afvigelse", "afventer", "mangler", "venter")


def _tenders_published(period):
    return Tender.objects.filter(published_on__gte=period.start, published_on__lte=period.end).prefetch_related("decisions")


def _clause_cells(period):
    cells = Counter()
    duty = Counter()
    for tender in _tenders_published(period):
        cells[(tender.kind, TENDERS)] += 1
        decisions = {d.kind: d for d in tender.decisions.all()}
        for kind in ClauseKind.values:
            if decisions.get(kind) and decisions[kind].included:
                cells[(tender.kind, kind)] += 1
        required, _limits = tender.duty()
        if required is not None and required.required:
            training = decisions.get(ClauseKind.TRAINING)
            duty[("included" if training and training.included else "exempt", "n")] += 1
    return cells, duty


def _follow_up_cells(period):
    cells = Counter()
    for item in DocumentationRequest.objects.filter(requested_on__gte=period.start, requested_on__lte=period.end):
        if item.received_on:
            column = {"ok": "ok", "afvigelse": "afvigelse"}.get(item.result, "afventer")
        else:
            column = "mangler" if item.deadline < period.end else "venter"
        cells[(item.kind, column)] += 1
    return cells


def _sanction_cells(period):
    counts, amounts = Counter(), {}
    for sanction in Sanction.objects.filter(decided_on__gte=period.start, decided_on__lte=period.end):
        counts[(sanction.kind, "n")] += 1
        amounts[(sanction.kind, "n")] = amounts.get((sanction.kind, "n"), Decimal(0)) + sanction.amount
    return counts, amounts


def _full(cells, rows, cols):
    return {(r, c): cells.get((r, c), 0) for r in rows for c in cols}


@register
class Procurement(Section):
    key = "procurement"
    title = gettext_lazy("Social and labour clauses in procurement")
    order = 95

    def applies_to(self, report):
        return report.scope.whole and not report.dashboard

    def intro(self, report):
        return _(
            "Tenders published from 1 January to %(date)s and the clauses they include; the training clause duty of "
            "udbudsloven § 176 stk. 2; documentation requested from suppliers in the period and what the control found; "
            "sanctions decided. Counts of tenders, requests and sanctions; no person is named."
        ) % {"date": long_date(report.period.reference)}

    def tables(self, report):
        now, before = report.period, report.period.previous()
        clauses_now, duty_now = _clause_cells(now)
        clauses_before, duty_before = _clause_cells(before)
        return [
            *self._clauses(report, clauses_now, clauses_before),
            self._duty(report, duty_now, duty_before),
            self._follow_up(report, _follow_up_cells(now), _follow_up_cells(before)),
            self._sanctions(report, _sanction_cells(now), _sanction_cells(before)),
        ]

    def _clauses(self, report, now, before):
        kinds = [k for k in TenderKind.values if any(cells.get((k, TENDERS)) for cells in (now, before))]
        cols = [TENDERS, *ClauseKind.values]
        published = report.publish(_full(now, kinds, cols), _full(before, kinds, cols), key="procurement_clauses")
        labels = {TENDERS: _("Tenders published"), **{k: _("With %(clause)s") % {"clause": label.lower()} for k, label in ClauseKind.choices}}
        table = matrix("procurement_clauses", _("Tenders published and the clauses they include"), _("Kind of contract"), published,
                       dict(TenderKind.choices), labels, total_label=_("Total"), row_totals=False,
                       note="" if kinds else _("No tender was published in the period."))
        if not published.rows:
            return [table]
        rows = [
            Row(label, [share(published.col_total(k), published.col_total(TENDERS))],
                [share(published.previous_col_total(k), published.previous_col_total(TENDERS))])
            for k, label in ClauseKind.choices
        ]
        shares = Table("procurement_shares", _("Share of the tenders published with each kind of clause"), _("Clause"),
                       [Column(_("Share"), PERCENT)], rows)
        return [table, shares]

    def _duty(self, report, now, before):
        rows = ["included", "exempt"]
        published = report.publish(_full(now, rows, ["n"]), _full(before, rows, ["n"]), key="procurement_duty")
        labels = {"included": _("Training clause included"), "exempt": _("Left out for a legal reason")}
        return matrix("procurement_duty", _("Tenders covered by the training clause duty (udbudsloven § 176 stk. 2)"),
                      _("Decision"), published, labels, {"n": _("Tenders")}, total_label=_("Total"), row_totals=False)

    def _follow_up(self, report, now, before):
        kinds = [k for k in DocumentationRequest.Kind.values if any(cells.get((k, c)) for cells in (now, before) for c in FOLLOW_UP)]
        published = report.publish(_full(now, kinds, FOLLOW_UP), _full(before, kinds, FOLLOW_UP), key="procurement_follow_up")
        labels = {"ok": _("Received, in order"), "afvigelse": _("Received, deviation found"), "afventer": _("Received, not checked"),
                  "mangler": _("Missing past the deadline"), "venter": _("Deadline not reached")}
        return matrix("procurement_follow_up", _("Documentation requested from suppliers and the control results"), _("Documentation"),
                      published, dict(DocumentationRequest.Kind.choices), labels, total_label=_("Total"),
                      note="" if kinds else _("No documentation was requested in the period."))

    def _sanctions(self, report, now, before):
        (counts_now, amounts_now), (counts_before, amounts_before) = now, before
        kinds = [k for k in Sanction.Kind.values if counts_now.get((k, "n")) or counts_before.get((k, "n"))]
        published = report.publish(_full(counts_now, kinds, ["n"]), _full(counts_before, kinds, ["n"]), key="procurement_sanctions")
        amounts = Masked(
            {(k, "n"): amounts_now.get((k, "n"), Decimal(0)) for k in kinds},
            {(k, "n"): amounts_before.get((k, "n"), Decimal(0)) for k in kinds}, published,
        )
        title = _("Sanctions against suppliers")
        if not kinds:
            return Table("procurement_sanctions", title, _("Sanction"), [], [], note=_("No sanctions were decided in the period."))
        labels = dict(Sanction.Kind.choices)
        rows = [Row(labels[k], [published.value(k, "n"), amounts.value(k, "n")], [published.previous_value(k, "n"), amounts.previous_value(k, "n")])
                for k in kinds]
        rows.append(Row(_("Total"), [published.col_total("n"), amounts.col_total("n")],
                        [published.previous_col_total("n"), amounts.previous_col_total("n")], total=True))
        return Table("procurement_sanctions", title, _("Sanction"), [Column(_("Sanctions"), COUNT), Column(_("Amount (DKK)"), MONEY)], rows)
