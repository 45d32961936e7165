from datetime import date

from rummelig.rules.retention import (
    Absence,
    DeadlineRule,
    Step,
    absence_days,
    agreement_56_ends,
    agreement_56_renewal_due,
    deadlines,
    due_date,
)

INTERVIEW = DeadlineRule("interview", "Sygefraværssamtale", 28, "absence_talk")


def test_the_interview_is_due_four_weeks_after_the_first_day():
    assert due_date(date(2026, 3, 2), INTERVIEW) == date(2026, 3, 30)


def test_someone_back_before_the_due_date_needs_no_interview():
    assert deadlines([Absence(date(2026, 3, 2), date(2026, 3, 29))], [], [INTERVIEW]) == []


def test_someone_still_absent_on_the_due_date_needs_one():
    [deadline] = deadlines([Absence(date(2026, 3, 2), date(2026, 3, 30))], [], [INTERVIEW])
    assert deadline.due == date(2026, 3, 30) and deadline.met_on is None
    assert not deadline.is_overdue(date(2026, 3, 30))
    assert deadline.is_overdue(date(2026, 3, 31))


def test_an_interview_meets_the_deadline_of_the_absence_it_was_held_in_only():
    absences = [Absence(date(2026, 1, 5), date(2026, 3, 1)), Absence(date(2026, 5, 4), None)]
    first, second = deadlines(absences, [Step("absence_talk", date(2026, 1, 20))], [INTERVIEW])
    assert first.met_on == date(2026, 1, 20)
    assert second.met_on is None and second.due == date(2026, 6, 1)


def test_a_step_of_another_kind_or_before_the_absence_does_not_meet_it():
    steps = [Step("mulighedserklaering", date(2026, 3, 10)), Step("absence_talk", date(2026, 2, 1))]
    [deadline] = deadlines([Absence(date(2026, 3, 2), None)], steps, [INTERVIEW])
    assert deadline.met_on is None


def test_a_56_agreement_runs_two_years_to_the_day_before():
    assert agreement_56_ends(date(2026, 3, 1)) == date(2028, 2, 29)
    assert agreement_56_ends(date(2027, 1, 1)) == date(2028, 12, 31)
    assert agreement_56_renewal_due(date(2027, 1, 1)) == date(2028, 11, 1)


def test_absence_days_count_both_ends_and_stop_at_the_day_asked():
    assert absence_days(Absence(date(2026, 3, 2), date(2026, 3, 4)), date(2026, 12, 31)) == 3
    assert absence_days(Absence(date(2026, 3, 2), None), date(2026, 3, 11)) == 10
    assert absence_days(Absence(date(2026, 3, 2), None), date(2026, 3, 1)) == 0
