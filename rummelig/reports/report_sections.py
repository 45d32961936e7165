"""The sections of the annual report to the Hovedudvalg (issue 5), one small class each.

Each returns titled tables made from the report's figures (rummelig.reports.figures) and
published through rummelig.reports.tables, so that counts leaving HR are suppressed and every
other number hides with its count. The dashboard shows some of the same sections.
"""

from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rummelig.alerts.balance import temporary_scheme_ids
from rummelig.core.formats import long_date
from rummelig.placements.models import Outcome
from rummelig.rules.dates import same_day_in
from rummelig.rules.suppression import HIDDEN, suppress_count

from .charts import bar_chart, line_chart
from .figures import trend
from .models import FleksjobPool, RefusionCap, Target
from .sections import Section, register
from .tables import COUNT, FTE, MONEY, NUMBER, PERCENT, Column, Masked, Row, Table, derive, difference, is_marker, matrix, share


def add_share_column(table, label, numerators, denominators):
    """Append a column with sum(numerators) / sum(denominators) of each row, from the shown values."""

    def compute(values):
        top = [values[i] for i in numerators]
        bottom = [values[i] for i in denominators]
        if any(is_marker(v) for v in top + bottom):
            return HIDDEN
        return share(sum(top), sum(bottom))

    if not table.rows:
        return table
    table.columns.append(Column(label, PERCENT))
    for row in table.rows:
        row.values.append(compute(row.values))
        if row.previous is not None:
            row.previous.append(compute(row.previous))
    return table


def _category_matrix(report, key, title, row_header, exact_now, exact_before, row_ids, row_labels, categories):
    """Publish a rows × categories count table (both years) and return (Table, published, exact)."""
    cells = tuple({(r, c): data.get(r, {}).get(c, 0) for r in row_ids for c in categories} for data in (exact_now, exact_before))
    published = report.publish(*cells, key=key)
    cells = (cells[0], report.reused_previous.get(key, cells[1]))
    table = matrix(key, title, row_header, published, row_labels, categories, total_label=_("Total"))
    return table, published, cells


@register
class Headcount(Section):
    key = "headcount"
    title = gettext_lazy("Employed on special terms")
    order = 10

    def intro(self, report):
        return _(
            "Placements that had started and had not ended on %(date)s, per scheme and centre. FTE is the hours "
            "per week divided by 37, at most 1; a placement without registered hours counts as full time."
        ) % {"date": long_date(report.period.reference)}

    def tables(self, report):
        m = report.headcount
        day = long_date(report.period.reference)
        title = _("Employed on special terms on %(date)s") % {"date": day}
        chart = bar_chart(
            "chart-headcount",
            _("Employed on special terms per centre on %(date)s") % {"date": day},
            [(report.column_labels[c], m.counts.col_total(c)) for c in m.counts.cols],
        )
        return [
            matrix("headcount", title, _("Scheme"), m.counts, report.scheme_labels, report.column_labels,
                   total_label=_("Total"), chart=chart),
            matrix("headcount_fte", _("FTE on special terms on %(date)s") % {"date": day}, _("Scheme"), m.other,
                   report.scheme_labels, report.column_labels, kind=FTE, total_label=_("Total")),
        ]


