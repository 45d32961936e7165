"""Odd input gets a Danish answer in JSON with a documented status, never a 500, an HTML page or a silent write.

The cases the OpenAPI fuzzer found (issue 10), each as a request a client could send; the fuzzer itself
runs in test_api_contract.py.
"""

import json
from datetime import date

import pytest
from django.test import Client

from rummelig.accounts.tests.api_client import PREFIX, api_as, errors_of
from rummelig.audit.models import AuditEntry
from rummelig.organisation.models import Unit
from rummelig.placements.models import Placement
from rummelig.testing import make_person, make_placement

HUGE = "99999999999999999999999"


@pytest.fixture
def placement(world):
    return make_placement(world.solsikken, "loentilskud", make_person("Åse", "Ærø"), start=date(2026, 1, 5), planned_end=date(2026, 5, 4))


def schema(client):
    return client.get(f"{PREFIX}/openapi.json").json()


@pytest.mark.django_db
class TestOddInputIsRefusedInDanish:
    @pytest.mark.parametrize("path", ["/units", "/schemes", "/people", "/placements"])
    def test_a_huge_offset_is_refused(self, world, path):
        assert errors_of(api_as(world.hr).get(path, {"offset": HUGE})) == {
            "offset": ["Denne værdi skal være mindre end eller lig 1000000000."]
        }

    @pytest.mark.parametrize("path, name", [("/units", "parent"), ("/placements", "person"), ("/placements", "workplace")])
    def test_a_huge_id_in_a_filter_is_refused(self, world, path, name):
        assert list(errors_of(api_as(world.hr).get(path, {name: HUGE}))) == [name]

    @pytest.mark.parametrize("key", ["³", "٣", HUGE])
    def test_a_scheme_key_that_is_no_id_is_not_found(self, world, key):
        response = api_as(world.hr).get(f"/schemes/{key}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Findes ikke."}

    @pytest.mark.parametrize("path", ["/units/abc", "/units/-1", f"/people/{HUGE}", "/placements/1.5", "/nowhere"])
    def test_a_path_that_names_nothing_answers_json_404(self, world, path):
        response = api_as(world.hr).get(path)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert response.json() == {"detail": "Findes ikke."}

    def test_a_body_that_is_not_json_is_refused(self, world, placement):
        response = api_as(world.hr).client.patch(f"{PREFIX}/placements/{placement.pk}", "{no", content_type="application/json")
        assert response.status_code == 400
        assert response.json() == {"detail": "Indholdet er ikke gyldig JSON."}

    def test_without_a_login_the_answer_says_how_to_log_in(self, world):
        response = Client().get(f"{PREFIX}/units")
        assert response.status_code == 401
        assert "Bearer" in response.json()["detail"] and "Log ind" in response.json()["detail"]

    def test_a_decimal_with_three_places_gets_a_danish_message(self, world, placement):
        errors = errors_of(api_as(world.hr).patch(f"/placements/{placement.pk}", {"hours_per_week": "30.125"}))
        assert errors == {"hours_per_week": ["Der må maksimalt være 2 decimaler."]}

    def test_a_wrong_choice_lists_the_allowed_values_in_danish(self, world):
        [message] = errors_of(api_as(world.hr).get("/placements", {"status": "paused"}))["status"]
        assert message.endswith("'ophoerer_snart' eller 'ophoert'.") and " or " not in message

    def test_an_unknown_field_is_refused(self, world, placement):
        errors = errors_of(api_as(world.hr).patch(f"/placements/{placement.pk}", {"planed_end": "2026-06-01"}))
        assert list(errors) == ["planed_end"]
        assert "Ukendt felt" in errors["planed_end"][0]

    def test_a_date_is_a_date_not_a_number_of_seconds(self, world, placement):
        assert errors_of(api_as(world.hr).patch(f"/placements/{placement.pk}", {"planned_end": 0})) == {
            "planned_end": ["Indtast en gyldig dato."]
        }


