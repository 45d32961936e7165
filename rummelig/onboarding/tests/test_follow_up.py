"""Mentor periods, evaluations and the outcome follow-ups 3 and 12 months after a temporary placement ended, and the
annual report's share that went on to a job or education per scheme and centre, suppressed."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from rummelig.onboarding.models import Evaluation, Mentorship, OutcomeFollowUp
from rummelig.onboarding.report_sections import effect_of
from rummelig.placements.models import Outcome
from rummelig.reports.figures import Scope
from rummelig.reports.report import Report
from rummelig.testing import make_employment, make_person, make_placement

pytestmark = pytest.mark.django_db


def test_a_mentor_period_over_six_months_is_refused(world, login, mentee, mentor, today):
    url = reverse("onboarding:add_mentor", args=[mentee.pk])
    data = {"mentor": mentor.person.pk, "starts": today.isoformat(), "ends": (today + timedelta(days=200)).isoformat(), "hours_per_week": "3"}
    response = login(world.leder_a).post(url, data)
    assert response.status_code == 422 and "højst 6 måneder" in response.content.decode()
    data["ends"] = (today + timedelta(days=150)).isoformat()
    assert login(world.leder_a).post(url, data).status_code == 302
    assert Mentorship.objects.get(placement=mentee).hours_per_week == 3


def test_adding_a_mentor_makes_them_the_placements_mentor(world, login, other_placement, today):
    colleague = make_person("Dorthe", "Dahl")
    make_employment(colleague, world.solsikken)
    login(world.leder_a).post(reverse("onboarding:add_mentor", args=[other_placement.pk]), {
        "mentor": colleague.pk, "starts": today.isoformat(), "ends": (today + timedelta(days=60)).isoformat(), "hours_per_week": "2"})
    other_placement.refresh_from_db()
    assert other_placement.mentor == colleague


def test_the_leder_records_an_evaluation_with_upskilling(world, login, mentee, today):
    response = login(world.leder_a).post(reverse("onboarding:add_evaluation", args=[mentee.pk]), {
        "held_on": today.isoformat(), "participants": "Leder, Åse, mentor", "notes": "Går godt", "next_step": "Truckcertifikat",
        "upskilling": "Hygiejnebevis"})
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(placement=mentee)
    assert evaluation.upskilling == "Hygiejnebevis" and evaluation.created_by == world.leder_a


def test_an_evaluation_before_the_start_is_refused(world, login, mentee):
    response = login(world.leder_a).post(reverse("onboarding:add_evaluation", args=[mentee.pk]), {
        "held_on": (mentee.start - timedelta(days=1)).isoformat(), "participants": "x", "next_step": "y"})
    assert "kan ikke ligge før ansættelsen starter" in response.content.decode()


def test_follow_ups_are_recorded_three_and_twelve_months_after_the_end(world, login, today):
    placement = make_placement(world.solsikken, "loentilskud", start=today - timedelta(days=200), planned_end=today - timedelta(days=100),
                               actual_end=today - timedelta(days=100), outcome=Outcome.NO_JOB)
    client = login(world.leder_a)
    page = client.get(reverse("onboarding:placement", args=[placement.pk])).content.decode()
    assert "3 måneder efter ophøret" in page and "12 måneder efter ophøret" in page
    client.post(reverse("onboarding:add_follow_up", args=[placement.pk]), {"months": "3", "outcome": Outcome.JOB_ELSEWHERE})
    client.post(reverse("onboarding:add_follow_up", args=[placement.pk]), {"months": "3", "outcome": Outcome.EDUCATION})
    assert list(OutcomeFollowUp.objects.filter(placement=placement).values_list("months", "outcome")) == [(3, Outcome.EDUCATION)]


def test_no_follow_up_before_the_end_or_for_a_permanent_scheme(world, login, mentee, today):
    client = login(world.leder_a)
    client.post(reverse("onboarding:add_follow_up", args=[mentee.pk]), {"months": "3", "outcome": Outcome.EDUCATION})
    fleksjob = make_placement(world.solsikken, "fleksjob", start=today - timedelta(days=300), actual_end=today - timedelta(days=10))
    client.post(reverse("onboarding:add_follow_up", args=[fleksjob.pk]), {"months": "3", "outcome": Outcome.EDUCATION})
    assert not OutcomeFollowUp.objects.exists()


def test_the_effect_is_the_latest_follow_up_else_the_outcome_on_ending():
    assert effect_of(Outcome.NO_JOB, Outcome.EDUCATION) == "went_on"
    assert effect_of(Outcome.ORDINARY_JOB_HERE, None) == "went_on"
    assert effect_of(Outcome.OTHER_SCHEME, None) == "other"
    assert effect_of("", None) == "unknown" and effect_of(Outcome.UNKNOWN, None) == "unknown"


def _ended(world, unit, scheme, n, outcome, year=2025):
    return [make_placement(unit, scheme, person=make_person("Ida", f"Ærø{i}"), start=date(year, 1, 1),
                           actual_end=date(year, 6, 30), planned_end=date(year, 6, 30), outcome=outcome) for i in range(n)]


def _effect_table(report):
    (table,) = report.sections(["effect"])[0].tables
    return {row.label: row.values for row in table.rows if not row.total}


def test_the_annual_report_shows_the_share_per_scheme_and_centre_exact_for_hr(world):
    went = _ended(world, world.solsikken, "loentilskud", 6, Outcome.NO_JOB)
    for placement in went[:3]:
        OutcomeFollowUp.objects.create(placement=placement, months=12, outcome=Outcome.JOB_ELSEWHERE, recorded_on=date(2026, 6, 30))
    _ended(world, world.solsikken, "fleksjob", 5, Outcome.NO_JOB)  # permanent: not counted
    report = Report.for_year(Scope(), 2025, suppress=False)
    rows = _effect_table(report)
    (label, values), = rows.items()
    assert label.startswith("Løntilskud – Center for Børn og Unge")
    assert values[:3] == [3, 3, 0]


def test_the_annual_report_suppresses_small_counts_for_med(world):
    _ended(world, world.solsikken, "loentilskud", 2, Outcome.EDUCATION)
    _ended(world, world.solsikken, "loentilskud", 6, Outcome.NO_JOB)
    report = Report.for_year(Scope(), 2025, suppress=True)
    rows = _effect_table(report)
    (values,) = rows.values()
    assert str(values[0]) == "<5" and values[1] == 6