@register
class Trend(Section):
    key = "trend"
    title = gettext_lazy("Development over five years")
    order = 15

    def intro(self, report):
        return _("Employed on special terms on %(day)s each year, per scheme.") % {
            "day": date_format(report.period.reference, "j. F")
        }

    def tables(self, report):
        """The last two years are the headcount table's row totals, as published there; the three
        years before are a table of their own. No total across years is shown, so the two parts
        share no published number and neither can be used to work out what the other hides."""
        days = [same_day_in(report.period.reference, year) for year in range(report.year - 4, report.year + 1)]
        older = days[:3]
        # A day an earlier publication showed keeps the figures it showed (one pattern per day).
        history = report.history
        known = {d: history.day_totals(d) for d in days[:4]} if history is not None else {}
        known = {d: totals for d, totals in known.items() if totals is not None}
        fresh = [d for d in older if d not in known]
        counts = trend(report.scope, fresh) if fresh else {}
        headcount = report.headcount.counts
        rows = report.scheme_order(
            {s for (s, _d), n in counts.items() if n} | set(headcount.rows) | {s for t in known.values() for s in t["schemes"]}
        )
        labels = {d: str(d.year) for d in days}
        title = _("Employed on special terms, %(first)s-%(last)s") % {"first": days[0].year, "last": days[-1].year}
        if not rows:
            report.day_totals = {d: {"schemes": {}, "total": 0} for d in days}
            return [Table("trend", title, _("Scheme"), [], [], note=_("Nothing to show for this period."), with_previous=False)]
        published = report.publish({(s, d): counts.get((s, d), 0) for s in rows for d in fresh}) if fresh else None

        def value(s, i, d):
            if d in known:
                return known[d]["schemes"].get(s, 0)
            if i < 3:
                return published.value(s, d)
            if s not in headcount.rows:
                return 0
            return headcount.previous_row_total(s) if i == 3 else headcount.row_total(s)

        def total(i, d):
            if d in known:
                return known[d]["total"]
            if i < 3:
                return published.col_total(d)
            return headcount.previous_grand_total() if i == 3 else headcount.grand_total()

        values = {s: [value(s, i, d) for i, d in enumerate(days)] for s in rows}
        totals = [total(i, d) for i, d in enumerate(days)]
        report.day_totals = {
            d: {"schemes": {s: values[s][i] for s in rows}, "total": totals[i]} for i, d in enumerate(days)
        }
        table = Table("trend", title, _("Scheme"), [Column(labels[d]) for d in days],
                      [Row(report.scheme_labels[s], values[s]) for s in rows] + [Row(_("Total"), totals, total=True)],
                      with_previous=False)
        latest = {s: values[s][-1] for s in rows}
        largest = sorted(rows, key=lambda s: -(latest[s] if isinstance(latest[s], int) else 0))[:5]
        series = [(_("All schemes"), totals)] + [(report.scheme_labels[s], values[s]) for s in report.scheme_order(largest)]
        table.chart = line_chart(
            "chart-trend", _("Employed on special terms over five years"), [labels[d] for d in days], series,
            description=_("Lines for all schemes together and the five largest schemes."),
        )
        return [table]


@register
class During(Section):
    key = "during"
    title = gettext_lazy("Employed during the year and FTE-years")
    order = 20

    def intro(self, report):
        return _(
            "Placements that ran on at least one day from 1 January to %(date)s, and their FTE-years: each "
            "placement's FTE times the days it ran in that period, divided by the days of the year."
        ) % {"date": long_date(report.period.reference)}

    def applies_to(self, report):
        return not report.dashboard

    def tables(self, report):
        m = report.during
        period = _("1 January-%(date)s") % {"date": long_date(report.period.reference)}
        return [
            matrix("during", _("Employed on special terms during %(period)s") % {"period": period}, _("Scheme"), m.counts,
                   report.scheme_labels, report.column_labels, total_label=_("Total")),
            matrix("fte_years", _("FTE-years on special terms, %(period)s") % {"period": period}, _("Scheme"), m.other,
                   report.scheme_labels, report.column_labels, kind=FTE, total_label=_("Total")),
        ]


def target_label(target):
    return f"{target.unit.name}: {target.scheme_label()}"


@register
class Targets(Section):
    key = "targets"
    title = gettext_lazy("Against the targets")
    order = 30

    def intro(self, report):
        this_year, _before = report.targets(Target.Kind.TARGET)
        if not this_year:
            return _("No targets have been set for %(year)s.") % {"year": report.year}
        return _(
            "The targets HR has registered for %(year)s, against the number employed on %(date)s "
            "(headcount or FTE as the target is set). A difference below zero means fewer than the target."
        ) % {"year": report.year, "date": long_date(report.period.reference)}

    def tables(self, report):
        this_year, before = report.targets(Target.Kind.TARGET)
        m = report.headcount
        tables = []
        for measure, kind, key, title in (
            (Target.Measure.HEADCOUNT, NUMBER, "targets_headcount", _("Targets, headcount")),
            (Target.Measure.FTE, FTE, "targets_fte", _("Targets, FTE")),
        ):
            rows = []
            for target in (t for t in this_year if t.measure == measure):
                columns = report.scope.columns_under(target.unit)
                schemes = [s.pk for s in target.schemes.all()] or list(m.counts.rows)
                values = m.exact if measure == Target.Measure.HEADCOUNT else m.other_exact
                actual = derive(m.counts, values, schemes, columns)
                actual_before = derive(m.counts, values, schemes, columns, previous=True)
                old = before.get(target.comparison_key())
                old_value = old.value if old else None
                rows.append(Row(
                    target_label(target),
                    [target.value, actual, difference(actual, target.value), share(actual, target.value)],
                    [old_value, actual_before, difference(actual_before, old_value), share(actual_before, old_value)],
                ))
            if rows:
                tables.append(Table(key, title, _("Centre or municipality: schemes"), [
                    Column(_("Target"), kind), Column(_("Actual"), COUNT if kind == NUMBER else kind), Column(_("Difference"), kind),
                    Column(_("Reached"), PERCENT),
                ], rows))
        return tables


