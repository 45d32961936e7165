"""The MED framework: the committee's dated answers per workplace, and the list of workplaces not answered in 12 months."""

from datetime import timedelta

import pytest
from django.urls import reverse

from rummelig.audit.models import AuditEntry
from rummelig.onboarding.models import QUESTIONS, FrameworkAnswer

pytestmark = pytest.mark.django_db

ANSWERS = {"offer": "Pedelmedhjælper og køkken", "perspectives_person": "Erfaring og netværk", "perspectives_workplace": "Mangfoldighed",
           "integration": "Arbejdstøj på dag ét, kaffeklubben", "support": "Mentor og evaluering hver 3. måned",
           "permanent_staff": "Vi aftaler, hvem der introducerer"}


def test_the_six_questions_are_norddjurs_own_words():
    assert len(QUESTIONS) == 6
    assert QUESTIONS[0][1] == "Hvilke stillinger på særlige vilkår kan vi tilbyde?"
    assert QUESTIONS[-1][1] == "Hvad betyder det for de faste medarbejdere at have skiftende medarbejdere i kortere perioder?"


def test_the_leder_records_the_committees_answers_audited(world, login, today):
    response = login(world.leder_a).post(reverse("onboarding:framework_new"),
                                        {"workplace": world.solsikken.pk, "answered_on": today.isoformat(), **ANSWERS})
    answer = FrameworkAnswer.objects.get(workplace=world.solsikken)
    assert response.url == reverse("onboarding:framework_workplace", args=[world.solsikken.pk])
    assert answer.recorded_by == world.leder_a
    assert AuditEntry.objects.filter(object_type="frameworkanswer", action="create").exists()


def test_a_future_date_and_an_empty_answer_are_refused_in_danish(world, login, today):
    response = login(world.leder_a).post(reverse("onboarding:framework_new"),
                                        {"workplace": world.solsikken.pk, "answered_on": (today + timedelta(days=3)).isoformat(), **ANSWERS, "offer": ""})
    page = response.content.decode()
    assert "kan ikke ligge i fremtiden" in page and "Udfyld »Hvilke stillinger" in page
    assert not FrameworkAnswer.objects.exists()


def test_the_list_shows_workplaces_not_answered_in_twelve_months(world, login, today):
    FrameworkAnswer.objects.create(workplace=world.solsikken, answered_on=today - timedelta(days=30), **ANSWERS)
    FrameworkAnswer.objects.create(workplace=world.skovbrynet, answered_on=today - timedelta(days=400), **ANSWERS)
    response = login(world.hr).get(reverse("onboarding:framework"), {"mangler": "1"})
    missing = {row["workplace"].name for row in response.context["rows"]}
    assert missing == {"Skovbrynet Skole", "Plejecenter Åbjerg"}


def test_a_leder_cannot_record_for_a_workplace_outside_their_units(world, login, today):
    response = login(world.leder_b).post(reverse("onboarding:framework_new"),
                                        {"workplace": world.solsikken.pk, "answered_on": today.isoformat(), **ANSWERS})
    assert response.status_code == 200 and not FrameworkAnswer.objects.exists()
