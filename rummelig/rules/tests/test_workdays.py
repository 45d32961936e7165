"""Working days skip weekends and Danish public holidays (holidays library, country DK), 2025–2030."""

from datetime import date

import pytest

from rummelig.rules.workdays import add_working_days, danish_holidays, is_working_day

# Easter Sunday of each year, and the holidays that follow from it (skærtorsdag -3, langfredag -2,
# 2. påskedag +1, Kristi himmelfartsdag +39, 2. pinsedag +50), from the Danish almanac.
EASTER = {2025: date(2025, 4, 20), 2026: date(2026, 4, 5), 2027: date(2027, 3, 28), 2028: date(2028, 4, 16),
          2029: date(2029, 4, 1), 2030: date(2030, 4, 21)}


@pytest.mark.parametrize("year", sorted(EASTER))
def test_the_easter_based_holidays_are_not_working_days(year):
    from datetime import timedelta

    easter = EASTER[year]
    for offset in (-3, -2, 1, 39, 50):
        assert not is_working_day(easter + timedelta(days=offset)), (year, offset)


@pytest.mark.parametrize("year", sorted(EASTER))
def test_new_year_and_christmas_are_holidays_and_store_bededag_is_not(year):
    from datetime import timedelta

    holidays = danish_holidays(year)
    assert {date(year, 1, 1), date(year, 12, 25), date(year, 12, 26)} <= holidays
    store_bededag = EASTER[year] + timedelta(days=26)  # the 4th Friday after Easter, abolished from 2024
    assert store_bededag not in holidays
    assert is_working_day(store_bededag)


def test_ten_working_days_from_a_friday_is_the_friday_two_weeks_later():
    assert add_working_days(date(2026, 2, 6), 10) == date(2026, 2, 20)


def test_easter_2026_pushes_the_deadline_by_three_days():
    # Friday 27 March 2026 + 10: skærtorsdag 2/4, langfredag 3/4 and 2. påskedag 6/4 are skipped.
    assert add_working_days(date(2026, 3, 27), 10) == date(2026, 4, 15)


def test_christmas_and_new_year_are_skipped():
    # Monday 21 December 2026: 25/12 is a Friday, 26/12 a Saturday, 1/1/2027 a Friday.
    assert add_working_days(date(2026, 12, 21), 10) == date(2027, 1, 6)


def test_pentecost_and_ascension_2030():
    # Kristi himmelfartsdag Thursday 30 May 2030, 2. pinsedag Monday 10 June 2030.
    assert add_working_days(date(2030, 5, 27), 10) == date(2030, 6, 12)


def test_a_weekend_day_start_counts_from_the_next_working_day():
    assert add_working_days(date(2025, 11, 29), 1) == date(2025, 12, 1)


def test_zero_days_is_the_day_itself_and_negative_is_refused():
    assert add_working_days(date(2025, 6, 5), 0) == date(2025, 6, 5)
    with pytest.raises(ValueError):
        add_working_days(date(2025, 6, 5), -1)