@register
class Balance(Section):
    """The balance: temporary staff on special terms against ordinary staff (alerts.balance has the same definition).

    Temporary: the schemes whose rules on the day are not permanent (not fleksjob or skånejob) –
    the "ansatte på særlige vilkår, der ikke er fastansatte" a workplace must never depend on.
    The counts are sums of the published headcount cells, so a suppressed report reveals nothing
    its headcount table does not: a column with a hidden cell shows "x".
    """

    key = "balance"
    title = gettext_lazy("Balance with ordinary staff")
    order = 40

    def intro(self, report):
        return _(
            "Balance: temporary employees on special terms as a share of ordinary staff on %(date)s. Temporary: every "
            "scheme but the permanent ones (fleksjob and skånejob), that is the employees on special terms who are not "
            "permanently employed. Ordinary staff: employments active on the day that are not subsidised (a person with "
            "two employments counts twice); their full-time positions are the sum of the FTE fractions."
        ) % {"date": long_date(report.period.reference)}

    def tables(self, report):
        m = report.headcount
        ordinary = (report.current.ordinary, report.previous.ordinary)
        temporary = (temporary_scheme_ids(report.period.reference), temporary_scheme_ids(report.period.previous().reference))
        scheme_rows = tuple(dict.fromkeys(s for year in m.exact for s, _c in year))
        cols = list(m.counts.cols) + [
            c.id for c in report.scope.columns if c.id not in m.counts.cols and any(c.id in year for year in ordinary)
        ]
        title = _("Balance on %(date)s") % {"date": long_date(report.period.reference)}
        if not cols:
            return [Table("balance", title, _("Centre"), [], [], note=_("Nothing to show for this period."))]
        cells = tuple({(c, "n"): year.get(c, (0, 0))[0] for c in cols} for year in ordinary)
        published = report.publish(*cells, key="balance")
        fte = Masked(*({(c, "n"): year.get(c, (0, Decimal(0)))[1] for c in cols} for year in ordinary), published)

        def summed(table, columns, previous):
            """Sum the shown cells of the temporary schemes in the columns.

            When one of them is hidden, the sum may still follow from what the headcount table shows: the
            columns' total less the permanent schemes' cells. Then it is shown, since hiding it as "x" would
            hide nothing (the attacker test would find it pinned); otherwise it is "x".
            """
            rows = [s for s in scheme_rows if s in temporary[previous]]
            get = table.previous_value if previous else table.value
            columns = [c for c in columns if c in m.counts.cols]
            values = [get(s, c) for s in rows for c in columns]
            if not any(is_marker(v) for v in values):
                return sum(values, 0)
            col_total = table.previous_col_total if previous else table.col_total
            permanent_rows = [s for s in scheme_rows if s not in temporary[previous]]
            routes = [([col_total(c) for c in columns], [get(s, c) for s in permanent_rows for c in columns])]
            if set(columns) == set(m.counts.cols):  # all columns: the grand total less the permanent rows' totals
                row_total = table.previous_row_total if previous else table.row_total
                grand_total = table.previous_grand_total if previous else table.grand_total
                routes.append(([grand_total()], [row_total(s) for s in permanent_rows]))
            for totals, permanent in routes:
                if not any(is_marker(v) for v in totals + permanent):
                    return sum(totals, 0) - sum(permanent, 0)
            return HIDDEN

        def values(c, previous):
            columns = [c] if c is not None else list(m.counts.cols)
            count, count_fte = summed(m.counts, columns, previous), summed(m.other, columns, previous)
            if c is None:
                staff = published.previous_col_total("n") if previous else published.col_total("n")
                staff_fte = fte.previous_col_total("n") if previous else fte.col_total("n")
            else:
                staff = published.previous_value(c, "n") if previous else published.value(c, "n")
                staff_fte = fte.previous_value(c, "n") if previous else fte.value(c, "n")
            return [count, staff, share(count, staff), count_fte, staff_fte, share(count_fte, staff_fte)]

        rows = [Row(report.column_labels[c], values(c, False), values(c, True)) for c in cols]
        rows.append(Row(_("Total"), values(None, False), values(None, True), total=True))
        table = Table("balance", title, _("Centre"), [
                          Column(_("Temporary on special terms"), COUNT), Column(_("Ordinary staff"), COUNT), Column(_("Balance"), PERCENT),
                          Column(_("Temporary, full-time positions"), FTE), Column(_("Ordinary full-time positions"), FTE),
                          Column(_("Balance in full-time positions"), PERCENT),
                      ], rows)
        table.chart = bar_chart(
            "chart-balance", _("Balance per centre: temporary employees on special terms as a share of ordinary staff"),
            [(row.label, row.values[2]) for row in rows], kind=PERCENT,
        )
        return [table]


