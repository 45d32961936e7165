"""The onboarding API: positions, checklists, evaluations, mentors, follow-ups and framework answers, with the pages' permissions."""

from datetime import timedelta

import pytest

from rummelig.onboarding.models import Evaluation, FrameworkAnswer, Position
from rummelig.placements.models import Outcome
from rummelig.testing import make_placement

pytestmark = pytest.mark.django_db

BASE = "/api/v1/onboarding"


def position_body(world, today, **extra):
    return {"workplace": world.solsikken.pk, "title": "Pedelmedhjælper", "tasks": "Græsslåning og småreparationer",
            "task_kind": "udendoers", "schemes": ["virksomhedspraktik", "loentilskud"], "available_from": today.isoformat(),
            "mentor_ready": True, **extra}


def test_a_leder_creates_and_fills_a_position_and_it_shows_as_taken(world, login, today, other_placement):
    client = login(world.leder_a)
    response = client.post(f"{BASE}/positions", position_body(world, today), content_type="application/json")
    assert response.status_code == 201, response.content
    position_id = response.json()["id"]
    assert response.json()["schemes"] == ["loentilskud", "virksomhedspraktik"] or set(response.json()["schemes"]) == {"loentilskud", "virksomhedspraktik"}
    response = client.patch(f"{BASE}/positions/{position_id}", {"filled_by": other_placement.pk}, content_type="application/json")
    assert response.status_code == 200 and response.json()["taken"] is True
    assert client.get(f"{BASE}/positions", {"open_only": True}).json()["count"] == 0


def test_a_position_at_a_workplace_outside_ones_units_is_refused(world, login, today):
    response = login(world.leder_b).post(f"{BASE}/positions", position_body(world, today), content_type="application/json")
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "workplace"
    assert not Position.objects.exists()


def test_an_unknown_scheme_code_is_refused_in_danish(world, login, today):
    response = login(world.hr).post(f"{BASE}/positions", position_body(world, today, schemes=["nope"]), content_type="application/json")
    assert response.status_code == 422 and "Ukendt ordning" in response.json()["detail"][0]["message"]


def test_a_tr_gets_404_for_positions_and_403_writing(world, login, today):
    client = login(world.tr_a)
    assert client.get(f"{BASE}/positions").status_code == 404
    assert client.post(f"{BASE}/positions", position_body(world, today), content_type="application/json").status_code == 403


def test_the_leder_ticks_an_item_and_hr_sees_the_progress(world, login, mentee, today):
    items = login(world.leder_a).get(f"{BASE}/placements/{mentee.pk}/checklist").json()["items"]
    response = login(world.leder_a).patch(f"{BASE}/placements/{mentee.pk}/checklist/items/{items[0]['id']}",
                                         {"done": True, "note": "Sagt på mødet"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["done_on"] == today.isoformat()
    checklist = login(world.hr).get(f"{BASE}/placements/{mentee.pk}/checklist").json()
    assert checklist["done"] == 1 and checklist["total"] == len(items)


def test_the_auditor_reads_but_may_not_tick(world, login, mentee):
    client = login(world.auditor)
    item = client.get(f"{BASE}/placements/{mentee.pk}/checklist").json()["items"][0]
    response = client.patch(f"{BASE}/placements/{mentee.pk}/checklist/items/{item['id']}", {"done": True}, content_type="application/json")
    assert response.status_code == 403


def test_evaluations_and_mentors_through_the_api(world, login, mentee, mentor, today):
    client = login(world.leder_a)
    response = client.post(f"{BASE}/placements/{mentee.pk}/evaluations", {
        "held_on": today.isoformat(), "participants": "Leder og Åse", "notes": "Fin start", "next_step": "Mere ansvar"},
        content_type="application/json")
    assert response.status_code == 201 and Evaluation.objects.filter(placement=mentee).count() == 1
    response = client.post(f"{BASE}/placements/{mentee.pk}/mentors", {
        "mentor": mentor.person.pk, "starts": today.isoformat(), "ends": (today + timedelta(days=250)).isoformat(), "hours_per_week": 2},
        content_type="application/json")
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "ends"
    response = client.post(f"{BASE}/placements/{mentee.pk}/mentors", {
        "mentor": mentor.person.pk, "starts": today.isoformat(), "ends": (today + timedelta(days=100)).isoformat(), "hours_per_week": 2},
        content_type="application/json")
    assert response.status_code == 201 and response.json()["mentor_name"] == "Mads Mentorsen"
    assert len(client.get(f"{BASE}/placements/{mentee.pk}/mentors").json()) == 1


def test_a_follow_up_through_the_api(world, login, today):
    placement = make_placement(world.solsikken, "virksomhedspraktik", start=today - timedelta(days=100), actual_end=today - timedelta(days=10))
    response = login(world.leder_a).post(f"{BASE}/placements/{placement.pk}/follow-ups", {"months": 3, "outcome": Outcome.EDUCATION},
                                        content_type="application/json")
    assert response.status_code == 201 and response.json()["outcome"] == Outcome.EDUCATION


def test_framework_answers_through_the_api(world, login, today):
    body = {"workplace": world.solsikken.pk, "answered_on": today.isoformat(), "offer": "Køkken", "perspectives_person": "Job",
            "perspectives_workplace": "Hænder", "integration": "Kaffe", "support": "Mentor", "permanent_staff": "Ro"}
    assert login(world.med_a).post(f"{BASE}/framework-answers", body, content_type="application/json").status_code == 403
    assert login(world.leder_a).post(f"{BASE}/framework-answers", body, content_type="application/json").status_code == 201
    assert login(world.med_a).get(f"{BASE}/framework-answers").json()["count"] == 1
    assert login(world.leder_b).get(f"{BASE}/framework-answers").json()["count"] == 0
    assert FrameworkAnswer.objects.count() == 1
