"""Units through the REST API: the tree each role may see, HR's creates and changes, the audit log."""

import pytest

from rummelig.accounts.tests.api_client import api_as, errors_of
from rummelig.audit.models import AuditEntry
from rummelig.organisation.models import Unit


def names(response):
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


def new_unit(world, **changes):
    data = {
        "name": "Børnehuset Mælkebøtten",
        "kind": "arbejdsplads",
        "parent": world.centre_a.pk,
        "payroll_id": "W13",
        "p_number": "1012345681",
        "cost_centre": "4713",
        "valid_from": "2026-02-01",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
class TestReading:
    def test_hr_sees_the_whole_tree_in_order(self, world):
        assert names(api_as(world.hr).get("/units")) == [
            "Rummelig Kommune",
            "Center for Børn og Unge",
            "Solsikken Børnehus",
            "Skovbrynet Skole",
            "Center for Ældre og Sundhed",
            "Plejecenter Åbjerg",
        ]

    def test_a_leder_sees_own_centre_and_its_workplaces(self, world):
        assert names(api_as(world.leder_a).get("/units")) == ["Center for Børn og Unge", "Solsikken Børnehus", "Skovbrynet Skole"]

    def test_a_leder_gets_404_for_a_unit_of_another_centre(self, world):
        api = api_as(world.leder_a)
        assert api.get(f"/units/{world.aabjerg.pk}").status_code == 404
        assert api.get(f"/units/{world.solsikken.pk}").json()["p_number"] == "1012345678"

    def test_an_employee_representative_sees_own_workplace(self, world):
        assert names(api_as(world.tr_a).get("/units")) == ["Solsikken Børnehus"]

    def test_a_med_member_sees_the_committees_units_but_no_people(self, world):
        api = api_as(world.med_a)
        assert names(api.get("/units")) == ["Center for Børn og Unge", "Solsikken Børnehus", "Skovbrynet Skole"]
        assert api.get(f"/units/{world.centre_a.pk}").status_code == 200
        assert api.get(f"/units/{world.centre_b.pk}").status_code == 404

    def test_a_user_without_a_role_sees_no_unit(self, world):
        api = api_as(world.outsider)
        assert api.get("/units").json() == {"count": 0, "items": []}
        assert api.get(f"/units/{world.kommune.pk}").status_code == 404

    def test_it_filters_by_kind_and_parent(self, world):
        api = api_as(world.hr)
        assert names(api.get("/units", {"kind": "omraade"})) == ["Center for Børn og Unge", "Center for Ældre og Sundhed"]
        assert names(api.get("/units", {"parent": world.centre_b.pk})) == ["Plejecenter Åbjerg"]

    def test_it_pages_with_limit_and_offset(self, world):
        body = api_as(world.hr).get("/units", {"limit": 2, "offset": 4}).json()
        assert body["count"] == 6
        assert [item["name"] for item in body["items"]] == ["Center for Ældre og Sundhed", "Plejecenter Åbjerg"]

    def test_a_unit_names_its_parent_and_depth(self, world):
        body = api_as(world.hr).get(f"/units/{world.solsikken.pk}").json()
        assert (body["parent"], body["depth"], body["kind"]) == (world.centre_a.pk, 2, "arbejdsplads")


@pytest.mark.django_db
class TestWriting:
    def test_hr_creates_a_workplace_and_it_is_audited(self, world):
        response = api_as(world.hr).post("/units", new_unit(world))
        assert response.status_code == 201, response.content
        unit = Unit.objects.get(pk=response.json()["id"])
        assert unit.path == f"{world.centre_a.path}{unit.pk}/"
        entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE, object_type="unit")
        assert entry.user == world.hr
        assert entry.changes["name"] == [None, "Børnehuset Mælkebøtten"]

    def test_hr_renames_a_unit_with_patch_and_the_change_is_audited(self, world):
        response = api_as(world.hr).patch(f"/units/{world.solsikken.pk}", {"name": "Solsikken Børnehus og Vuggestue"})
        assert response.status_code == 200, response.content
        world.solsikken.refresh_from_db()
        assert world.solsikken.name == "Solsikken Børnehus og Vuggestue"
        assert world.solsikken.p_number == "1012345678"
        entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
        assert entry.changes == {"name": ["Solsikken Børnehus", "Solsikken Børnehus og Vuggestue"]}

    def test_hr_moves_a_workplace_to_another_centre_with_put(self, world):
        data = new_unit(world, name="Skovbrynet Skole", parent=world.centre_b.pk, valid_from="2020-01-01")
        assert api_as(world.hr).put(f"/units/{world.skovbrynet.pk}", data).status_code == 200
        world.skovbrynet.refresh_from_db()
        assert world.skovbrynet.path.startswith(world.centre_b.path)

    @pytest.mark.parametrize("persona", ["leder_a", "tr_a", "med_a", "auditor", "outsider"])
    def test_only_hr_creates_units(self, world, persona):
        response = api_as(getattr(world, persona)).post("/units", new_unit(world))
        assert response.status_code == 403
        assert response.json() == {"detail": "Kun HR må oprette og ændre enheder."}

    def test_a_leder_may_read_but_not_change_own_unit(self, world):
        assert api_as(world.leder_a).patch(f"/units/{world.solsikken.pk}", {"name": "Nyt navn"}).status_code == 403

    def test_a_leder_gets_404_for_changing_a_unit_of_another_centre(self, world):
        assert api_as(world.leder_a).patch(f"/units/{world.aabjerg.pk}", {"name": "Nyt navn"}).status_code == 404

    def test_an_end_before_the_start_is_refused_in_danish(self, world):
        errors = errors_of(api_as(world.hr).post("/units", new_unit(world, valid_to="2026-01-31")))
        assert list(errors) == ["valid_to"]
        assert "før" in errors["valid_to"][0]

    def test_a_p_number_must_be_ten_digits(self, world):
        errors = errors_of(api_as(world.hr).post("/units", new_unit(world, p_number="12345")))
        assert list(errors) == ["p_number"]
        assert "10 cifre" in errors["p_number"][0]

    def test_a_unit_cannot_be_moved_under_its_own_sub_unit(self, world):
        errors = errors_of(api_as(world.hr).patch(f"/units/{world.centre_a.pk}", {"parent": world.solsikken.pk}))
        assert list(errors) == ["parent"]
        world.centre_a.refresh_from_db()
        assert world.centre_a.parent == world.kommune

    def test_a_required_name_cannot_be_emptied(self, world):
        errors = errors_of(api_as(world.hr).patch(f"/units/{world.solsikken.pk}", {"name": None}))
        assert errors == {"name": ["Dette felt er påkrævet."]}
