"""A MED member attacks the published figures with everything their login reaches.

The attacker asks for every date they like (the annual report page and its JSON export, with
and without a year), reads the dashboard, the start page and the unit list, and then solves all
the published count tables of every publication together as an integer program (scipy's milp):
cells are whole numbers ≥ 0, rows and columns add up to their totals, "<5" means 1-4, a period
shown in two publications is the same unknown in both, and the start page's, the trend's and the
balance table's figures are sums of the headcount table's cells of the temporary schemes. For every hidden number ("<5"
or "x") the smallest and the largest value that fits everything must differ: none is pinned.
"""

from collections import defaultdict
from datetime import date, timedelta

import numpy as np
import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from rummelig.accounts.models import Role
from rummelig.alerts.balance import temporary_scheme_ids
from rummelig.reports.publications import publish
from rummelig.rules.dates import same_day_in
from rummelig.rules.suppression import HIDDEN, SUPPRESSED
from rummelig.schemes.models import Scheme
from rummelig.testing import make_employment, make_person, make_placement, make_user

PUBLISHED = [date(2024, 12, 31), date(2025, 6, 30), date(2025, 12, 31)]
TOTAL = "I alt"
CAP = 10_000  # far above any count here; only keeps the program bounded


# The attacker's program ------------------------------------------------------------------------


class Program:
    """Unknown counts (whole numbers ≥ 0), linear facts about them, and the hidden sums to test."""

    def __init__(self):
        self.variables = {}
        self.rows = []  # (coefficients {index: 1}, low, high)
        self.hidden = {}  # frozenset of indices -> where it was seen, for the message
        self.shown = set()  # sums some page shows as a number (a later "x" over them hides nothing)

    def var(self, key):
        return self.variables.setdefault(key, len(self.variables))

    def fact(self, keys, shown, where):
        """Record what one published number says about the sum of the unknowns named by keys."""
        indices = frozenset(self.var(k) for k in keys)
        if shown is None:
            return
        if shown == HIDDEN:
            self.hidden.setdefault(indices, where)
            return
        if shown == SUPPRESSED:
            self.rows.append((dict.fromkeys(indices, 1), 1, 4))
            self.hidden.setdefault(indices, where)
            return
        assert isinstance(shown, int), (where, shown)
        self.shown.add(indices)
        self.rows.append((dict.fromkeys(indices, 1), shown, shown))

    def same(self, left_keys, right_keys):
        """Record that two sums are the same people counted twice."""
        coefficients = defaultdict(int)
        for k in left_keys:
            coefficients[self.var(k)] += 1
        for k in right_keys:
            coefficients[self.var(k)] -= 1
        self.rows.append((dict(coefficients), 0, 0))

    def _matrix(self):
        n = len(self.variables)
        rows, lows, highs = [], [], []
        for coefficients, low, high in self.rows:
            row = np.zeros(n)
            for i, coefficient in coefficients.items():
                row[i] = coefficient
            rows.append(row)
            lows.append(low)
            highs.append(high)
        return LinearConstraint(np.array(rows), lows, highs)

    def pinned(self):
        """Return where the hidden sums are that have one value only in every table that fits."""
        n = len(self.variables)
        constraints = self._matrix()
        bounds = Bounds(np.zeros(n), np.full(n, CAP))
        pinned = []
        for indices, where in self.hidden.items():
            if indices in self.shown:
                continue
            c = np.zeros(n)
            c[list(indices)] = 1
            low = milp(c, constraints=constraints, bounds=bounds, integrality=np.ones(n))
            high = milp(-c, constraints=constraints, bounds=bounds, integrality=np.ones(n))
            assert low.status == 0 and high.status == 0, f"what was published has no solution at {where}: the model is wrong"
            if round(low.fun) == round(-high.fun):
                pinned.append((where, round(low.fun)))
        return pinned