@pytest.mark.django_db
class TestPatchKeepsTheBoundsOfPut:
    @pytest.mark.parametrize(
        "field, value",
        [
            ("hours_per_week", "-1"),
            ("hours_per_week", "500"),
            ("yearly_subsidy", "-5"),
            ("yearly_subsidy", "100000000000"),
            ("jobcenter_contact", "x" * 300),
        ],
    )
    def test_patch_refuses_what_put_refuses_and_writes_nothing(self, world, placement, field, value):
        put_body = {"scheme": "loentilskud", "workplace": world.solsikken.pk, "start": "2026-01-05", field: value}
        assert list(errors_of(api_as(world.hr).put(f"/placements/{placement.pk}", put_body))) == [field]
        assert list(errors_of(api_as(world.hr).patch(f"/placements/{placement.pk}", {field: value}))) == [field]
        placement.refresh_from_db()
        assert getattr(placement, field) in (None, "")
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).exists()

    def test_the_placement_stays_readable_after_a_refused_patch(self, world, placement):
        api_as(world.hr).patch(f"/placements/{placement.pk}", {"yearly_subsidy": "1e15"})
        assert api_as(world.hr).get(f"/placements/{placement.pk}").status_code == 200

    @pytest.mark.parametrize("body", [True, [], 5, "text"])
    def test_a_body_that_is_no_object_is_refused_and_nothing_is_audited(self, world, placement, body):
        assert errors_of(api_as(world.hr).patch(f"/placements/{placement.pk}", body)) == {
            "__all__": ["Send et JSON-objekt med de felter, API-dokumentationen beskriver."]
        }
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).exists()

    @pytest.mark.parametrize("path, field", [("/units/{unit}", "name"), ("/people/{person}", "last_name"), ("/placements/{placement}", "start")])
    def test_null_is_refused_where_the_model_has_no_null(self, world, placement, path, field):
        url = path.format(unit=world.solsikken.pk, person=placement.person_id, placement=placement.pk)
        assert errors_of(api_as(world.hr).patch(url, {field: None})) == {field: ["Dette felt er påkrævet."]}

    def test_null_clears_a_field_that_may_be_empty(self, world, placement):
        response = api_as(world.hr).patch(f"/placements/{placement.pk}", {"planned_end": None})
        assert response.status_code == 200, response.content
        assert Placement.objects.get(pk=placement.pk).planned_end is None

    def test_a_name_of_spaces_is_refused(self, world, placement):
        assert errors_of(api_as(world.hr).patch(f"/people/{placement.person_id}", {"last_name": "   "})) == {
            "last_name": ["Dette felt er påkrævet."]
        }


@pytest.mark.django_db
class TestOneMunicipality:
    def test_the_api_creates_no_second_municipality(self, world):
        body = {"name": "Anden Kommune", "kind": "kommune", "valid_from": "2026-01-01"}
        errors = errors_of(api_as(world.hr).post("/units", body))
        assert set(errors) == {"kind", "parent"}
        assert Unit.objects.filter(kind=Unit.Kind.MUNICIPALITY).count() == 1

    def test_a_centre_cannot_become_a_second_municipality(self, world):
        errors = errors_of(api_as(world.hr).patch(f"/units/{world.centre_b.pk}", {"kind": "kommune", "parent": None}))
        assert errors == {"kind": ["Rummelig Kommune er allerede kommunen; en ny enhed er et område eller en arbejdsplads under den."]}

    def test_the_municipality_itself_can_still_be_renamed(self, world):
        response = api_as(world.hr).put(f"/units/{world.kommune.pk}", {"name": "Rummelig Kommune 2026", "kind": "kommune", "parent": None, "valid_from": "2020-01-01"})
        assert response.status_code == 200, response.content


@pytest.mark.django_db
class TestTheSchemaSaysWhatTheCodeAccepts:
    def test_every_status_the_code_answers_is_documented(self, client):
        paths = schema(client)["paths"]
        assert set(paths["/api/v1/placements"]["post"]["responses"]) == {"201", "400", "401", "403", "422"}
        assert set(paths["/api/v1/placements/{placement_id}"]["patch"]["responses"]) == {"200", "400", "401", "403", "404", "422"}
        assert set(paths["/api/v1/placements"]["get"]["responses"]) == {"200", "401", "404", "422"}
        assert set(paths["/api/v1/units/{unit_id}"]["get"]["responses"]) == {"200", "401", "404"}

    def test_required_fields_are_required(self, client):
        schemas = schema(client)["components"]["schemas"]
        assert {"parent", "name", "valid_from"} <= set(schemas["UnitCreate"]["required"])
        assert schemas["UnitCreate"]["properties"]["kind"]["enum"] == ["omraade", "arbejdsplads"]
        assert schemas["PersonIn"]["properties"]["last_name"]["minLength"] == 1
        assert schemas["PlacementCreate"]["anyOf"] == [{"required": ["person"]}, {"required": ["new_person"]}]

    def test_every_patch_schema_has_the_fields_and_bounds_of_its_full_schema_all_optional(self, client):
        schemas = schema(client)["components"]["schemas"]
        patches = [name for name in schemas if name.endswith("Patch")]
        assert {"UnitInPatch", "PersonInPatch", "PlacementInPatch"} <= set(patches)
        for name in patches:
            full, patch = schemas[name.removesuffix("Patch")], schemas[name]
            assert "required" not in patch, name
            assert patch["additionalProperties"] is False, name
            assert set(patch["properties"]) == set(full["properties"]), name
            for field, described in full["properties"].items():
                without_default = {key: value for key, value in described.items() if key != "default"}
                assert patch["properties"][field] == without_default, (name, field)

    def test_a_patch_allows_null_only_where_the_model_does(self, client):
        properties = schema(client)["components"]["schemas"]["PlacementInPatch"]["properties"]
        assert "null" not in json.dumps(properties["start"]) and "null" not in json.dumps(properties["person"])
        assert {"type": "null"} in properties["planned_end"]["anyOf"]
