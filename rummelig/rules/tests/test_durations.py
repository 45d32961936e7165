from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rummelig.rules.dates import add_duration, day_before_age, months_after, same_day_in
from rummelig.rules.durations import check_duration, max_end_date
from rummelig.rules.schemes import Duration

from .factories import make_rule, months, weeks, years

# Virksomhedspraktik by target group (LAB 2019 § 61; Københavns Kommune; domain.md §1.4).
PRAKTIK = make_rule(
    code="virksomhedspraktik",
    max_durations={"": weeks(4), "dimittend": weeks(8), "aktivitetsparat": weeks(13)},
    extension_allowed=True,
)
# Løntilskud at a public employer (LAB 2019 § 68; Aarhus; domain.md §1.3).
OFFENTLIGT_LOENTILSKUD = make_rule(
    code="loentilskud_offentlig",
    max_durations={"dagpenge": months(4), "kontanthjaelp_jobparat": months(6), "sygedagpenge": months(12)},
    merbeskaeftigelse_applies=True,
)
JOBROTATION = make_rule(code="jobrotation", max_durations={"": months(6)}, counts_in_ratio=False)
IGU = make_rule(code="igu", max_durations={"": months(24)}, counts_in_ratio=False)
FLEKSJOB = make_rule(code="fleksjob", max_durations={"midlertidigt": years(5)}, grant_months=60)
SENIORJOB = make_rule(code="seniorjob", permanent=True, ends_at_age=64, counts_in_ratio=False)
AFTALE_56 = make_rule(code="aftale_56", max_durations={"": years(2)}, extension_allowed=True)
ELEV = make_rule(code="elev", counts_in_ratio=False, needs_statement=False)


@pytest.mark.parametrize(
    ("start", "duration", "last_day"),
    [
        (date(2025, 3, 1), Duration(1, "days"), date(2025, 3, 1)),
        (date(2025, 3, 1), Duration(10, "days"), date(2025, 3, 10)),
        (date(2025, 3, 1), weeks(4), date(2025, 3, 28)),
        (date(2025, 3, 3), weeks(13), date(2025, 6, 1)),
        (date(2025, 3, 1), months(4), date(2025, 6, 30)),
        (date(2025, 1, 15), months(1), date(2025, 2, 14)),
        (date(2025, 1, 1), years(1), date(2025, 12, 31)),
    ],
)
def test_a_period_ends_on_its_last_day_inclusive(start, duration, last_day):
    assert add_duration(start, duration) == last_day


def test_a_month_from_31_january_ends_at_the_end_of_february():
    assert add_duration(date(2025, 1, 31), months(1)) == date(2025, 2, 28)


def test_a_month_from_31_january_in_a_leap_year_ends_on_29_february():
    assert add_duration(date(2024, 1, 31), months(1)) == date(2024, 2, 29)


def test_months_from_the_30th_and_31st_clamp_to_the_same_month_end():
    assert add_duration(date(2025, 1, 30), months(1)) == date(2025, 2, 28)
    assert add_duration(date(2025, 3, 31), months(1)) == date(2025, 4, 30)
    assert add_duration(date(2025, 1, 28), months(1)) == date(2025, 2, 27)


def test_a_year_from_29_february_ends_on_28_february():
    assert add_duration(date(2024, 2, 29), years(1)) == date(2025, 2, 28)
    assert add_duration(date(2024, 2, 29), years(4)) == date(2028, 2, 28)


def test_a_period_crossing_new_year_counts_calendar_months():
    assert add_duration(date(2024, 11, 15), months(4)) == date(2025, 3, 14)


def test_a_time_limit_after_31_december_falls_on_the_last_day_of_february():
    assert months_after(date(2025, 12, 31), 2) == date(2026, 2, 28)
    assert months_after(date(2023, 12, 31), 2) == date(2024, 2, 29)
    assert months_after(date(2025, 3, 15), 2) == date(2025, 5, 15)


@settings(max_examples=100)
@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)),
    amount=st.integers(min_value=1, max_value=60),
)
def test_weeks_are_seven_days_counting_the_first_and_last(start, amount):
    assert (add_duration(start, weeks(amount)) - start).days + 1 == 7 * amount


@settings(max_examples=100)
@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)),
    amount=st.integers(min_value=1, max_value=60),
)
def test_the_next_period_of_months_starts_on_the_same_day_or_the_first_after_a_short_month(start, amount):
    next_start = add_duration(start, months(amount)) + timedelta(days=1)
    months_on = (next_start.year - start.year) * 12 + next_start.month - start.month
    if next_start.day == start.day:
        assert months_on == amount
    else:
        assert (next_start.day, months_on) == (1, amount + 1)
        assert start.day > (next_start - timedelta(days=1)).day


@settings(max_examples=100)
@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)),
    shorter=st.integers(min_value=1, max_value=40),
    longer=st.integers(min_value=1, max_value=40),
)
def test_a_longer_period_never_ends_earlier(start, shorter, longer):
    shorter, longer = sorted([shorter, longer])
    assert add_duration(start, months(shorter)) <= add_duration(start, months(longer))


