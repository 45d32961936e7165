"""The API describes itself at /api/v1/openapi.json, in Danish, with the four resources."""

import pytest

RESOURCES = {
    "/api/v1/units": "/api/v1/units/{unit_id}",
    "/api/v1/schemes": "/api/v1/schemes/{key}",
    "/api/v1/people": "/api/v1/people/{person_id}",
    "/api/v1/placements": "/api/v1/placements/{placement_id}",
}


@pytest.mark.django_db
class TestOpenApi:
    def test_the_schema_is_served_and_lists_the_four_resources(self, client):
        response = client.get("/api/v1/openapi.json")
        assert response.status_code == 200
        paths = response.json()["paths"]
        for collection, one in RESOURCES.items():
            assert set(paths[collection]) == ({"get", "post"} if "schemes" not in collection else {"get"})
            assert set(paths[one]) == ({"get", "put", "patch"} if "schemes" not in one else {"get"})

    def test_the_placement_fields_are_described_in_danish_and_cpr_is_write_only(self, client):
        schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
        placement = schemas["PlacementOut"]["properties"]
        assert placement["purpose"]["description"] == "Hvad målet med ansættelsen er."
        assert "tillidsrepræsentanter" in placement["target_group"]["description"]
        assert "cpr" not in schemas["PersonOut"]["properties"]
        assert "cpr_masked" in schemas["PersonOut"]["properties"]
        assert "cpr" in schemas["PersonIn"]["properties"]

    def test_both_ways_to_authenticate_are_documented(self, client):
        security = client.get("/api/v1/openapi.json").json()["components"]["securitySchemes"]
        assert {scheme["type"] for scheme in security.values()} == {"http", "apiKey"}

    def test_every_paged_list_answers_count_and_items_of_its_records(self, client):
        """A list with limit and offset answers {count, items} in a schema named after its records (UnitOut → UnitPage)."""
        document = client.get("/api/v1/openapi.json").json()
        schemas = document["components"]["schemas"]
        paged = [op for ops in document["paths"].values() for op in ops.values()
                 if "limit" in {parameter["name"] for parameter in op.get("parameters", [])}]
        assert len(paged) >= 12
        for op in paged:
            name = op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
            page = schemas[name]
            assert page["required"] == ["count", "items"], name
            assert page["properties"]["count"]["type"] == "integer"
            assert page["properties"]["items"]["items"]["$ref"].endswith("/" + name.removesuffix("Page") + "Out"), name