def add_document(program, document):
    """Add every count table of a published report (both years) to the program."""
    days = {"value": date.fromisoformat(document["reference_date"]), "previous": date.fromisoformat(document["previous_reference_date"])}
    for section in document["sections"]:
        for table in section["tables"]:
            add_table(program, table, days)


def add_table(program, table, days):
    columns = table["columns"]
    counted = [i for i, c in enumerate(columns) if c["kind"] == "count"]
    total_column = next((i for i in counted if columns[i]["label"] == TOTAL and i > 0), None)
    parts = [i for i in counted if total_column is not None and i < total_column] if total_column is not None else counted
    inner = [r for r in table["rows"] if not r["total"]]
    totals = [r for r in table["rows"] if r["total"]]
    key = table["key"]
    for slot in ("value", "previous"):
        if inner and slot not in inner[0]["cells"][0]:
            continue

        def day_of(i):
            if key == "trend":  # a column per year, each the headcount of that year's same day
                return same_day_in(days["value"], int(columns[i]["label"]))
            return days[slot]  # noqa: B023 - called within this iteration only

        def cell(row_label, i):
            return (day_of(i), key, row_label, columns[i]["label"])

        for row in inner:
            for i in parts:
                program.fact([cell(row["label"], i)], row["cells"][i][slot], (key, slot, row["label"], columns[i]["label"]))
            if total_column is not None:
                program.fact([cell(row["label"], i) for i in parts], row["cells"][total_column][slot], (key, slot, row["label"], TOTAL))
        for row in totals:
            for i in parts:
                program.fact([cell(r["label"], i) for r in inner], row["cells"][i][slot], (key, slot, TOTAL, columns[i]["label"]))
            if total_column is not None:
                program.fact([cell(r["label"], i) for r in inner for i in parts], row["cells"][total_column][slot], (key, slot, TOTAL, TOTAL))


def link_tables(program, documents):
    """The trend's schemes and the balance table's centres are the headcount table's rows and columns."""
    headcount = {}  # day -> (schemes, centres)
    for document in documents:
        for _slot, day in (("value", document["reference_date"]), ("previous", document["previous_reference_date"])):
            table = find_table(document, "headcount")
            if table is not None and table["columns"]:
                headcount[date.fromisoformat(day)] = ([r["label"] for r in table["rows"] if not r["total"]],
                                                      [c["label"] for c in table["columns"][:-1]])

    def cells(day, scheme=None, centre=None, among=None):
        schemes, centres = headcount[day]
        return [(day, "headcount", s, c) for s in schemes for c in centres
                if scheme in (None, s) and centre in (None, c) and (among is None or s in among)]

    def temporary(day):
        """The balance counts the temporary schemes only (alerts.balance), by the names the tables show."""
        return set(Scheme.objects.filter(pk__in=temporary_scheme_ids(day)).values_list("name", flat=True))

    for document in documents:
        reference = date.fromisoformat(document["reference_date"])
        _link_trend(program, find_table(document, "trend"), reference, headcount, cells)
        balance = find_table(document, "balance")
        if balance is not None and balance["columns"]:
            label = balance["columns"][0]["label"]
            for day in (reference, date.fromisoformat(document["previous_reference_date"])):
                for row in balance["rows"]:
                    if not row["total"] and day in headcount:
                        program.same([(day, "balance", row["label"], label)], cells(day, centre=row["label"], among=temporary(day)))


def _link_trend(program, trend, reference, headcount, cells):
    """Each year's scheme in the trend is the headcount table's row of that scheme on the same day."""
    if trend is None:
        return
    for column in trend["columns"]:
        day = same_day_in(reference, int(column["label"]))
        if day in headcount:
            for row in trend["rows"]:
                if not row["total"]:
                    program.same([(day, "trend", row["label"], column["label"])], cells(day, scheme=row["label"]))


def find_table(document, key):
    return next((t for s in document["sections"] for t in s["tables"] if t["key"] == key), None)


# What the attacker can reach ----------------------------------------------------------------


def export_json(client, **params):
    return client.get(reverse("reports:annual_export", args=["json"]), params)


