"""Publications: the figures that leave HR, made once for a reference date HR publishes, then only read.

Why: a live query lets a MED member step the reference date a day at a time and see single starts
and ends, and two pages that suppress the same figures separately can be solved together. So every
page that shows a MED member a figure (dashboard, annual report and its exports, start page, unit
list and unit page) reads one stored publication, and a MED member can only pick among the dates
HR has published. HR keeps its live, exact pages.

One publication holds, per scope a MED member can have (the whole municipality and each MED
member's area), the report as published: its tables with shown values and markers. Within a
scope every page reads the same tables, so the start page's scheme totals are the report's row
totals and the unit list's figures are the report's column totals: no page publishes a second
table of the same people. A later publication that shows an already published period again
(next year's "year before" column, a day of the five-year trend) reuses what was published:
the exact counts and the suppression pattern of each count table (rules.suppression's
``previous_pattern``) and the shown values of every other figure.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from rummelig.accounts.access import access_for
from rummelig.accounts.models import Role
from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.core.formats import long_date
from rummelig.rules.suppression import HIDDEN

from .figures import Period, Scope
from .models import Publication
from .report import Report, made_by
from .tables import PERCENT, BuiltSection, Column, Row, Table

WHOLE = ""


class PublishError(ValueError):
    """A date HR may not publish, with the reason in Danish for the page."""


def scope_key(scope):
    """Return the key a scope's report is stored under: its top units' ids, "" for the whole municipality."""
    return WHOLE if scope.whole else ",".join(str(pk) for pk in sorted(scope.root_ids))


def reads_publications(access):
    """True when the user's figures leave HR (a MED member): they see publications, never live figures."""
    return access.sees_aggregates and not access.sees_exact_figures


def med_scopes():
    """Return {key: Scope} of every scope a MED member's pages show, and the whole municipality."""
    scopes = {WHOLE: Scope()}
    for user in get_user_model().objects.filter(role_assignments__role=Role.MED, is_active=True).distinct():
        access = access_for(user)
        if reads_publications(access):
            scope = Scope.for_access(access)
            scopes.setdefault(scope_key(scope), scope)
    return scopes


# Values as JSON ----------------------------------------------------------------------------------


def _dump(value):
    if isinstance(value, Decimal):
        return {"d": str(value)}
    return value


def _load(value):
    if isinstance(value, dict):
        return Decimal(value["d"])
    return value


def _dump_table(table):
    return {
        "key": table.key, "title": table.title, "row_header": table.row_header, "note": table.note,
        "chart": str(table.chart), "with_previous": table.with_previous, "year_labels": list(table.year_labels),
        "columns": [{"label": c.label, "kind": c.kind} for c in table.columns],
        "rows": [
            {"label": r.label, "total": r.total, "kind": r.kind, "values": [_dump(v) for v in r.values],
             "previous": None if r.previous is None else [_dump(v) for v in r.previous]}
            for r in table.rows
        ],
    }


def _load_table(data):
    return Table(
        data["key"], data["title"], data["row_header"], [Column(c["label"], c["kind"]) for c in data["columns"]],
        [Row(r["label"], [_load(v) for v in r["values"]], None if r["previous"] is None else [_load(v) for v in r["previous"]],
             total=r["total"], kind=r["kind"]) for r in data["rows"]],
        note=data["note"], chart=mark_safe(data["chart"]), with_previous=data["with_previous"], year_labels=tuple(data["year_labels"]),
    )


def load_sections(document, keys=None):
    """Return the stored sections as BuiltSections (all, or those named by keys in that order)."""
    sections = {s["key"]: s for s in document["sections"]}
    order = [s["key"] for s in document["sections"]] if keys is None else [k for k in keys if k in sections]
    return [
        BuiltSection(key, sections[key]["title"], sections[key]["intro"], [_load_table(t) for t in sections[key]["tables"]])
        for key in order
    ]


# Earlier publications -------------------------------------------------------------------------


class History:
    """The earlier publications of one scope, as a Report being published reads them."""

    def __init__(self, key, publications):
        self.documents = [(p.reference, p.scopes[key]) for p in publications if key in p.scopes]

    def document(self, period):
        """Return the published report whose own period is period, or None."""
        return next((doc for reference, doc in self.documents if reference == period.reference), None)

    def pattern(self, period, key):
        document = self.document(period)
        if document is None or key not in document["patterns"]:
            return None
        pattern = document["patterns"][key]
        return {
            "cells": pattern["cells"],
            "hidden": [tuple(p) for p in pattern["hidden"]],
            "relabelled": [tuple(p) for p in pattern["relabelled"]],
        }

    def day_totals(self, day):
        """Return {"schemes": {scheme id: shown}, "total": shown} as published for day, or None."""
        for _reference, document in self.documents:
            totals = document["day_totals"].get(day.isoformat())
            if totals is not None:
                return {"schemes": {int(s): v for s, v in totals["schemes"].items()}, "total": totals["total"]}
        return None


