from datetime import date

import pytest

from rummelig.rules.schemes import Duration, max_duration, rule_in_force

from .factories import make_rule, months, weeks


def test_a_target_group_gets_its_own_maximum():
    rule = make_rule(max_durations={"": weeks(4), "aktivitetsparat": weeks(13)})
    assert max_duration(rule, "aktivitetsparat") == weeks(13)


def test_an_unlisted_target_group_gets_the_default():
    rule = make_rule(max_durations={"": weeks(4), "aktivitetsparat": weeks(13)})
    assert max_duration(rule, "dagpenge") == weeks(4)
    assert max_duration(rule, None) == weeks(4)


def test_a_scheme_without_maximum_has_none():
    assert max_duration(make_rule(code="elev", max_durations={}), "sosu_assistent") is None


def test_a_group_without_maximum_and_no_default_has_none():
    rule = make_rule(code="fleksjob", max_durations={"midlertidigt": Duration(5, "years")})
    assert max_duration(rule, "permanent") is None


def test_a_rule_cannot_be_changed_through_the_dict_it_was_built_from():
    durations = {"": weeks(4)}
    rule = make_rule(max_durations=durations)
    durations[""] = weeks(52)
    assert max_duration(rule, "") == weeks(4)
    with pytest.raises(TypeError):
        rule.max_durations[""] = weeks(52)


@pytest.mark.parametrize(("amount", "unit"), [(0, "weeks"), (-1, "months"), (4, "fortnights"), (1.5, "months")])
def test_a_nonsense_duration_is_refused(amount, unit):
    with pytest.raises(ValueError):
        Duration(amount, unit)


def test_a_version_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        make_rule(valid_from=date(2026, 1, 1), valid_to=date(2025, 12, 31))


def test_a_zero_evaluation_interval_is_refused():
    with pytest.raises(ValueError):
        make_rule(follow_up_every_months=0)


JOBROTATION_2020 = make_rule(code="jobrotation", valid_from=date(2020, 1, 1), valid_to=date(2026, 6, 30))
JOBROTATION_2026 = make_rule(
    code="jobrotation", valid_from=date(2026, 7, 1), valid_to=None, max_durations={"": months(6)}
)
PRAKTIK = make_rule(code="virksomhedspraktik")
RULES = [JOBROTATION_2020, JOBROTATION_2026, PRAKTIK]


def test_the_version_in_force_on_a_date_is_chosen():
    assert rule_in_force(RULES, "jobrotation", date(2026, 6, 30)) is JOBROTATION_2020
    assert rule_in_force(RULES, "jobrotation", date(2026, 7, 1)) is JOBROTATION_2026


def test_no_version_before_the_first_one_starts():
    assert rule_in_force(RULES, "jobrotation", date(2019, 12, 31)) is None


def test_an_unknown_scheme_has_no_version():
    assert rule_in_force(RULES, "revalidering", date(2024, 1, 1)) is None


def test_overlapping_versions_are_refused_rather_than_guessed():
    overlapping = make_rule(code="jobrotation", valid_from=date(2026, 1, 1))
    with pytest.raises(ValueError, match="overlapping"):
        rule_in_force([*RULES, overlapping], "jobrotation", date(2026, 3, 1))
