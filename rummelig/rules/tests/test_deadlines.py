from datetime import date

import pytest

from rummelig.rules.deadlines import Deadline, deadlines_for, due_within

from .factories import make_rule, months, weeks, years

SKAANEJOB = make_rule(
    code="skaanejob", permanent=True, follow_up_first_months=6, follow_up_every_months=12, ends_at_age=67
)
FLEKSJOB = make_rule(code="fleksjob", permanent=True, grant_months=60, counts_in_ratio=False)
AFTALE_56 = make_rule(code="aftale_56", grant_months=24, counts_in_ratio=False)
MENTOR = make_rule(code="mentor", grant_months=6, counts_in_ratio=False)
PRAKTIK = make_rule(
    code="virksomhedspraktik",
    max_durations={"": weeks(4), "aktivitetsparat": weeks(13)},
    follow_up_every_months=1,
)
SENIORJOB = make_rule(code="seniorjob", permanent=True, ends_at_age=64, counts_in_ratio=False)
LOENTILSKUD = make_rule(code="loentilskud_offentlig", max_durations={"dagpenge": months(4)})


def kinds(deadlines, kind):
    return [d.due for d in deadlines if d.kind == kind]


def test_a_planned_end_is_a_deadline():
    found = deadlines_for(
        LOENTILSKUD, "dagpenge", date(2025, 3, 1), planned_end=date(2025, 5, 31), horizon=date(2030, 1, 1)
    )
    assert Deadline("placement_ends", date(2025, 5, 31), date(2025, 3, 1)) in found


def test_skaanejob_is_followed_up_after_6_months_then_every_12():
    found = deadlines_for(SKAANEJOB, "", date(2024, 1, 1), horizon=date(2027, 1, 1))
    assert kinds(found, "evaluation_due") == [date(2024, 6, 30), date(2025, 6, 30), date(2026, 6, 30)]


def test_evaluations_without_a_first_interval_repeat_from_the_start():
    found = deadlines_for(
        PRAKTIK, "aktivitetsparat", date(2025, 3, 1), planned_end=date(2025, 5, 30), horizon=date(2026, 1, 1)
    )
    assert kinds(found, "evaluation_due") == [date(2025, 3, 31), date(2025, 4, 30)]


def test_without_a_planned_end_nothing_is_due_after_the_latest_allowed_end():
    found = deadlines_for(PRAKTIK, "aktivitetsparat", date(2025, 3, 1), horizon=date(2026, 1, 1))
    assert [(d.kind, d.due) for d in found] == [
        ("evaluation_due", date(2025, 3, 31)),
        ("evaluation_due", date(2025, 4, 30)),
        ("max_duration_reached", date(2025, 5, 30)),
    ]


def test_evaluations_counted_from_31_january_do_not_drift_after_february():
    rule = make_rule(follow_up_every_months=1)
    found = deadlines_for(rule, "", date(2025, 1, 31), horizon=date(2025, 4, 30))
    assert kinds(found, "evaluation_due") == [date(2025, 2, 28), date(2025, 3, 30), date(2025, 4, 30)]


def test_a_fleksjob_grant_must_be_renewed_every_5_years():
    found = deadlines_for(FLEKSJOB, "midlertidigt", date(2016, 4, 1), horizon=date(2031, 12, 31))
    assert kinds(found, "renewal_due") == [date(2021, 3, 31), date(2026, 3, 31), date(2031, 3, 31)]


def test_a_paragraph_56_agreement_must_be_renewed_every_2_years():
    found = deadlines_for(AFTALE_56, "", date(2024, 2, 29), horizon=date(2028, 12, 31))
    assert kinds(found, "renewal_due") == [date(2026, 2, 28), date(2028, 2, 28)]


def test_a_mentor_period_ends_after_6_months():
    found = deadlines_for(MENTOR, "", date(2025, 9, 1), planned_end=date(2026, 2, 28), horizon=date(2030, 1, 1))
    assert kinds(found, "renewal_due") == [date(2026, 2, 28)]


def test_the_maximum_duration_for_the_target_group_is_a_deadline():
    found = deadlines_for(PRAKTIK, "aktivitetsparat", date(2025, 3, 1), horizon=date(2026, 1, 1))
    assert kinds(found, "max_duration_reached") == [date(2025, 5, 30)]