def collect(client, tried_days):
    """Ask for every day and year; return the distinct documents served (refusals serve nothing)."""
    documents = {}
    asks = [{"reference": day.isoformat()} for day in tried_days] + [{"year": str(y)} for y in (2023, 2024, 2025, 2026)]
    asks += [{"year": str(day.year), "reference": day.isoformat()} for day in tried_days] + [{}]
    for params in asks:
        response = export_json(client, **params)
        if response.status_code == 400:
            assert params.get("reference", PUBLISHED[0].isoformat()) not in {d.isoformat() for d in PUBLISHED} or "year" in params
            continue
        assert response.status_code == 200, params
        document = response.json()
        assert date.fromisoformat(document["reference_date"]) in PUBLISHED, "only published dates are served"
        if "reference" in params:
            assert document["reference_date"] == params["reference"]
        served = documents.setdefault(document["reference_date"], document)
        assert {k: v for k, v in served.items() if k != "made_at"} == {k: v for k, v in document.items() if k != "made_at"}, (
            "the same date is always served the same figures")
    return list(documents.values())


def check_api_has_no_figures(client):
    """The API gives a MED member units (no figures) and no placement or person to count."""
    for path in ("/api/v1/placements", "/api/v1/people"):
        response = client.get(path)
        assert response.status_code in (403, 404) or response.json()["count"] == 0, path
    units = client.get("/api/v1/units").json()["items"]
    assert units and not any(key in unit for unit in units for key in ("placements", "staff", "count"))


def check_pages_agree(client, documents):
    """The start page, the dashboard and the unit list show the latest publication's figures, nothing else."""
    latest = max(documents, key=lambda d: d["reference_date"])
    headcount = find_table(latest, "headcount")
    totals = {r["label"]: r["cells"][-1]["value"] for r in headcount["rows"] if not r["total"]} if headcount["columns"] else {}
    start = client.get(reverse("start")).context
    assert {row["scheme__name"]: row["count"] for row in start["per_scheme"]} == {k: v for k, v in totals.items() if v != 0}
    dashboard = client.get(reverse("reports:dashboard")).context
    shown = next(t for s in dashboard["sections"] for t in s.tables if t.key == "headcount")
    assert [[*r.values] for r in shown.rows] == [[c["value"] for c in r["cells"]] for r in headcount["rows"]]


# The property ----------------------------------------------------------------------------------

placements = st.lists(
    st.tuples(
        st.sampled_from(["solsikken", "skovbrynet", "aabjerg"]),
        st.sampled_from(["fleksjob", "loentilskud", "seniorjob", "elev", "virksomhedspraktik"]),
        st.integers(0, 1000),
        st.one_of(st.none(), st.integers(1, 500)),
        st.sampled_from(["", "uddannelse", "ingen_job"]),
        st.sampled_from([None, True, False]),
    ),
    min_size=1,
    max_size=45,
)


