"""The retention API: the pages' permission and rules, through a token."""

from datetime import date

import pytest

from rummelig.accounts.tests.api_client import api_as, errors_of
from rummelig.audit.models import AuditEntry
from rummelig.retention.models import RetentionCase
from rummelig.testing import make_employment, make_person, make_placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(world):
    person = make_person("Karen", "Blixen")
    make_employment(person, world.solsikken, start=date(2015, 8, 1))
    return person


def test_a_leder_follows_a_case_through_the_api_to_a_fleksjob(world, colleague):
    api = api_as(world.leder_a)
    response = api.post("/retention-cases", {"person": colleague.pk, "unit": world.solsikken.pk, "opened_on": "2026-09-15",
                                              "first_day": "2026-09-01"})
    assert response.status_code == 201, response.content
    case_id = response.json()["id"]
    assert api.post(f"/retention-cases/{case_id}/steps", {"kind": "agreement_56", "on": "2026-10-01"}).json()["until"] == "2028-09-30"
    detail = api.get(f"/retention-cases/{case_id}").json()
    assert [d["label"] for d in detail["deadlines"]] == ["Sygefraværssamtale"] and detail["deadlines"][0]["due"] == "2026-09-29"
    fleksjob = make_placement(world.solsikken, "fleksjob", person=colleague, start=date(2026, 12, 1))
    closed = api.post(f"/retention-cases/{case_id}/close", {"closed_on": "2026-11-30", "result": "fleksjob",
                                                            "result_placement": fleksjob.pk})
    assert closed.status_code == 200 and closed.json()["result_placement"] == fleksjob.pk
    refused = api.post(f"/retention-cases/{case_id}/steps", {"kind": "other", "on": "2026-12-02"})
    assert "afsluttet" in errors_of(refused)["__all__"][0]
    assert AuditEntry.objects.filter(object_type="retentioncase", action=AuditEntry.Action.VIEW, detail__startswith="API").exists()


def test_a_fleksjob_result_needs_the_placement_at_the_same_workplace(world, colleague):
    case = RetentionCase.objects.create(person=colleague, unit=world.solsikken, opened_on=date(2026, 9, 1))
    elsewhere = make_placement(world.skovbrynet, "fleksjob", person=colleague)
    response = api_as(world.hr).post(f"/retention-cases/{case.pk}/close", {"closed_on": "2026-11-30", "result": "fleksjob",
                                                                          "result_placement": elsewhere.pk})
    assert "result_placement" in errors_of(response)


@pytest.mark.parametrize("who", ["tr_a", "med_a", "auditor", "outsider", "leder_b"])
def test_others_find_no_case(world, colleague, who):
    case = RetentionCase.objects.create(person=colleague, unit=world.solsikken, opened_on=date(2026, 9, 1))
    api = api_as(getattr(world, who))
    assert api.get(f"/retention-cases/{case.pk}").status_code == 404
    assert api.post(f"/retention-cases/{case.pk}/steps", {"kind": "other", "on": "2026-09-02"}).status_code == 404
    listed = api.get("/retention-cases")
    assert listed.status_code == 404 or listed.json()["count"] == 0