@register
class Elever(Section):
    key = "elever"
    title = gettext_lazy("Elever")
    order = 50

    def intro(self, report):
        return _(
            "Elever who started (new training agreements) from 1 January to %(date)s, against the dimensioned "
            "number, and how many of them have no other education."
        ) % {"date": long_date(report.period.reference)}

    def tables(self, report):
        years = (report.current.elever, report.previous.elever)
        used = {c for year in years for c in year}
        rows = [c.id for c in report.scope.columns if c.is_centre or c.id in used]
        categories = {"without": _("No other education"), "with": _("Other education"), "unknown": _("Not registered")}
        exact = tuple(
            {c: {"without": e.without_education, "with": e.with_education, "unknown": e.unknown} for c, e in year.items()} for year in years
        )
        table, published, cells = _category_matrix(
            report, "elever", _("Elever started in %(year)s") % {"year": report.year}, _("Centre"), *exact, rows,
            report.column_labels, categories,
        )
        add_share_column(table, _("Share without other education"), [0], [3])
        tables = [table]
        this_year, before = report.targets(Target.Kind.DIMENSIONING)
        dimension_rows = []
        for target in this_year:
            under = report.scope.columns_under(target.unit)
            started = derive(published, cells, under, list(categories))
            started_before = derive(published, cells, under, list(categories), previous=True)
            without = derive(published, cells, under, ["without"])
            without_before = derive(published, cells, under, ["without"], previous=True)
            old = before.get(target.comparison_key())
            old_value = old.value if old else None
            dimension_rows.append(Row(
                target.unit.name,
                [target.value, started, difference(started, target.value), share(without, started)],
                [old_value, started_before, difference(started_before, old_value), share(without_before, started_before)],
            ))
        if dimension_rows:
            tables.append(Table("elever_dimensioning", _("Elever against the dimensioned number"), _("Centre or municipality"), [
                Column(_("Dimensioned"), NUMBER), Column(_("Started"), COUNT), Column(_("Difference"), NUMBER),
                Column(_("Share without other education"), PERCENT),
            ], dimension_rows))
        else:
            table.note = _("No dimensioned number of elever has been registered for %(year)s.") % {"year": report.year}
        return tables


@register
class OwnCitizens(Section):
    key = "own_citizens"
    title = gettext_lazy("Own citizens through the own jobcenter")
    order = 60

    def intro(self, report):
        return _(
            "Placements started from 1 January to %(date)s. Own citizens through the own jobcenter: the person "
            "lives in the municipality and came through its own jobcenter (both registered as yes)."
        ) % {"date": long_date(report.period.reference)}

    def tables(self, report):
        years = (report.current.own_citizens, report.previous.own_citizens)
        exact = tuple({s: {"own": c.own, "other": c.other, "unknown": c.unknown} for s, c in year.items()} for year in years)
        rows = report.scheme_order({s for year in years for s, c in year.items() if c.own or c.other or c.unknown})
        categories = {"own": _("Own citizens via own jobcenter"), "other": _("Others"), "unknown": _("Not registered")}
        table, _p, _c = _category_matrix(
            report, "own_citizens", _("Placements started, by where the person came from"), _("Scheme"), *exact, rows,
            report.scheme_labels, categories,
        )
        return [add_share_column(table, _("Share of own citizens"), [0], [3])]


