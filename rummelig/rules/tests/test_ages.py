"""Ages by birth cohort (folkepension, efterløn) and the end of a scheme that runs until such an age."""

from datetime import date

import pytest

from rummelig.rules.ages import AgeStep, age_for
from rummelig.rules.dates import day_before_age
from rummelig.rules.durations import check_duration, max_end_date, personal_age_limit

from .factories import make_rule

# Efterløn ages from the efterlønsreform (pension.dk, dsa.dk), a few cohorts.
EFTERLOEN = (
    AgeStep(None, date(1953, 12, 31), 60),
    AgeStep(date(1956, 1, 1), date(1956, 6, 30), 62, 6),
    AgeStep(date(1956, 7, 1), date(1958, 12, 31), 63),
    AgeStep(date(1959, 7, 1), date(1962, 12, 31), 64),
    AgeStep(date(1963, 1, 1), date(1966, 12, 31), 65),
    AgeStep(date(1971, 1, 1), None, 67),
)
SENIORJOB = make_rule(code="seniorjob", counts_in_ratio=False, needs_statement=False, ends_at_age=64, age_steps=EFTERLOEN)


@pytest.mark.parametrize(
    ("birth_date", "years", "months"),
    [
        (date(1950, 3, 1), 60, 0),
        (date(1953, 12, 31), 60, 0),
        (date(1956, 1, 1), 62, 6),
        (date(1956, 6, 30), 62, 6),
        (date(1956, 7, 1), 63, 0),
        (date(1963, 5, 15), 65, 0),
        (date(1980, 1, 1), 67, 0),
    ],
)
def test_a_person_gets_the_age_of_their_cohort(birth_date, years, months):
    step = age_for(EFTERLOEN, birth_date)
    assert (step.years, step.months) == (years, months)


def test_a_birth_date_outside_the_table_has_no_cohort():
    assert age_for(EFTERLOEN, date(1967, 6, 1)) is None


def test_overlapping_cohorts_are_refused():
    with pytest.raises(ValueError, match="overlap"):
        age_for([AgeStep(None, date(1960, 1, 1), 60), AgeStep(date(1959, 1, 1), None, 61)], date(1959, 6, 1))


def test_a_cohort_needs_a_sensible_age():
    with pytest.raises(ValueError):
        AgeStep(None, None, 62, 12)
    with pytest.raises(ValueError):
        AgeStep(date(1960, 1, 1), date(1959, 1, 1), 62)


@pytest.mark.parametrize(
    ("birth_date", "years", "months", "last_day"),
    [
        (date(1956, 3, 10), 62, 6, date(2018, 9, 9)),
        (date(1956, 2, 29), 62, 6, date(2018, 8, 28)),
        (date(1955, 8, 31), 62, 6, date(2018, 2, 28)),  # 31 February does not exist: the half year ends with February
        (date(1963, 5, 15), 65, 0, date(2028, 5, 14)),
    ],
)
def test_the_last_day_is_the_day_before_the_age_is_reached(birth_date, years, months, last_day):
    assert day_before_age(birth_date, years, months) == last_day


def test_the_cohort_table_decides_before_the_fallback_age():
    assert personal_age_limit(SENIORJOB, date(1963, 5, 15)) == (65, 0)
    assert max_end_date(SENIORJOB, None, date(2026, 1, 1), date(1963, 5, 15)) == date(2028, 5, 14)


def test_the_fallback_age_covers_a_birth_date_outside_the_table():
    assert personal_age_limit(SENIORJOB, date(1968, 4, 2)) == (64, 0)
    assert max_end_date(SENIORJOB, None, date(2026, 1, 1), date(1968, 4, 2)) == date(2032, 4, 1)


def test_without_a_birth_date_there_is_no_age_limit():
    assert personal_age_limit(SENIORJOB, None) is None
    assert max_end_date(SENIORJOB, None, date(2026, 1, 1)) is None


def test_a_planned_end_after_a_half_year_age_is_refused():
    result = check_duration(SENIORJOB, None, date(2017, 1, 1), date(2018, 12, 31), date(1956, 3, 10))
    assert (result.ok, result.reason, result.max_end) == (False, "exceeds_age_limit", date(2018, 9, 9))
