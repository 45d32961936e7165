"""People through the REST API: who sees whom, the masked CPR number, changes and the audit log."""

from datetime import date

import pytest

from rummelig.accounts.tests.api_client import api_as, errors_of
from rummelig.audit.models import AuditEntry
from rummelig.people.models import Person
from rummelig.testing import make_employment, make_person, make_placement


@pytest.fixture
def people(world):
    aase = make_person("Åse", "Ærø", cpr="010180-1234")
    make_placement(world.solsikken, "fleksjob", aase, start=date(2025, 1, 6))
    bjoern = make_person("Bjørn", "Sørensen")
    make_employment(bjoern, world.skovbrynet)
    ida = make_person("Ida", "Østergård", cpr="2402751238")
    make_placement(world.aabjerg, "seniorjob", ida, start=date(2025, 9, 1))
    return {"aase": aase, "bjoern": bjoern, "ida": ida}


def names(response):
    assert response.status_code == 200, response.content
    return [item["full_name"] for item in response.json()["items"]]


@pytest.mark.django_db
class TestReading:
    def test_hr_lists_everyone_with_masked_cpr_numbers(self, world, people):
        response = api_as(world.hr).get("/people")
        assert names(response) == ["Bjørn Sørensen", "Åse Ærø", "Ida Østergård"]
        aase = response.json()["items"][1]
        assert aase["cpr_masked"] == "010180-xxxx"
        assert aase["birth_date"] == "1980-01-01"
        assert "cpr" not in aase
        assert "-1234" not in response.content.decode() and "801234" not in response.content.decode()

    def test_a_leder_lists_the_people_of_own_units(self, world, people):
        assert names(api_as(world.leder_a).get("/people")) == ["Bjørn Sørensen", "Åse Ærø"]

    def test_a_leder_gets_404_for_a_person_of_another_centre(self, world, people):
        api = api_as(world.leder_a)
        assert api.get(f"/people/{people['ida'].pk}").status_code == 404
        assert api.get(f"/people/{people['aase'].pk}").json()["cpr_masked"] == "010180-xxxx"

    def test_an_employee_representative_sees_only_people_placed_at_own_workplace(self, world, people):
        api = api_as(world.tr_a)
        assert names(api.get("/people")) == ["Åse Ærø"]
        assert api.get(f"/people/{people['bjoern'].pk}").status_code == 404

    @pytest.mark.parametrize("persona", ["med_a", "outsider"])
    def test_med_members_and_outsiders_never_see_a_person(self, world, people, persona):
        api = api_as(getattr(world, persona))
        assert api.get("/people").status_code == 404
        assert api.get(f"/people/{people['aase'].pk}").status_code == 404

    def test_hr_searches_by_name_or_cpr_number_as_on_the_page(self, world, people):
        api = api_as(world.hr)
        assert names(api.get("/people", {"q": "Østergå"})) == ["Ida Østergård"]
        assert names(api.post("/people/search", {"q": "010180-1234"})) == ["Åse Ærø"]
        assert names(api.post("/people/search", {"q": "0101801234", "limit": 5})) == ["Åse Ærø"]
        assert names(api.post("/people/search", {"q": "Østergå"})) == ["Ida Østergård"]

    @pytest.mark.parametrize("text", ["010180-1234", "0101801234", "010180 1234"])
    def test_a_cpr_number_in_the_address_is_refused_and_not_searched(self, world, people, text):
        response = api_as(world.hr).get("/people", {"q": text})
        assert response.status_code == 422
        assert "POST /api/v1/people/search" in errors_of(response)["q"][0]
        assert "Et CPR-nummer må ikke sendes i adressen" in errors_of(response)["q"][0]

    def test_a_leder_cannot_find_a_person_by_cpr_number_even_in_the_body(self, world, people):
        api = api_as(world.leder_a)
        assert names(api.post("/people/search", {"q": "010180-1234"})) == []
        assert names(api.post("/people/search", {"q": "Ærø"})) == ["Åse Ærø"]

    @pytest.mark.parametrize("persona", ["med_a", "outsider"])
    def test_the_search_is_not_there_for_med_members_and_outsiders(self, world, people, persona):
        assert api_as(getattr(world, persona)).post("/people/search", {"q": "Ærø"}).status_code == 404

    def test_it_pages_with_limit_and_offset(self, world, people):
        body = api_as(world.hr).get("/people", {"limit": 1, "offset": 1}).json()
        assert body["count"] == 3
        assert [item["full_name"] for item in body["items"]] == ["Åse Ærø"]

    def test_reading_a_person_is_audited_and_a_list_is_logged_as_an_export(self, world, people):
        api = api_as(world.leder_a)
        api.get(f"/people/{people['aase'].pk}")
        api.get("/people", {"q": "Ærø"})
        view = AuditEntry.objects.get(action=AuditEntry.Action.VIEW)
        assert (view.user, view.object_type, view.object_id) == (world.leder_a, "person", str(people["aase"].pk))
        export = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
        assert export.object_type == "person"
        assert "q=Ærø" in export.detail and "1 af 1 rækker" in export.detail