@register
class Young(Section):
    key = "young"
    title = gettext_lazy("Young people under 30")
    order = 70

    def intro(self, report):
        return _(
            "Placements from 1 January to %(date)s held by people under 30 on 1 January %(year)s, and how many of "
            "those that ended went on to education."
        ) % {"date": long_date(report.period.reference), "year": report.year}

    def tables(self, report):
        years = (report.current.young, report.previous.young)
        exact = tuple({s: {"still": c.still, "education": c.education, "other": c.other} for s, c in year.items()} for year in years)
        rows = report.scheme_order({s for year in years for s in year})
        categories = {"still": _("Still employed"), "education": _("Ended: went on to education"), "other": _("Ended: other outcome")}
        table, _p, _c = _category_matrix(
            report, "young", _("Young people under 30 on special terms"), _("Scheme"), *exact, rows, report.scheme_labels, categories,
        )
        return [add_share_column(table, _("Share of those ended who went on to education"), [1], [1, 2])]


@register
class Outcomes(Section):
    key = "outcomes"
    title = gettext_lazy("Outcomes of ended placements")
    order = 80

    def intro(self, report):
        return _("Placements that ended from 1 January to %(date)s, by what the person went on to.") % {
            "date": long_date(report.period.reference)
        }

    def tables(self, report):
        years = (report.current.endings, report.previous.endings)
        exact = tuple({} for _year in years)
        for data, year in zip(exact, years, strict=True):
            for (scheme, outcome), n in year.items():
                data.setdefault(scheme, {})[outcome] = n
        rows = report.scheme_order({s for year in years for (s, _o) in year})
        categories = {value: label for value, label in Outcome.choices}
        categories[""] = _("Not registered")
        table, published, _c = _category_matrix(
            report, "outcomes", _("Ended placements by outcome"), _("Scheme"), *exact, rows, report.scheme_labels, categories,
        )
        table.chart = bar_chart(
            "chart-outcomes", _("Ended placements by outcome"),
            [(str(categories[c]), published.col_total(c)) for c in published.cols],
        )
        return [table]


