"""A løntilskud may not fill a post vacated by dismissal or resignation within 3 months (rules.ratio).

Source: kk.dk (Københavns Kommune to public employers): "løntilskudsstillingen ikke må erstatte en
stilling, der inden for tre måneder er blevet ledig ved afskedigelse eller fratrædelse af en
ordinært ansat". The paragraph of LAB that sets it was not found (see the report of issue 9).
"""

from datetime import date

from rummelig.rules.ratio import VACATED_POST_MONTHS, fills_recently_vacated_post, vacated_post_free_from


def test_the_period_is_three_months():
    assert VACATED_POST_MONTHS == 3


def test_a_post_vacated_on_15_january_may_be_filled_from_15_april():
    assert vacated_post_free_from(date(2027, 1, 15)) == date(2027, 4, 15)
    assert fills_recently_vacated_post(date(2027, 1, 15), date(2027, 4, 14))
    assert not fills_recently_vacated_post(date(2027, 1, 15), date(2027, 4, 15))


def test_a_day_that_does_not_exist_three_months_on_falls_on_the_last_of_the_month():
    assert vacated_post_free_from(date(2026, 11, 30)) == date(2027, 2, 28)
    assert vacated_post_free_from(date(2027, 11, 30)) == date(2028, 2, 29)


def test_a_new_post_is_never_refused():
    assert not fills_recently_vacated_post(None, date(2027, 1, 1))


def test_a_post_that_becomes_vacant_after_the_start_is_refused_too():
    assert fills_recently_vacated_post(date(2027, 3, 1), date(2027, 2, 1))
