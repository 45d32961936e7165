"""Every figure of the 2025 report (and 2024 beside it) for the municipality of conftest.py, by hand.

The report here is HR's exact one (suppress=False); test_suppressed_report.py checks what leaves HR.
"""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from rummelig.reports.figures import Scope
from rummelig.reports.models import RefusionCap
from rummelig.reports.report import Report

A, B, TOTAL = "Center for Børn og Unge", "Center for Ældre og Sundhed", "I alt"
OLD, FLEKS, LOEN, PRAKTIK, SENIOR, ELEV = (
    "Fleksjob (gammel ordning)", "Fleksjob", "Løntilskud", "Virksomhedspraktik", "Seniorjob", "Elever",
)


@pytest.fixture
def tables(municipality):
    report = Report.for_year(Scope(), 2025, suppress=False)
    return {table.key: table for section in report.sections() for table in section.tables}


def close(value, expected, places=4):
    """Compare a figure with a hand-worked Fraction or number to a few decimals."""
    if value is None or expected is None:
        return value is expected
    quantum = Decimal(1).scaleb(-places)
    expected = Decimal(expected.numerator) / Decimal(expected.denominator) if isinstance(expected, Fraction) else Decimal(expected)
    return Decimal(value).quantize(quantum) == expected.quantize(quantum)


def row(table, label):
    return next(r for r in table.rows if r.label == label)


def assert_row(table, label, now, before):
    found = row(table, label)
    assert all(close(v, e) for v, e in zip(found.values, now, strict=True)), (label, found.values, now)
    assert all(close(v, e) for v, e in zip(found.previous, before, strict=True)), (label, found.previous, before)


def test_the_headcount_on_the_reference_date_per_scheme_and_centre(tables):
    table = tables["headcount"]
    assert [c.label for c in table.columns] == [A, B, TOTAL]
    assert [r.label for r in table.rows] == [OLD, FLEKS, LOEN, SENIOR, ELEV, TOTAL]
    assert_row(table, OLD, [0, 1, 1], [0, 1, 1])
    assert_row(table, FLEKS, [8, 0, 8], [6, 0, 6])
    assert_row(table, LOEN, [5, 0, 5], [0, 0, 0])
    assert_row(table, SENIOR, [0, 7, 7], [0, 7, 7])
    assert_row(table, ELEV, [5, 0, 5], [0, 0, 0])
    assert_row(table, TOTAL, [18, 8, 26], [6, 8, 14])


def test_the_fte_on_the_reference_date_counts_part_time_hours(tables):
    table = tables["headcount_fte"]
    # Fleksjob in A: 6 full-time + 2 × 18.5/37.
    assert_row(table, FLEKS, [7, 0, 7], [6, 0, 6])
    assert_row(table, TOTAL, [17, 8, 25], [6, 8, 14])


def test_employed_during_the_year_counts_everyone_who_ran_a_day(tables):
    table = tables["during"]
    assert [r.label for r in table.rows] == [OLD, FLEKS, LOEN, PRAKTIK, SENIOR, ELEV, TOTAL]
    assert_row(table, LOEN, [5, 0, 5], [0, 4, 4])
    assert_row(table, PRAKTIK, [0, 3, 3], [0, 0, 0])
    assert_row(table, TOTAL, [18, 11, 29], [6, 12, 18])


def test_fte_years_are_fte_times_days_run_over_the_days_of_the_year(tables):
    table = tables["fte_years"]
    fleks = 6 + Fraction(2 * 306, 2 * 365)  # 2 × ½ FTE from 1 March (306 days)
    loen = Fraction(5 * 122, 365)  # from 1 September (122 days)
    praktik = Fraction(3 * 89, 365)  # 1 February to 30 April (89 days)
    elev = Fraction(5 * 153, 365)  # from 1 August (153 days)
    senior_2024 = Fraction(7 * 214, 366)  # from 1 June 2024 (214 days of a leap year)
    loen_2024 = Fraction(4 * 91, 366)  # 1 January to 31 March 2024
    assert_row(table, FLEKS, [fleks, 0, fleks], [6, 0, 6])
    assert_row(table, LOEN, [loen, 0, loen], [0, loen_2024, loen_2024])
    assert_row(table, PRAKTIK, [0, praktik, praktik], [0, 0, 0])
    assert_row(table, SENIOR, [0, 7, 7], [0, senior_2024, senior_2024])
    assert_row(table, ELEV, [elev, 0, elev], [0, 0, 0])
    a, b = fleks + loen + elev, 1 + praktik + 7
    assert_row(table, TOTAL, [a, b, a + b], [6, 1 + senior_2024 + loen_2024, 7 + senior_2024 + loen_2024])


