"""The annual report counts retention cases and their results per centre: exact for HR, suppressed when it leaves HR."""

from datetime import date

import pytest

from rummelig.reports.figures import Scope
from rummelig.reports.report import Report
from rummelig.reports.sections import REGISTRY, discover
from rummelig.retention.models import Result, RetentionCase
from rummelig.testing import make_person

pytestmark = pytest.mark.django_db


def _cases(world):
    for n in range(6):
        RetentionCase.objects.create(person=make_person("P", f"Nr{n}"), unit=world.solsikken, opened_on=date(2026, 2, 1),
                                     closed_on=date(2026, 6, 1), result=Result.ORDINARY)
    RetentionCase.objects.create(person=make_person("Q", "Fleks"), unit=world.aabjerg, opened_on=date(2026, 3, 1),
                                 closed_on=date(2026, 5, 1), result=Result.FLEKSJOB)
    RetentionCase.objects.create(person=make_person("R", "Åben"), unit=world.aabjerg, opened_on=date(2025, 11, 1))


def _table(report, key):
    discover()
    return next(t for t in REGISTRY["retention"].tables(report) if t.key == key)


def _row(table, name):
    return next(r.values for r in table.rows if r.label == name)


def test_hr_sees_the_exact_counts_per_centre(world):
    _cases(world)
    report = Report.for_year(Scope(), 2026, date(2026, 12, 31), suppress=False)
    results = _table(report, "retention_results")
    assert _row(results, "Center for Børn og Unge")[0] == 6  # back on ordinary terms
    assert _row(results, "Center for Ældre og Sundhed")[1] == 1  # fleksjob
    activity = _table(report, "retention_cases")
    assert _row(activity, "Center for Ældre og Sundhed") == [1, 1]  # one opened in 2026, one (from 2025) still open


def test_counts_under_five_are_suppressed_when_the_report_leaves_hr(world):
    _cases(world)
    report = Report.for_year(Scope(), 2026, date(2026, 12, 31), suppress=True)
    results = _table(report, "retention_results")
    shown = [v for r in results.rows for v in r.values]
    assert 1 not in shown and 6 in shown
