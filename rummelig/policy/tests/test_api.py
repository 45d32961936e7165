"""The policy API: the same rules as the pages (a concern is 404 to anyone but its recipient and HR)."""

import pytest
from django.utils import timezone

from rummelig.policy.models import CompetenceDialogue, Concern, HealthSignup
from rummelig.policy.offers import load_seed_offers
from rummelig.policy.seed_guidelines import load_seed_guidelines

pytestmark = pytest.mark.django_db

API = "/api/v1/policy"


def test_an_employee_reads_guidelines_and_reports_a_concern_seen_only_by_recipient_and_hr(client, world, staff):
    load_seed_guidelines()
    client.force_login(staff.employee)
    assert client.get(f"{API}/guidelines").json()["count"] == 4
    recipients = client.get(f"{API}/me/concern-recipients").json()
    amr = next(r for r in recipients if r["role"] == "amr")
    response = client.post(f"{API}/me/concerns", {
        "kind": "threats", "about": "colleague", "description": "En borger truede min kollega.",
        "recipient": amr["user"], "recipient_role": "amr"}, content_type="application/json")
    assert response.status_code == 201, response.json()
    concern_id = response.json()["id"]
    for user in (world.leder_a, world.med_a, staff.colleague, world.tr_a, world.auditor):
        client.force_login(user)
        assert client.get(f"{API}/concerns/{concern_id}").status_code == 404, user.username
    client.force_login(world.hr)
    assert client.get(f"{API}/concerns/{concern_id}").json()["description"] == "En borger truede min kollega."
    assert client.post(f"{API}/concerns/{concern_id}/close", {"action_taken": "x"}, content_type="application/json").status_code == 403
    client.force_login(staff.amr)
    closed = client.post(f"{API}/concerns/{concern_id}/close", {"action_taken": "Talt med borgeren."}, content_type="application/json")
    assert closed.json()["status"] == "closed"
    client.force_login(staff.employee)
    [mine] = client.get(f"{API}/me/concerns").json()
    assert mine["status"] == "closed" and "action_taken" not in mine


def test_a_recipient_outside_the_workplace_is_refused(client, world, staff):
    client.force_login(staff.employee)
    response = client.post(f"{API}/me/concerns", {
        "kind": "bullying", "description": "x", "recipient": world.leder_b.pk, "recipient_role": "leder"}, content_type="application/json")
    assert response.status_code == 422 and not Concern.objects.exists()


def test_dialogue_goals_only_for_the_leder_who_held_it(client, world, staff):
    client.force_login(world.leder_a)
    today = timezone.localdate()
    response = client.post(f"{API}/kompus", {"person": staff.person.pk, "held_on": today.isoformat(), "goals": "Mål"},
                           content_type="application/json")
    assert response.status_code == 201 and response.json()["goals"] == "Mål"
    client.force_login(world.hr)
    [row] = client.get(f"{API}/kompus").json()["items"]
    assert row["goals"] is None and row["held_on"] == today.isoformat()
    coverage = {r["unit_name"]: r for r in client.get(f"{API}/kompus/coverage").json()}
    assert (coverage["Solsikken Børnehus"]["staff"], coverage["Solsikken Børnehus"]["held"]) == (2, 1)
    client.force_login(world.leder_b)
    assert client.get(f"{API}/kompus").json()["count"] == 0
    client.force_login(world.tr_a)
    assert client.post(f"{API}/kompus", {"person": staff.person.pk, "held_on": today.isoformat()},
                       content_type="application/json").status_code == 403
    assert CompetenceDialogue.objects.count() == 1


def test_an_employee_signs_up_through_the_api(client, world, staff):
    load_seed_offers()
    client.force_login(staff.employee)
    offers = client.get(f"{API}/offers").json()
    check = next(o for o in offers if o["name"] == "Sundhedstjek")
    assert client.post(f"{API}/me/signups", {"offer": check["id"]}, content_type="application/json").status_code == 201
    assert client.post(f"{API}/me/signups", {"offer": check["id"]}, content_type="application/json").status_code == 422
    assert [s["offer_name"] for s in client.get(f"{API}/me/signups").json()] == ["Sundhedstjek"]
    assert HealthSignup.objects.count() == 1
    client.force_login(world.hr)
    assert client.get(f"{API}/me/signups").status_code == 404