def test_the_five_year_trend_counts_each_31_december(tables):
    table = tables["trend"]
    assert [c.label for c in table.columns] == ["2021", "2022", "2023", "2024", "2025"]
    assert row(table, OLD).values == [1, 1, 1, 1, 1]
    assert row(table, FLEKS).values == [0, 0, 6, 6, 8]
    assert row(table, SENIOR).values == [0, 0, 0, 7, 7]
    assert row(table, TOTAL).values == [1, 1, 7, 14, 26]
    assert "<svg" in table.chart and "Alle ordninger" in table.chart


def test_targets_are_compared_with_the_actual_number_and_the_year_before(tables):
    table = tables["targets_headcount"]
    assert [c.label for c in table.columns] == ["Måltal", "Faktisk", "Forskel", "Opfyldt"]
    assert_row(table, "Rummelig Kommune: Alle ordninger", [30, 26, -4, Fraction(2600, 30)], [25, 14, -11, 56])
    assert_row(table, f"{A}: Fleksjob, Fleksjob (gammel ordning)", [10, 8, -2, 80], [None, 6, None, None])
    fte = tables["targets_fte"]
    assert_row(fte, f"{B}: Seniorjob", [6, 7, 1, Fraction(700, 6)], [None, 7, None, None])


def test_the_balance_counts_only_the_temporary_schemes(tables):
    """Balance: temporary employees on special terms (not fleksjob, not skånejob) against ordinary staff."""
    table = tables["balance"]
    assert [c.label for c in table.columns] == [
        "Midlertidigt ansatte på særlige vilkår", "Ordinært ansatte", "Balance", "Midlertidige fuldtidsstillinger",
        "Ordinære fuldtidsstillinger", "Balance i fuldtidsstillinger",
    ]
    # A: 5 løntilskud and 5 elever are temporary; the 8 fleksjob are not counted.
    assert_row(table, A, [10, 50, 20, 10, 35, Fraction(1000, 35)], [0, 50, 0, 0, 35, 0])
    # B: 7 seniorjob; the old-scheme fleksjob is permanent. In Åbjerg 10 of 40 employments ended in June 2025.
    assert_row(table, B, [7, 30, Fraction(700, 30), 7, 30, Fraction(700, 30)], [7, 40, Fraction(700, 40), 7, 40, Fraction(700, 40)])
    assert_row(table, TOTAL, [17, 80, Fraction(1700, 80), 17, 65, Fraction(1700, 65)],
               [7, 90, Fraction(700, 90), 7, 75, Fraction(700, 75)])


def test_elever_against_the_dimensioned_number_and_without_other_education(tables):
    table = tables["elever"]
    assert [c.label for c in table.columns] == [
        "Ingen anden uddannelse", "Anden uddannelse", "Ikke registreret", TOTAL, "Andel uden anden uddannelse",
    ]
    assert_row(table, A, [3, 1, 1, 5, 60], [0, 0, 0, 0, None])
    assert_row(table, TOTAL, [3, 1, 1, 5, 60], [0, 0, 0, 0, None])
    dimensioning = tables["elever_dimensioning"]
    assert_row(dimensioning, "Rummelig Kommune", [6, 5, -1, 60], [4, 0, -4, None])


def test_own_citizens_through_the_own_jobcenter_among_placements_started(tables):
    table = tables["own_citizens"]
    assert [r.label for r in table.rows] == [FLEKS, LOEN, PRAKTIK, SENIOR, ELEV, TOTAL]
    assert_row(table, FLEKS, [2, 0, 0, 2, 100], [0, 0, 0, 0, None])
    assert_row(table, LOEN, [3, 1, 1, 5, 60], [0, 0, 4, 4, 0])
    assert_row(table, SENIOR, [0, 0, 0, 0, None], [0, 0, 7, 7, 0])
    assert_row(table, TOTAL, [8, 1, 6, 15, Fraction(800, 15)], [0, 0, 11, 11, 0])


