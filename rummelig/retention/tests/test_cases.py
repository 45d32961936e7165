"""Retention cases: who sees them, how they are followed, and how they end."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rummelig.accounts.models import Role, RoleAssignment
from rummelig.audit.models import AuditEntry
from rummelig.retention.models import AbsencePeriod, Result, RetentionCase, Step, StepKind
from rummelig.testing import make_employment, make_person, make_placement, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(world):
    person = make_person("Karen", "Blixen")
    make_employment(person, world.solsikken, start=date(2015, 8, 1))
    return person


@pytest.fixture
def case(world, colleague):
    case = RetentionCase.objects.create(person=colleague, unit=world.solsikken, opened_on=date(2026, 9, 1))
    AbsencePeriod.objects.create(case=case, first_day=date(2026, 9, 1))
    return case


def test_a_leder_opens_a_case_from_the_persons_page_with_the_first_absence(world, colleague, login):
    client = login(world.leder_a)
    page = client.get(reverse("people:detail", args=[colleague.pk]))
    assert reverse("retention:create", args=[colleague.pk]) in page.content.decode()
    response = client.post(reverse("retention:create", args=[colleague.pk]), {
        "unit": world.solsikken.pk, "opened_on": "2026-09-15", "first_day": "2026-09-01",
    })
    case = RetentionCase.objects.get(person=colleague)
    assert response.status_code == 302 and response.url == reverse("retention:detail", args=[case.pk])
    assert case.unit == world.solsikken and case.absences.get().first_day == date(2026, 9, 1)
    assert AuditEntry.objects.filter(object_type="retentioncase", action=AuditEntry.Action.CREATE).exists()


def test_a_case_is_opened_only_where_the_colleague_is_employed_in_the_leders_units(world, colleague, login):
    response = login(world.leder_b).get(reverse("retention:create", args=[colleague.pk]))
    assert response.status_code == 404  # leder_b does not see the person at all
    other = make_person("Ole", "Uden")
    make_placement(world.solsikken, "loentilskud", person=other)
    response = login(world.leder_a).get(reverse("retention:create", args=[other.pk]))
    assert response.status_code == 302  # a person on special terms only: no ordinary employment to keep
    assert not RetentionCase.objects.exists()


def test_a_second_open_case_on_the_same_person_is_refused(world, case, colleague, login):
    response = login(world.hr).post(reverse("retention:create", args=[colleague.pk]), {
        "unit": world.solsikken.pk, "opened_on": "2026-10-01",
    })
    assert response.status_code == 200
    assert "allerede en åben fastholdelsessag" in response.content.decode()
    assert RetentionCase.objects.count() == 1


@pytest.mark.parametrize("who", ["leder_b", "tr_a", "med_a", "auditor", "outsider", "colleague_user", "mentor"])
def test_no_one_but_hr_and_the_leder_opens_a_case(world, case, colleague, login, who):
    if who == "colleague_user":
        user = make_user("kollega", "Kim", "Kollega", Role.EMPLOYEE, world.solsikken)
    elif who == "mentor":
        user = make_user("mentor", "Mona", "Mentor")
        mentor = make_person("Mona", "Mentor", user=user)
        make_placement(world.solsikken, "loentilskud", person=colleague, mentor=mentor)
    else:
        user = getattr(world, who)
    client = login(user)
    for url in (reverse("retention:detail", args=[case.pk]), reverse("retention:close", args=[case.pk])):
        assert client.get(url).status_code == 404
    assert client.post(reverse("retention:step_add", args=[case.pk]), {"kind": "absence_talk", "on": "2026-09-20"}).status_code == 404
    listed = client.get(reverse("retention:list") + "?vis=all")
    assert listed.status_code == 404 or "Karen Blixen" not in listed.content.decode()
    assert not Step.objects.exists()


def test_hr_and_the_leder_read_the_case_and_each_read_is_audited(world, case, login):
    for user in (world.hr, world.leder_a):
        response = login(user).get(reverse("retention:detail", args=[case.pk]))
        assert response.status_code == 200 and "Karen Blixen" in response.content.decode()
    assert AuditEntry.objects.filter(object_type="retentioncase", action=AuditEntry.Action.VIEW).count() == 2


def test_the_interview_deadline_shows_passed_until_an_interview_is_recorded(world, case, login):
    client = login(world.leder_a)
    with_deadline = client.get(reverse("retention:detail", args=[case.pk])).content.decode()
    assert "Sygefraværssamtale" in with_deadline and "29.09.2026" in with_deadline and "Fristen er overskredet" in with_deadline
    listed = client.get(reverse("retention:list") + "?vis=overdue").content.decode()
    assert "Karen Blixen" in listed
    client.post(reverse("retention:step_add", args=[case.pk]), {"kind": StepKind.ABSENCE_TALK, "on": "2026-09-20", "note": "Aftalt gradvis tilbagevenden"})
    after = client.get(reverse("retention:detail", args=[case.pk])).content.decode()
    assert "Holdt 20.09.2026" in after and "Fristen er overskredet" not in after
    assert "Karen Blixen" not in client.get(reverse("retention:list") + "?vis=overdue").content.decode()


def test_a_56_agreement_runs_two_years_and_comes_up_for_renewal(world, case, login):
    login(world.leder_a).post(reverse("retention:step_add", args=[case.pk]), {"kind": StepKind.AGREEMENT_56, "on": "2026-10-01"})
    step = Step.objects.get(kind=StepKind.AGREEMENT_56)
    assert step.until == date(2028, 9, 30)
    page = login(world.leder_a).get(reverse("retention:detail", args=[case.pk])).content.decode()
    assert "30.09.2028" in page and "01.08.2028" in page


def test_overlapping_absence_is_refused_in_danish(world, case, login):
    response = login(world.leder_a).post(reverse("retention:absence_add", args=[case.pk]), {"first_day": "2026-09-10"})
    assert response.status_code == 400
    assert "overlapper fraværet fra 01.09.2026" in response.content.decode()


def test_the_case_ends_in_a_fleksjob_at_the_same_workplace(world, case, colleague, login):
    client = login(world.leder_a)
    elsewhere = make_placement(world.skovbrynet, "fleksjob", person=colleague, start=date(2026, 12, 1))
    response = client.post(reverse("retention:close", args=[case.pk]), {
        "closed_on": "2026-11-30", "result": Result.FLEKSJOB, "result_placement": elsewhere.pk,
    })
    assert response.status_code == 200  # not offered: another workplace
    here = make_placement(world.solsikken, "fleksjob", person=colleague, start=date(2026, 12, 1))
    response = client.post(reverse("retention:close", args=[case.pk]), {"closed_on": "2026-11-30", "result": Result.FLEKSJOB})
    assert "Vælg ansættelsen på Solsikken Børnehus" in response.content.decode()
    response = client.post(reverse("retention:close", args=[case.pk]), {
        "closed_on": "2026-11-30", "result": Result.FLEKSJOB, "result_placement": here.pk,
    })
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.closed_on == date(2026, 11, 30) and case.result_placement == here
    # a closed case is no longer changed
    client.post(reverse("retention:step_add", args=[case.pk]), {"kind": StepKind.OTHER, "on": "2026-12-01"})
    assert not case.steps.exists()


def test_a_role_whose_term_ended_sees_no_case(world, case, login):
    leder = make_user("vikar", "Vera", "Vikar")
    RoleAssignment.objects.create(user=leder, role=Role.LEDER, unit=world.solsikken,
                                  valid_until=timezone.localdate() - timedelta(days=1))
    assert login(leder).get(reverse("retention:detail", args=[case.pk])).status_code == 404


def test_hr_keeps_the_deadline_rules_as_dated_data_with_their_source(world, login):
    page = login(world.hr).get(reverse("retention:rules")).content.decode()
    assert "Sygefraværssamtale" in page and "§ 7 a" in page
    assert login(world.leder_a).get(reverse("retention:rule_create")).status_code == 404