@pytest.mark.django_db
class TestWriting:
    def test_hr_creates_a_person_and_the_cpr_number_is_never_logged(self, world):
        response = api_as(world.hr).post("/people", {"first_name": "Søren", "last_name": "Ærenlund", "cpr": "1503901234"})
        assert response.status_code == 201, response.content
        assert response.json()["cpr_masked"] == "150390-xxxx"
        person = Person.objects.get(pk=response.json()["id"])
        assert person.cpr == "1503901234"
        assert person.birth_date == date(1990, 3, 15)
        entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE)
        assert entry.changes["cpr"] == ["***", "***"]

    def test_a_cpr_number_that_is_not_a_date_is_refused_in_danish(self, world):
        response = api_as(world.hr).post("/people", {"first_name": "Søren", "last_name": "Ærenlund", "cpr": "3201901234"})
        assert errors_of(response) == {"cpr": ["CPR-nummeret 320190-xxxx begynder ikke med en gyldig dato."]}

    def test_a_cpr_number_of_the_wrong_length_is_refused_in_danish(self, world):
        response = api_as(world.hr).post("/people", {"first_name": "Søren", "last_name": "Ærenlund", "cpr": "15039012"})
        assert errors_of(response) == {"cpr": ["CPR-nummeret skal være 10 cifre (ddmmåå-xxxx)."]}

    def test_a_cpr_number_already_registered_is_refused(self, world, people):
        response = api_as(world.hr).post("/people", {"first_name": "Åse", "last_name": "Andersen", "cpr": "010180-1234"})
        assert list(errors_of(response)) == ["cpr"]

    @pytest.mark.parametrize("persona", ["leder_a", "tr_a", "med_a", "auditor", "outsider"])
    def test_only_hr_creates_a_person_on_its_own(self, world, persona):
        response = api_as(getattr(world, persona)).post("/people", {"first_name": "Søren", "last_name": "Ærenlund"})
        assert response.status_code == 403
        assert not Person.objects.exists()

    def test_a_leder_corrects_the_name_of_a_person_in_own_unit_and_it_is_audited(self, world, people):
        response = api_as(world.leder_a).patch(f"/people/{people['aase'].pk}", {"last_name": "Ærø-Nielsen"})
        assert response.status_code == 200, response.content
        people["aase"].refresh_from_db()
        assert (people["aase"].last_name, people["aase"].cpr) == ("Ærø-Nielsen", "0101801234")
        entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
        assert entry.changes == {"last_name": ["Ærø", "Ærø-Nielsen"]}

    def test_a_new_cpr_number_moves_the_birth_date_and_is_logged_hidden(self, world, people):
        response = api_as(world.hr).put(
            f"/people/{people['bjoern'].pk}", {"first_name": "Bjørn", "last_name": "Sørensen", "cpr": "311299-1238"}
        )
        assert response.json()["birth_date"] == "1999-12-31"
        entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
        assert entry.changes["cpr"] == ["***", "***"]
        assert "1238" not in str(entry.changes)

    def test_hr_removes_a_cpr_number(self, world, people):
        response = api_as(world.hr).patch(f"/people/{people['aase'].pk}", {"remove_cpr": True})
        assert response.json()["cpr_masked"] == ""

    def test_a_leder_gets_404_for_changing_a_person_of_another_centre(self, world, people):
        assert api_as(world.leder_a).patch(f"/people/{people['ida'].pk}", {"first_name": "X"}).status_code == 404

    def test_an_employee_representative_and_the_auditor_may_not_change_a_person(self, world, people):
        assert api_as(world.tr_a).patch(f"/people/{people['aase'].pk}", {"first_name": "X"}).status_code == 403
        assert api_as(world.auditor).patch(f"/people/{people['aase'].pk}", {"first_name": "X"}).status_code == 403
        people["aase"].refresh_from_db()
        assert people["aase"].first_name == "Åse"