def test_young_people_under_30_and_how_many_went_on_to_education(tables):
    table = tables["young"]
    assert [r.label for r in table.rows] == [LOEN, PRAKTIK, ELEV, TOTAL]
    assert_row(table, LOEN, [1, 0, 0, 1, None], [0, 0, 0, 0, None])
    assert_row(table, PRAKTIK, [0, 2, 0, 2, 100], [0, 0, 0, 0, None])
    assert_row(table, TOTAL, [6, 2, 0, 8, 100], [0, 0, 0, 0, None])


def test_outcomes_of_placements_that_ended_in_the_year(tables):
    table = tables["outcomes"]
    assert [c.label for c in table.columns] == [
        "Ordinært job her", "Job andetsteds", "Uddannelse", "Anden ordning", "Intet job", "Ukendt", "Ikke registreret", TOTAL,
    ]
    assert_row(table, LOEN, [0, 0, 0, 0, 0, 0, 0, 0], [4, 0, 0, 0, 0, 0, 0, 4])
    assert_row(table, PRAKTIK, [0, 0, 2, 0, 1, 0, 0, 3], [0, 0, 0, 0, 0, 0, 0, 0])


def test_the_fleksjob_pool_budget_paid_and_left(tables):
    table = tables["pool"]
    assert_row(table, "Budget", [1_000_000], [900_000])
    assert_row(table, "Udbetalt fra puljen", [120_000], [90_000])
    assert_row(table, "Tilbage", [880_000], [810_000])
    assert_row(table, "Ansættelser med udbetaling fra puljen", [6], [6])


def test_old_scheme_fleksjob_refusion_without_a_registered_cap_is_uncapped_and_says_so(tables):
    # The cap is set every year; no 2025 figure is registered, so the year is counted without a cap.
    table = tables["refusion"]
    assert_row(table, "2/3 af lønnen", [1, 600_000, 400_000], [0, 0, 0])
    assert "Der er ikke registreret et loft for en del af året" in table.note


def test_old_scheme_fleksjob_refusion_is_capped(municipality):
    # A cap for 2025 of 527,091 kr a year (a test figure at the 2019 level): 600,000 kr is above it; 2/3 is 351,394 kr.
    RefusionCap.objects.create(valid_from=date(2025, 1, 1), valid_to=date(2025, 12, 31), annual_cap=527_091,
                               hourly_cap=Decimal("273.93"), source="Test")
    report = Report.for_year(Scope(), 2025, suppress=False)
    table = {t.key: t for section in report.sections() for t in section.tables}["refusion"]
    assert_row(table, "2/3 af lønnen", [1, 527_091, 351_394], [0, 0, 0])
    assert_row(table, "1/2 af lønnen", [0, 0, 0], [0, 0, 0])
    assert "527.091 kr. pr. år" in table.note


def test_subsidies_expected_from_the_register_and_received(tables):
    table = tables["subsidies"]
    loen = Fraction(5 * 120_000 * 122, 365)
    senior_2024 = Fraction(7 * 36_500 * 214, 366)
    assert_row(table, LOEN, [5, loen, 0, 0], [0, 0, 0, 0])
    assert_row(table, SENIOR, [7, 255_500, 7, 252_000], [7, senior_2024, 0, 0])
    assert_row(table, TOTAL, [12, loen + 255_500, 7, 252_000], [7, senior_2024, 0, 0])


def test_a_reference_date_inside_the_year_counts_up_to_that_day(municipality):
    report = Report.for_year(Scope(), 2025, date(2025, 3, 31), suppress=False)
    headcount = {t.key: t for s in report.sections(["headcount"]) for t in s.tables}["headcount"]
    # 31 March 2025: A has 8 fleksjob; B has the old fleksjob, 7 seniorjob and 3 in virksomhedspraktik.
    # 31 March 2024: A has 6 fleksjob; B the old fleksjob and 4 in løntilskud (seniorjob starts in June).
    assert_row(headcount, TOTAL, [8, 11, 19], [6, 5, 11])