@register
class Economy(Section):
    key = "economy"
    title = gettext_lazy("Economy")
    order = 90

    def applies_to(self, report):
        return not report.dashboard

    def intro(self, report):
        return _(
            "Amounts in DKK for %(year)s as HR has registered them. An amount is hidden when fewer than five "
            "placements lie behind it. Refusion for fleksjob on the old scheme is 1/2 or 2/3 of the wage, at most "
            "of the cap in force (LAB 2019 § 133), for the days the fleksjob ran in the year."
        ) % {"year": report.year}

    def tables(self, report):
        tables = []
        economy = (report.current.economy, report.previous.economy)
        if report.scope.whole:
            tables.append(self._pool(report, economy))
        tables.append(self._refusion(report, economy))
        tables.append(self._subsidies(report, economy))
        return tables

    def _pool(self, report, economy):
        budgets = {p.year: p.budget for p in FleksjobPool.objects.filter(year__in=[report.year, report.year - 1])}
        published = report.publish(*({("pool", "n"): e.pool_placements} for e in economy), key="pool")

        def column(previous):
            year = report.year - 1 if previous else report.year
            hidden = published.is_hidden("pool", "n")
            paid = HIDDEN if hidden else economy[1 if previous else 0].pool_paid
            budget = budgets.get(year)
            count = published.previous_value("pool", "n") if previous else published.value("pool", "n")
            return [budget, paid, difference(budget, paid), count]

        now, before = column(False), column(True)
        labels = [_("Budget"), _("Paid from the pool"), _("Left"), _("Placements paid from the pool")]
        rows = [Row(label, [now[i]], [before[i]], kind=COUNT if i == 3 else None) for i, label in enumerate(labels)]
        table = Table("pool", _("The fleksjob pool"), _("Figure"), [Column(_("DKK"), MONEY)], rows)
        if report.year not in budgets:
            table.note = _("HR has not entered the pool's budget for %(year)s.") % {"year": report.year}
        return table

    def _refusion(self, report, economy):
        fractions = {"1/2": _("1/2 of the wage"), "2/3": _("2/3 of the wage")}
        counts = tuple({(f, "n"): e.refusion.get(f, (0, 0, 0))[0] for f in fractions} for e in economy)
        published = report.publish(*counts, key="refusion")
        wage = Masked(*({(f, "n"): e.refusion.get(f, (0, Decimal(0), 0))[1] for f in fractions} for e in economy), published)
        refusion = Masked(*({(f, "n"): e.refusion.get(f, (0, 0, Decimal(0)))[2] for f in fractions} for e in economy), published)
        rows = [
            Row(fractions[f], [published.value(f, "n"), wage.value(f, "n"), refusion.value(f, "n")],
                [published.previous_value(f, "n"), wage.previous_value(f, "n"), refusion.previous_value(f, "n")])
            for f in fractions
        ]
        rows.append(Row(_("Total"), [published.col_total("n"), wage.col_total("n"), refusion.col_total("n")],
                        [published.previous_col_total("n"), wage.previous_col_total("n"), refusion.previous_col_total("n")], total=True))
        notes = []
        caps = RefusionCap.objects.filter(valid_from__lte=date(report.year, 12, 31)).exclude(valid_to__lt=date(report.year, 1, 1))
        for cap in caps:
            if cap.hourly_cap is None:
                notes.append(_("Cap from %(from)s: %(annual)s kr. a year (no hourly cap known).") % {
                    "from": long_date(cap.valid_from), "annual": _money(cap.annual_cap),
                })
            else:
                notes.append(_("Cap from %(from)s: %(annual)s kr. a year, %(hourly)s kr. an hour.") % {
                    "from": long_date(cap.valid_from), "annual": _money(cap.annual_cap), "hourly": _money(cap.hourly_cap, 2),
                })
        if economy[0].uncapped:
            notes.append(_("No cap is registered for part of the year; those days are counted without a cap."))
        missing = economy[0].refusion_missing
        if missing:
            shown = suppress_count(missing) if report.suppress else missing
            notes.append(_("%(count)s fleksjob on the old scheme in the year lack a wage basis or a fraction and are not counted.") % {"count": shown})
        return Table("refusion", _("Expected refusion, fleksjob on the old scheme"), _("Refusion"), [
            Column(_("Placements"), COUNT), Column(_("Wage counted (DKK)"), MONEY), Column(_("Expected refusion (DKK)"), MONEY),
        ], rows, note=" ".join(notes))

    def _subsidies(self, report, economy):
        years = (report.current, report.previous)
        register_counts = []
        register_amounts = []
        for figures in years:
            n, amount = {}, {}
            for (_c, s), counts in figures.placements.items():
                if counts.with_subsidy:
                    n[s] = n.get(s, 0) + counts.with_subsidy
                    amount[s] = amount.get(s, Decimal(0)) + figures.expected_subsidy(counts)
            register_counts.append(n)
            register_amounts.append(amount)
        schemes = report.scheme_order(
            {s for year in register_counts for s in year} | {s for e in economy for s in e.received}
        )
        if not schemes:
            return Table("subsidies", _("Subsidies per scheme"), _("Scheme"), [], [], note=_("Nothing to show for this period."))
        reg = report.publish(*({(s, "n"): year.get(s, 0) for s in schemes} for year in register_counts), key="subsidies_register")
        reg_amount = Masked(*({(s, "n"): year.get(s, Decimal(0)) for s in schemes} for year in register_amounts), reg)
        rec = report.publish(*({(s, "n"): e.received.get(s, (0, 0))[0] for s in schemes} for e in economy), key="subsidies_received")
        rec_amount = Masked(*({(s, "n"): e.received.get(s, (0, Decimal(0)))[1] for s in schemes} for e in economy), rec)

        def values(s, previous):
            if s is None:
                getters = [t.previous_col_total if previous else t.col_total for t in (reg, reg_amount, rec, rec_amount)]
                return [get("n") for get in getters]
            getters = [t.previous_value if previous else t.value for t in (reg, reg_amount, rec, rec_amount)]
            return [get(s, "n") for get in getters]

        rows = [Row(report.scheme_labels[s], values(s, False), values(s, True)) for s in schemes]
        rows.append(Row(_("Total"), values(None, False), values(None, True), total=True))
        return Table("subsidies", _("Subsidies per scheme"), _("Scheme"), [
            Column(_("Placements with a subsidy in the register"), COUNT),
            Column(_("Expected from the register (DKK)"), MONEY),
            Column(_("Placements with a subsidy received"), COUNT),
            Column(_("Received (DKK)"), MONEY),
        ], rows, note=_("Expected: each placement's yearly subsidy in the register for the days it ran from 1 January to %(date)s.") % {
            "date": long_date(report.period.reference)})


def _money(value, places=0):
    return number_format(value, places, use_l10n=True, force_grouping=True)