@pytest.mark.parametrize(
    ("group", "last_day"),
    [
        ("dagpenge", date(2025, 3, 28)),
        ("kontanthjaelp_jobparat", date(2025, 3, 28)),
        ("dimittend", date(2025, 4, 25)),
        ("aktivitetsparat", date(2025, 5, 30)),
    ],
)
def test_virksomhedspraktik_lasts_4_8_or_13_weeks_by_target_group(group, last_day):
    assert max_end_date(PRAKTIK, group, date(2025, 3, 1)) == last_day


@pytest.mark.parametrize(
    ("group", "last_day"),
    [
        ("dagpenge", date(2025, 5, 31)),
        ("kontanthjaelp_jobparat", date(2025, 7, 31)),
        ("sygedagpenge", date(2026, 1, 31)),
    ],
)
def test_public_loentilskud_lasts_4_6_or_12_months_by_target_group(group, last_day):
    assert max_end_date(OFFENTLIGT_LOENTILSKUD, group, date(2025, 2, 1)) == last_day


def test_public_loentilskud_for_an_unlisted_group_has_no_maximum_in_the_rule():
    assert max_end_date(OFFENTLIGT_LOENTILSKUD, "integrationsydelse", date(2025, 2, 1)) is None


def test_a_jobrotation_vikar_may_stay_6_months():
    assert max_end_date(JOBROTATION, "dagpenge", date(2025, 8, 1)) == date(2026, 1, 31)


def test_an_igu_course_lasts_24_months():
    assert max_end_date(IGU, "", date(2024, 9, 1)) == date(2026, 8, 31)


def test_a_first_fleksjob_grant_runs_5_years():
    assert max_end_date(FLEKSJOB, "midlertidigt", date(2021, 2, 1)) == date(2026, 1, 31)


def test_a_permanent_fleksjob_has_no_end():
    assert max_end_date(FLEKSJOB, "permanent", date(2021, 2, 1)) is None


def test_a_paragraph_56_agreement_runs_2_years():
    assert max_end_date(AFTALE_56, "", date(2024, 2, 29)) == date(2026, 2, 28)


def test_a_seniorjob_ends_the_day_before_efterloen_age():
    assert max_end_date(SENIORJOB, "", date(2025, 5, 1), birth_date=date(1963, 10, 17)) == date(2027, 10, 16)


def test_a_seniorjob_without_birth_date_has_no_known_end():
    assert max_end_date(SENIORJOB, "", date(2025, 5, 1)) is None


def test_a_person_born_on_29_february_turns_older_on_1_march():
    assert day_before_age(date(1964, 2, 29), 61) == date(2025, 2, 28)
    assert day_before_age(date(1964, 2, 29), 64) == date(2028, 2, 28)


def test_the_age_limit_wins_when_it_comes_before_the_maximum_duration():
    skaanejob = make_rule(code="skaanejob", max_durations={"": years(5)}, ends_at_age=67)
    assert max_end_date(skaanejob, "", date(2025, 1, 1), birth_date=date(1960, 6, 15)) == date(2027, 6, 14)


def test_elever_have_no_maximum_so_the_planned_end_stands():
    result = check_duration(ELEV, "sosu_assistent", date(2024, 8, 12), date(2028, 6, 11))
    assert result.ok
    assert result.max_end is None
    assert result.reason == "no_max_duration"


def test_a_plan_within_the_maximum_is_accepted():
    result = check_duration(PRAKTIK, "dagpenge", date(2025, 3, 1), date(2025, 3, 28))
    assert result == type(result)(ok=True, max_end=date(2025, 3, 28), exceeds_by_days=0, reason="within_max_duration")


def test_a_plan_one_day_too_long_is_refused_by_one_day():
    result = check_duration(PRAKTIK, "dagpenge", date(2025, 3, 1), date(2025, 3, 29))
    assert not result.ok
    assert result.exceeds_by_days == 1
    assert result.reason == "exceeds_max_duration"


def test_a_plan_past_efterloen_age_is_refused_for_age():
    result = check_duration(SENIORJOB, "", date(2025, 5, 1), date(2027, 12, 31), birth_date=date(1963, 10, 17))
    assert not result.ok
    assert result.exceeds_by_days == 76
    assert result.reason == "exceeds_age_limit"


def test_an_end_before_the_start_is_refused():
    result = check_duration(PRAKTIK, "dagpenge", date(2025, 3, 1), date(2025, 2, 28))
    assert not result.ok
    assert result.reason == "end_before_start"


def test_a_one_day_placement_ends_on_its_start():
    assert check_duration(PRAKTIK, "dagpenge", date(2025, 3, 1), date(2025, 3, 1)).ok


def test_the_same_day_in_another_year_is_28_february_for_a_leap_day():
    assert same_day_in(date(2024, 2, 29), 2025) == date(2025, 2, 28)
    assert same_day_in(date(2024, 2, 29), 2028) == date(2028, 2, 29)
    assert same_day_in(date(2025, 12, 31), 2007) == date(2007, 12, 31)
