"""The procurement role sees its register and nothing of the person register; others do not see the register."""

import pytest

from rummelig.testing import make_person, make_placement


def test_the_procurement_role_sees_no_person_and_no_placement(login, officer, world):
    person = make_person("Åse", "Ærø")
    placement = make_placement(world.solsikken, "fleksjob", person)
    client = login(officer)
    assert client.get(f"/personer/{person.pk}/").status_code == 404
    assert client.get("/personer/").status_code == 404
    assert client.get(f"/ansaettelser/{placement.pk}/").status_code == 404
    assert client.get("/ansaettelser/").status_code == 404
    assert client.get(f"/api/v1/people/{person.pk}").status_code == 404
    assert client.get(f"/api/v1/placements/{placement.pk}").status_code == 404
    assert "Ærø" not in client.get("/").content.decode()


def test_the_procurement_role_sees_its_register(login, officer, services_tender):
    response = login(officer).get("/indkoeb/")
    assert response.status_code == 200
    assert services_tender.title in response.content.decode()


@pytest.mark.parametrize("persona", ["leder_a", "tr_a", "med_a", "outsider"])
def test_other_roles_do_not_find_the_register(login, world, services_tender, persona):
    client = login(getattr(world, persona))
    assert client.get("/indkoeb/").status_code == 404
    assert client.get(f"/indkoeb/{services_tender.pk}/").status_code == 404
    assert client.get(f"/api/v1/procurement/tenders/{services_tender.pk}").status_code == 404


@pytest.mark.parametrize("persona", ["hr", "auditor"])
def test_hr_and_the_auditor_read_but_do_not_change_the_register(login, world, services_tender, persona):
    client = login(getattr(world, persona))
    assert client.get(f"/indkoeb/{services_tender.pk}/").status_code == 200
    assert client.post(f"/indkoeb/{services_tender.pk}/offentliggoer/").status_code == 404
    assert client.get("/indkoeb/ny/").status_code == 404


def test_only_hr_edits_the_thresholds(login, world, officer):
    assert login(officer).get("/indkoeb/taerskler/ny/").status_code == 404
    assert login(world.hr).get("/indkoeb/taerskler/ny/").status_code == 200


def test_the_officer_s_front_page_shows_planned_tenders_and_overdue_documentation(login, officer, services_tender):
    from datetime import date

    from rummelig.procurement.models import DocumentationRequest

    DocumentationRequest.objects.create(tender=services_tender, kind="loensedler", requested_on=date(2025, 1, 2), deadline=date(2025, 1, 16))
    page = login(officer).get("/").content.decode()
    assert 'data-testid="procurement-card"' in page
    assert "dokumentationsanmodninger efter fristen" in page
    assert "ingen rolle" not in page
