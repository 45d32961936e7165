"""The pure rules of receiving and following: due dates, evaluations, mentor periods, follow-ups, the framework."""

from datetime import date

import pytest

from rummelig.rules.onboarding import (
    MENTOR_PERIODS,
    evaluation_dates,
    follow_up_dates,
    framework_is_current,
    item_due,
    mentor_period_end,
    mentor_period_too_long,
    missing_evaluations,
    progress,
)


def test_an_item_is_due_days_after_the_start_and_before_it_when_negative():
    assert item_due(date(2026, 3, 2), 7) == date(2026, 3, 9)
    assert item_due(date(2026, 3, 2), -7) == date(2026, 2, 23)


def test_progress_counts_done_total_and_overdue():
    items = [(date(2026, 1, 1), date(2026, 1, 1)), (date(2026, 1, 5), None), (date(2026, 2, 1), None)]
    assert progress(items, date(2026, 1, 10)) == (1, 3, 1)


def test_skaanejob_evaluations_fall_after_6_months_then_every_12():
    assert evaluation_dates(date(2025, 1, 1), 6, 12, date(2027, 12, 31)) == [date(2025, 6, 30), date(2026, 6, 30), date(2027, 6, 30)]


def test_a_scheme_without_follow_up_has_no_planned_evaluations():
    assert evaluation_dates(date(2025, 1, 1), None, None, date(2030, 1, 1)) == []


def test_an_evaluation_is_missing_when_none_was_held_near_its_date():
    planned = [date(2025, 6, 30), date(2026, 6, 30)]
    assert missing_evaluations(planned, [], date(2026, 7, 1)) == planned
    assert missing_evaluations(planned, [date(2025, 6, 10)], date(2026, 7, 1)) == [date(2026, 6, 30)]
    # An evaluation long before its date does not count for it.
    assert missing_evaluations(planned[:1], [date(2025, 3, 1)], date(2025, 7, 1)) == [date(2025, 6, 30)]
    # Not yet due: not missing.
    assert missing_evaluations(planned, [], date(2025, 6, 30)) == []


def test_a_mentor_period_is_at_most_six_months_lab_167():
    assert MENTOR_PERIODS[0].value == 6 and MENTOR_PERIODS[0].verified
    assert "højst 6 måneder" in MENTOR_PERIODS[0].sentence
    assert mentor_period_end(date(2026, 1, 1)) == date(2026, 6, 30)
    assert mentor_period_end(date(2026, 8, 31)) == date(2027, 2, 28)
    assert not mentor_period_too_long(date(2026, 1, 1), date(2026, 6, 30))
    assert mentor_period_too_long(date(2026, 1, 1), date(2026, 7, 1))


def test_no_mentor_period_before_the_law_is_known():
    with pytest.raises(ValueError):
        mentor_period_end(date(2019, 1, 1))


def test_follow_ups_fall_three_and_twelve_months_after_the_end():
    assert follow_up_dates(date(2026, 1, 31)) == {3: date(2026, 4, 30), 12: date(2027, 1, 31)}


def test_the_framework_is_current_for_twelve_months():
    assert framework_is_current(date(2025, 6, 1), date(2026, 6, 1))
    assert not framework_is_current(date(2025, 6, 1), date(2026, 6, 2))
    assert not framework_is_current(None, date(2026, 6, 1))
