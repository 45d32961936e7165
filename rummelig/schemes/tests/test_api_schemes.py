"""Schemes through the REST API: the law as dated rules, readable by every logged-in user, never changed."""

import pytest

from rummelig.accounts.tests.api_client import api_as


@pytest.mark.django_db
class TestSchemes:
    def test_every_role_reads_the_schemes(self, world):
        for user in (world.hr, world.leder_a, world.tr_a, world.med_a, world.auditor, world.outsider):
            response = api_as(user).get("/schemes", {"limit": 500})
            assert response.status_code == 200
            assert "loentilskud" in [item["code"] for item in response.json()["items"]]

    def test_a_scheme_carries_its_dated_rules_and_durations_per_target_group(self, world):
        body = api_as(world.leder_a).get("/schemes/loentilskud").json()
        assert body["name"] == "Løntilskud"
        current = body["versions"][0]
        assert current["valid_to"] is None
        assert current["counts_in_ratio"] is True
        durations = {d["target_group"]: (d["amount"], d["unit"]) for d in current["durations"]}
        assert durations["dagpenge"] == (4, "months")
        assert durations["sygedagpenge"] == (12, "months")
        # LAB § 68 nr. 1: 4 months at a public employer for job-ready kontanthjælp too, and confirmed in the law.
        jobparat = next(d for d in current["durations"] if d["target_group"] == "kontanthjaelp_jobparat")
        assert (jobparat["amount"], jobparat["verified"]) == (4, True)
        assert current["checked_on"] == "2026-12-06" and current["verified"] is False

    def test_a_scheme_is_found_by_id_too(self, world):
        api = api_as(world.hr)
        scheme_id = api.get("/schemes/fleksjob").json()["id"]
        assert api.get(f"/schemes/{scheme_id}").json()["code"] == "fleksjob"

    def test_an_unknown_scheme_is_404(self, world):
        assert api_as(world.hr).get("/schemes/findes-ikke").status_code == 404

    def test_the_list_pages_with_limit_and_offset(self, world):
        api = api_as(world.hr)
        everything = api.get("/schemes", {"limit": 500}).json()
        page = api.get("/schemes", {"limit": 3, "offset": 2}).json()
        assert page["count"] == everything["count"] >= 14
        assert page["items"] == everything["items"][2:5]

    def test_the_target_groups_are_listed_in_danish(self, world):
        groups = {g["code"]: g["name"] for g in api_as(world.tr_a).get("/schemes/target-groups").json()}
        assert "dagpenge" in groups and "foertidspension" in groups

    def test_there_is_no_way_to_change_a_scheme(self, world):
        assert api_as(world.hr).patch("/schemes/fleksjob", {"name": "Andet"}).status_code == 405
        assert api_as(world.hr).post("/schemes", {"code": "ny"}).status_code == 405