def _align_previous(sections, earlier):
    """Show the year before exactly as the earlier publication showed it, figure for figure.

    The count tables were made with the earlier pattern forced (Report.publish), so they hide at
    least what it hid; the figures shown are then the earlier ones, so nothing new is told.

    A row the earlier table did not have was zero there (its totals covered every row), so it
    shows zero now rather than a marker that would tell nothing new anyway.
    """
    tables = {t["key"]: t for s in earlier["sections"] for t in s["tables"]}
    for section in sections:
        for table in section.tables:
            before = tables.get(table.key)
            if before is None:
                continue
            empty = not before["rows"]  # "nothing to show": every figure of that year was zero
            if not empty and [c["label"] for c in before["columns"]] != [c.label for c in table.columns]:
                continue
            rows = {r["label"]: r["values"] for r in before["rows"]}
            complete = empty or any(r["total"] for r in before["rows"])
            for row in table.rows:
                if row.previous is None:
                    continue
                if row.label in rows:
                    row.previous = [_load(v) for v in rows[row.label]]
                elif complete and (empty or not row.total):
                    row.previous = [None if kind == PERCENT else 0 for kind in row.kinds(table.columns)]


def build(reference, scope, history, author):
    """Return the document stored for one scope: the report for reference as it leaves HR."""
    report = Report(scope, Period.for_year(reference.year, reference), suppress=True, made_by=author, history=history)
    sections = report.sections()
    earlier = history.document(report.period.previous())
    if earlier is not None:
        _align_previous(sections, earlier)
    headcount = report.headcount.counts
    balance = report.patterns.get("balance")
    units = {}
    for column in scope.columns:
        placements = headcount.col_total(column.id) if column.id in headcount.cols else 0
        staff = balance.value(column.id, "n") if balance is not None and column.id in balance.rows else 0
        units[str(column.id)] = {"placements": placements, "staff": staff}
    for root in scope.root_ids:  # a scope's top unit shows the report's totals (it may also be a column)
        units[str(root)] = {
            "placements": headcount.grand_total() if headcount.rows else 0,
            "staff": balance.col_total("n") if balance is not None else 0,
        }
    return {
        "title": str(report.title),
        "scope": report.scope_label(),
        "year": report.year,
        "reference": reference.isoformat(),
        "made_at": report.made_at.isoformat(),
        "made_by": author,
        "sections": [
            {"key": s.key, "title": s.title, "intro": s.intro, "tables": [_dump_table(t) for t in s.tables]} for s in sections
        ],
        "patterns": {key: table.pattern() for key, table in report.patterns.items()},
        "day_totals": {
            day.isoformat(): {"schemes": {str(s): v for s, v in totals["schemes"].items()}, "total": totals["total"]}
            for day, totals in report.day_totals.items()
        },
        "units": units,
        "headcount_columns": list(headcount.cols),  # the unit ids of the headcount table's columns, in order
        "schemes": [
            {"id": s, "name": report.schemes[s].name, "code": report.schemes[s].code, "count": headcount.row_total(s)}
            for s in headcount.rows
        ],
        "total": headcount.grand_total() if headcount.rows else 0,
    }


@transaction.atomic
def publish(reference, user):
    """Publish the figures for reference for every MED scope, once; audited. Returns the Publication."""
    today = timezone.localdate()
    if reference > today:
        raise PublishError(_("The reference date cannot be in the future."))
    latest = Publication.objects.order_by("-reference").first()
    if latest is not None and reference <= latest.reference:
        raise PublishError(_(
            "Figures have already been published for %(latest)s. A new publication must have a later reference date, "
            "so that no period is published twice with different figures."
        ) % {"latest": long_date(latest.reference)})
    earlier = list(Publication.objects.all())
    author = made_by(user)
    documents = {key: build(reference, scope, History(key, earlier), author) for key, scope in med_scopes().items()}
    publication = Publication.objects.create(reference=reference, published_by=user, scopes=documents)
    log.record(
        user, AuditEntry.Action.CREATE, publication, object_type="publication",
        detail=f"reference={reference.isoformat()}; scopes={len(documents)}",
    )
    return publication


# Reading ----------------------------------------------------------------------------------------