@pytest.mark.django_db(transaction=False)
@settings(max_examples=8, deadline=None, derandomize=True, phases=(Phase.explicit, Phase.reuse, Phase.generate), suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(placements=placements, staff=st.lists(st.integers(0, 9), min_size=3, max_size=3),
       probes=st.lists(st.integers(0, 900), max_size=4))
def test_no_hidden_count_can_be_worked_out_from_everything_a_med_member_reaches(world, login, placements, staff, probes):
    with transaction.atomic():
        hoved = make_user("med_hoved", "Hans", "Hovedudvalg", Role.MED, world.kommune)
        for workplace, count in zip(("solsikken", "skovbrynet", "aabjerg"), staff, strict=True):
            for i in range(count):
                make_employment(make_person("Åse", f"Kollega{workplace}{i}"), getattr(world, workplace), start=date(2023, 1, 1))
        for workplace, scheme, offset, length, outcome, own in placements:
            start = date(2023, 6, 1) + timedelta(days=offset)
            end = start + timedelta(days=length) if length else None
            make_placement(getattr(world, workplace), scheme, start=start, planned_end=end, actual_end=end, outcome=outcome,
                           lives_in_municipality=own, via_own_jobcenter=own)
        for day in PUBLISHED:
            publish(day, world.hr)
        # The attacker steps the date around each publication and tries days of their own.
        tried = {day + timedelta(days=k) for day in PUBLISHED for k in (-1, 0, 1)} | {date(2024, 1, 1) + timedelta(days=p) for p in probes}
        for member in (world.med_a, hoved):
            client = login(member)
            documents = collect(client, sorted(tried))
            assert sorted(d["reference_date"] for d in documents) == [d.isoformat() for d in PUBLISHED]
            check_pages_agree(client, documents)
            check_api_has_no_figures(client)
            program = Program()
            for document in documents:
                add_document(program, document)
            link_tables(program, documents)
            assert program.pinned() == []
        transaction.set_rollback(True)


# The attacker catches what it should ------------------------------------------------------------


def test_the_attacker_pins_a_period_published_twice_with_different_patterns():
    """The issue's attack: this year's table and next year's "previous year" column hide different cells."""
    program = Program()
    day = date(2025, 12, 31)
    table_now = {"key": "t", "columns": [{"label": "a", "kind": "count"}, {"label": "b", "kind": "count"}, {"label": TOTAL, "kind": "count"}],
                 "rows": [{"label": "r", "total": False, "cells": [{"value": SUPPRESSED}, {"value": HIDDEN}, {"value": 12}]},
                          {"label": "s", "total": False, "cells": [{"value": HIDDEN}, {"value": HIDDEN}, {"value": 20}]},
                          {"label": TOTAL, "total": True, "cells": [{"value": 10}, {"value": 22}, {"value": 32}]}]}
    later = {"key": "t", "columns": table_now["columns"],
             "rows": [{"label": "r", "total": False, "cells": [{"value": HIDDEN}, {"value": 9}, {"value": 12}]},
                      {"label": "s", "total": False, "cells": [{"value": HIDDEN}, {"value": 13}, {"value": 20}]},
                      {"label": TOTAL, "total": True, "cells": [{"value": 10}, {"value": 22}, {"value": 32}]}]}
    add_table(program, table_now, {"value": day, "previous": day})
    alone = Program()
    add_table(alone, table_now, {"value": day, "previous": day})
    assert alone.pinned() == []
    add_table(program, later, {"value": day, "previous": day})
    assert (("t", "value", "r", "a"), 3) in program.pinned()


def test_the_attacker_pins_four_ones_under_a_total_under_five():
    program = Program()
    columns = [{"label": c, "kind": "count"} for c in "wxyz"] + [{"label": TOTAL, "kind": "count"}]
    add_table(program, {"key": "t", "columns": columns, "rows": [
        {"label": "r", "total": False, "cells": [{"value": SUPPRESSED}] * 5},
        {"label": TOTAL, "total": True, "cells": [{"value": SUPPRESSED}] * 5},
    ]}, {"value": date(2025, 12, 31), "previous": date(2024, 12, 31)})
    assert len(program.pinned()) == 5  # four cells and their total (the total row repeats them)


def test_the_attacker_pins_two_hidden_workplaces_from_a_centre_total():
    """The issue's unit-list attack: two hidden workplaces that together lack 8 are both 4."""
    program = Program()
    columns = [{"label": "n", "kind": "count"}]
    add_table(program, {"key": "t", "columns": columns, "rows": [
        {"label": "a", "total": False, "cells": [{"value": SUPPRESSED}]},
        {"label": "b", "total": False, "cells": [{"value": SUPPRESSED}]},
        {"label": "c", "total": False, "cells": [{"value": 10}]},
        {"label": TOTAL, "total": True, "cells": [{"value": 18}]},
    ]}, {"value": date(2025, 12, 31), "previous": date(2024, 12, 31)})
    assert sorted(value for _where, value in program.pinned()) == [4, 4]