def test_a_plan_longer_than_allowed_shows_the_maximum_before_the_planned_end():
    found = deadlines_for(PRAKTIK, "", date(2025, 3, 1), planned_end=date(2025, 4, 30), horizon=date(2026, 1, 1))
    assert [(d.kind, d.due) for d in found] == [
        ("max_duration_reached", date(2025, 3, 28)),
        ("evaluation_due", date(2025, 3, 31)),
        ("evaluation_due", date(2025, 4, 30)),
        ("placement_ends", date(2025, 4, 30)),
    ]


def test_a_seniorjob_must_start_at_the_latest_2_months_after_the_request():
    found = deadlines_for(
        SENIORJOB, "", date(2025, 5, 1), requested_on=date(2025, 3, 14), horizon=date(2025, 12, 31)
    )
    assert found == [Deadline("seniorjob_start_duty", date(2025, 5, 14), date(2025, 3, 14))]


def test_a_seniorjob_requested_on_31_december_must_start_by_the_end_of_february():
    found = deadlines_for(SENIORJOB, "", date(2026, 2, 1), requested_on=date(2025, 12, 31), horizon=date(2026, 12, 31))
    assert kinds(found, "seniorjob_start_duty") == [date(2026, 2, 28)]


def test_a_seniorjob_ends_the_day_before_efterloen_age():
    found = deadlines_for(SENIORJOB, "", date(2025, 5, 1), birth_date=date(1963, 10, 17), horizon=date(2030, 1, 1))
    assert kinds(found, "max_duration_reached") == [date(2027, 10, 16)]


def test_an_ended_placement_yields_nothing_after_its_end():
    found = deadlines_for(
        SKAANEJOB, "", date(2024, 1, 1), planned_end=date(2030, 12, 31), actual_end=date(2025, 9, 30),
        horizon=date(2031, 12, 31),
    )
    assert found == [
        Deadline("evaluation_due", date(2024, 6, 30), date(2024, 1, 1)),
        Deadline("evaluation_due", date(2025, 6, 30), date(2024, 1, 1)),
    ]


def test_a_placement_ended_on_the_day_of_a_deadline_keeps_it():
    found = deadlines_for(SKAANEJOB, "", date(2024, 1, 1), actual_end=date(2024, 6, 30), horizon=date(2031, 1, 1))
    assert kinds(found, "evaluation_due") == [date(2024, 6, 30)]


def test_nothing_is_due_after_the_planned_end():
    found = deadlines_for(FLEKSJOB, "", date(2016, 4, 1), planned_end=date(2024, 12, 31), horizon=date(2040, 1, 1))
    assert [d.kind for d in found] == ["renewal_due", "placement_ends"]


def test_nothing_is_due_after_the_horizon():
    found = deadlines_for(SKAANEJOB, "", date(2024, 1, 1), horizon=date(2025, 6, 29))
    assert kinds(found, "evaluation_due") == [date(2024, 6, 30)]


def test_an_open_ended_placement_without_duties_has_no_deadlines():
    rule = make_rule(code="job_paa_saerlige_vilkaar")
    assert deadlines_for(rule, "", date(2024, 1, 1), horizon=date(2030, 1, 1)) == []


def test_deadlines_are_sorted_by_date():
    rule = make_rule(follow_up_first_months=6, follow_up_every_months=12, grant_months=24, max_durations={"": years(3)})
    found = deadlines_for(rule, "", date(2024, 1, 1), planned_end=date(2026, 12, 31), horizon=date(2030, 1, 1))
    assert [d.due for d in found] == sorted(d.due for d in found)
    assert {d.kind for d in found} == {"evaluation_due", "renewal_due", "max_duration_reached", "placement_ends"}


DEADLINES = [
    Deadline("evaluation_due", date(2025, 5, 31)),
    Deadline("placement_ends", date(2025, 6, 1)),
    Deadline("renewal_due", date(2025, 7, 1)),
    Deadline("placement_ends", date(2025, 7, 2)),
]


def test_due_within_includes_today_and_the_last_day():
    assert due_within(DEADLINES, date(2025, 6, 1), 30) == DEADLINES[1:3]


def test_due_within_zero_days_is_only_today():
    assert due_within(DEADLINES, date(2025, 6, 1), 0) == [DEADLINES[1]]


def test_due_within_a_negative_window_is_refused():
    with pytest.raises(ValueError):
        due_within(DEADLINES, date(2025, 6, 1), -1)