class PublishedReport:
    """A stored report with the attributes the pages and the exports read from a Report."""

    suppress = True

    def __init__(self, publication, document):
        self.publication = publication
        self.document = document
        self.title = document["title"]
        self.year = document["year"]
        self.period = Period.for_year(self.year, parse_date(document["reference"]))
        self.made_by = document["made_by"]
        self.made_at = parse_datetime(document["made_at"])
        self.year_labels = (str(self.year), str(self.year - 1))

    def scope_label(self):
        return self.document["scope"]

    def sections(self, keys=None):
        return load_sections(self.document, keys)

    def unit_figures(self, unit_id):
        """Return (placements, staff) as published for a unit that is a column of the report, else None."""
        figures = self.document["units"].get(str(unit_id))
        return None if figures is None else (figures["placements"], figures["staff"])

    def schemes(self):
        """Return [{scheme__name, scheme__code, count}] of the schemes with placements on the reference date."""
        return [
            {"scheme__name": s["name"], "scheme__code": s["code"], "count": s["count"]}
            for s in sorted(self.document["schemes"], key=lambda s: s["name"]) if s["count"] != 0
        ]

    @property
    def total(self):
        return self.document["total"]

    def part(self, column_ids):
        """Return the figures of some of the report's columns (a committee's area), or None.

        Made from the shown numbers only: a sum is shown when every number in it is, and is "x"
        otherwise, so the part tells nothing the report does not (rummelig.rules.suppression
        protects one table; a second table of the same people, suppressed on its own, would let a
        reader who sees both work out a hidden count). None for a publication made before the
        columns were stored.
        """
        ids = self.document.get("headcount_columns")
        table = next((t for s in self.document["sections"] for t in s["tables"] if t["key"] == "headcount"), None)
        if ids is None or table is None:
            return None
        if not table["columns"]:
            return PartFigures(self, [], 0)
        chosen = [i for i, pk in enumerate(ids) if pk in set(column_ids)]
        every = len(chosen) == len(ids)

        def summed(row):
            values = [_load(v) for v in row["values"]]
            if every:  # the row's total, shown even where a cell is not
                return values[-1]
            parts = [values[i] for i in chosen]
            if len(parts) == 1:  # one column: its cell as shown, "<5" included
                return parts[0]
            return HIDDEN if any(isinstance(v, str) for v in parts) else sum(parts, 0)

        schemes = [(row["label"], summed(row)) for row in table["rows"] if not row["total"]]
        total = next(summed(row) for row in table["rows"] if row["total"])
        return PartFigures(self, schemes, total)


class PartFigures:
    """A committee's figures as its member's own publication shows them (PublishedReport.part)."""

    def __init__(self, report, schemes, total):
        self.publication = report.publication
        self.period = report.period
        self.total = total
        self._schemes = schemes

    def schemes(self):
        """Return [{scheme__name, count}] like PublishedReport.schemes (a scheme with 0 is left out)."""
        return [{"scheme__name": name, "count": count} for name, count in sorted(self._schemes, key=lambda s: s[0]) if count != 0]


def published_for(access):
    """Return the PublishedReports of the user's scope, newest first (empty if none is published)."""
    key = scope_key(Scope.for_access(access))
    return [PublishedReport(p, p.scopes[key]) for p in Publication.objects.all() if key in p.scopes]


def latest_for(access):
    """Return the newest PublishedReport of the user's scope, or None (reads publications newest first, stops at one)."""
    key = scope_key(Scope.for_access(access))
    for publication in Publication.objects.all().iterator(chunk_size=1):
        if key in publication.scopes:
            return PublishedReport(publication, publication.scopes[key])
    return None


def choose(access, year=None, reference=None):
    """Return (PublishedReport or None, error text) for what a MED member asked for.

    A reference date that was not published is refused, whatever else is asked: a MED member
    cannot choose a date.
    """
    reports = published_for(access)
    if not reports:
        return None, _("No figures have been published for your area yet. HR publishes them for the annual report's date.")
    if reference is not None:
        found = next((r for r in reports if r.period.reference == reference), None)
        if found is None:
            return None, _("No figures have been published for %(day)s. Choose one of the published dates.") % {
                "day": long_date(reference)}
        return found, ""
    if year is not None:
        found = next((r for r in reports if r.year == year), None)
        if found is None:
            return None, _("No figures have been published for %(year)s. Choose one of the published dates.") % {"year": year}
        return found, ""
    return reports[0], ""


def parse_choice(data):
    """Return (year, reference, error) from a MED member's query string; bad input is an error, never a 500."""
    year = reference = None
    error = ""
    raw_year, raw_reference = data.get("year", "").strip(), data.get("reference", "").strip()
    if raw_year:
        year = int(raw_year) if raw_year.isdigit() and len(raw_year) == 4 else None
        if year is None:
            error = _("The year must be written with four digits, e.g. %(year)s.") % {"year": timezone.localdate().year}
    if raw_reference:
        try:
            reference = parse_date(raw_reference)
        except ValueError:
            reference = None
        if reference is None:
            error = _("The date must be written as yyyy-mm-dd.")
    return year, reference, error

