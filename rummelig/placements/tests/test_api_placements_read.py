"""Reading placements through the REST API: who sees what, filters, pagination and the audit log."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rummelig.accounts.tests.api_client import api_as, errors_of
from rummelig.audit.models import AuditEntry
from rummelig.testing import make_person, make_placement


@pytest.fixture
def placements(world):
    today = timezone.localdate()
    return {
        "solsikken": make_placement(
            world.solsikken,
            "fleksjob",
            make_person("Åse", "Ærø", cpr="0101801234"),
            start=today - timedelta(days=400),
            target_group="ledighedsydelse",
            special_considerations="Ingen tunge løft; arbejder ikke før kl. 10.",
        ),
        "skovbrynet": make_placement(
            world.skovbrynet,
            "loentilskud",
            make_person("Bjørn", "Sørensen"),
            start=today - timedelta(days=60),
            planned_end=today + timedelta(days=10),
            target_group="dagpenge",
        ),
        "aabjerg": make_placement(
            world.aabjerg,
            "virksomhedspraktik",
            make_person("Ida", "Østergård"),
            start=today - timedelta(days=100),
            planned_end=today - timedelta(days=72),
            target_group="dagpenge",
        ),
    }


def names(response):
    assert response.status_code == 200, response.content
    return sorted(item["person_name"] for item in response.json()["items"])


@pytest.mark.django_db
class TestWhoSeesWhat:
    def test_hr_lists_every_placement(self, world, placements):
        response = api_as(world.hr).get("/placements")
        assert response.json()["count"] == 3
        assert names(response) == ["Bjørn Sørensen", "Ida Østergård", "Åse Ærø"]

    def test_a_leder_lists_only_the_placements_of_own_units(self, world, placements):
        assert names(api_as(world.leder_a).get("/placements")) == ["Bjørn Sørensen", "Åse Ærø"]

    def test_a_leder_gets_404_for_a_placement_in_another_centre(self, world, placements):
        api = api_as(world.leder_a)
        assert api.get(f"/placements/{placements['aabjerg'].pk}").status_code == 404
        assert api.get(f"/placements/{placements['skovbrynet'].pk}").status_code == 200

    def test_a_leder_sees_the_health_fields(self, world, placements):
        body = api_as(world.leder_a).get(f"/placements/{placements['solsikken'].pk}").json()
        assert body["target_group"] == "ledighedsydelse"
        assert body["special_considerations"] == "Ingen tunge løft; arbejder ikke før kl. 10."
        assert body["health_fields_hidden"] is False

    def test_an_employee_representative_sees_own_workplace_without_health_fields(self, world, placements):
        api = api_as(world.tr_a)
        listed = api.get("/placements").json()
        assert [item["person_name"] for item in listed["items"]] == ["Åse Ærø"]
        body = api.get(f"/placements/{placements['solsikken'].pk}").json()
        assert body["target_group"] is None
        assert body["special_considerations"] is None
        assert body["health_fields_hidden"] is True
        assert listed["items"][0]["target_group"] is None
        assert listed["items"][0]["special_considerations"] is None
        assert "Ingen tunge løft" not in api.get("/placements").content.decode()

    def test_an_employee_representative_gets_404_outside_own_workplace(self, world, placements):
        assert api_as(world.tr_a).get(f"/placements/{placements['skovbrynet'].pk}").status_code == 404

    def test_a_med_member_never_sees_a_placement(self, world, placements):
        api = api_as(world.med_a)
        assert api.get("/placements").status_code == 404
        assert api.get(f"/placements/{placements['solsikken'].pk}").status_code == 404

    def test_a_user_without_a_role_sees_nothing(self, world, placements):
        api = api_as(world.outsider)
        assert api.get("/placements").status_code == 404
        response = api.get(f"/placements/{placements['solsikken'].pk}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Findes ikke."}

    def test_the_auditor_reads_every_placement(self, world, placements):
        assert api_as(world.auditor).get("/placements").json()["count"] == 3

    def test_the_response_names_person_scheme_and_workplace(self, world, placements):
        body = api_as(world.hr).get(f"/placements/{placements['skovbrynet'].pk}").json()
        assert body["person"] == placements["skovbrynet"].person_id
        assert body["scheme"] == "loentilskud"
        assert body["workplace"] == world.skovbrynet.pk
        assert body["workplace_name"] == "Skovbrynet Skole"
        assert body["status"] == "ophoerer_snart"

    def test_no_cpr_number_appears_in_a_placement(self, world, placements):
        content = api_as(world.hr).get("/placements").content.decode()
        assert "0101801234" not in content and "010180-1234" not in content


@pytest.mark.django_db
class TestFilters:
    def get(self, world, **params):
        return names(api_as(world.hr).get("/placements", params))

    def test_it_filters_by_scheme_code(self, world, placements):
        assert self.get(world, scheme="loentilskud") == ["Bjørn Sørensen"]

    def test_it_filters_by_centre_and_by_workplace(self, world, placements):
        assert self.get(world, centre=world.centre_b.pk) == ["Ida Østergård"]
        assert self.get(world, workplace=world.solsikken.pk) == ["Åse Ærø"]

    def test_it_filters_by_status(self, world, placements):
        assert self.get(world, status="ophoert") == ["Ida Østergård"]
        assert self.get(world, status="ophoerer_snart") == ["Bjørn Sørensen"]
        assert self.get(world, status="aktiv") == ["Bjørn Sørensen", "Åse Ærø"]
        assert self.get(world, status="planlagt") == []

    def test_it_filters_by_period(self, world, placements):
        today = timezone.localdate()
        assert self.get(world, period_from=today - timedelta(days=71)) == ["Bjørn Sørensen", "Åse Ærø"]
        assert self.get(world, period_to=today - timedelta(days=90)) == ["Ida Østergård", "Åse Ærø"]

    def test_it_searches_by_name_with_danish_letters(self, world, placements):
        assert self.get(world, q="østergå") == ["Ida Østergård"]
        assert self.get(world, q="åse ærø") == ["Åse Ærø"]
        assert self.get(world, q="bjørn sørensen") == ["Bjørn Sørensen"]

    def test_hr_searches_by_cpr_number_in_the_body_and_never_in_the_address(self, world, placements):
        api = api_as(world.hr)
        found = api.post("/placements/search", {"q": "010180-1234", "limit": 10})
        assert [item["person_name"] for item in found.json()["items"]] == ["Åse Ærø"]
        assert api.post("/placements/search", {"q": "01.01.1980", "status": "aktiv"}).json()["count"] == 1
        refused = api.get("/placements", {"q": "0101801234"})
        assert refused.status_code == 422 and "POST /api/v1/placements/search" in errors_of(refused)["q"][0]
        details = [e.detail for e in AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT)]
        assert any("q=010180-xxxx" in detail for detail in details)
        assert not any("1234" in detail for detail in details)

    @pytest.mark.parametrize("persona", ["med_a", "outsider"])
    def test_the_search_is_not_there_for_med_members_and_outsiders(self, world, placements, persona):
        assert api_as(getattr(world, persona)).post("/placements/search", {"q": "Ærø"}).status_code == 404

    def test_a_tr_searches_own_workplace_by_name_only(self, world, placements):
        api = api_as(world.tr_a)
        assert api.post("/placements/search", {"q": "Ærø"}).json()["count"] == 1
        assert api.post("/placements/search", {"q": "Sørensen"}).json()["count"] == 0
        assert api.post("/placements/search", {"q": "0101801234"}).json()["count"] == 0

    def test_a_leder_cannot_find_a_placement_by_cpr_digits(self, world, placements):
        api = api_as(world.leder_a)
        assert api.post("/placements/search", {"q": "0101801234"}).json()["count"] == 0
        assert api.post("/placements/search", {"q": "010180"}).json()["count"] == 0
        assert api.post("/placements/search", {"q": "Ærø"}).json()["count"] == 1

    def test_it_filters_by_person(self, world, placements):
        assert self.get(world, person=placements["aabjerg"].person_id) == ["Ida Østergård"]

    def test_a_unit_outside_the_users_scope_is_not_found_as_on_the_page(self, world, placements):
        assert api_as(world.leder_a).get("/placements", {"centre": world.centre_b.pk}).status_code == 404
        assert api_as(world.leder_a).get("/placements", {"workplace": world.aabjerg.pk}).status_code == 404

    def test_an_unknown_scheme_code_is_named(self, world, placements):
        errors = errors_of(api_as(world.hr).get("/placements", {"scheme": "findes-ikke"}))
        assert errors == {"scheme": ["Findes ikke, eller du har ikke adgang til det."]}

    def test_it_sorts_like_the_list_page(self, world, placements):
        response = api_as(world.hr).get("/placements", {"sort": "name"})
        assert [item["person_name"] for item in response.json()["items"]] == ["Bjørn Sørensen", "Åse Ærø", "Ida Østergård"]
        response = api_as(world.hr).get("/placements", {"sort": "-end"})
        assert [item["person_name"] for item in response.json()["items"]][0] == "Åse Ærø"

    def test_an_unknown_status_is_refused_in_danish(self, world, placements):
        errors = errors_of(api_as(world.hr).get("/placements", {"status": "slut"}))
        assert errors["status"][0].startswith("Marker en gyldig valgmulighed.")
        assert "'ophoerer_snart'" in errors["status"][0]


@pytest.mark.django_db
class TestPagination:
    def test_limit_and_offset_page_through_the_list_with_the_full_count(self, world, placements):
        api = api_as(world.hr)
        first = api.get("/placements", {"limit": 2}).json()
        rest = api.get("/placements", {"limit": 2, "offset": 2}).json()
        assert first["count"] == rest["count"] == 3
        assert len(first["items"]) == 2 and len(rest["items"]) == 1
        assert {i["id"] for i in first["items"]} | {i["id"] for i in rest["items"]} == {p.pk for p in placements.values()}

    def test_the_list_is_newest_start_first(self, world, placements):
        assert names(api_as(world.hr).get("/placements", {"limit": 1})) == ["Bjørn Sørensen"]

    def test_a_limit_above_500_is_refused(self, world, placements):
        errors = errors_of(api_as(world.hr).get("/placements", {"limit": 501}))
        assert errors["limit"] == ["Denne værdi skal være mindre end eller lig 500."]

    def test_a_negative_offset_is_refused(self, world, placements):
        assert "offset" in errors_of(api_as(world.hr).get("/placements", {"offset": -1}))


@pytest.mark.django_db
class TestAudit:
    def test_reading_a_placement_is_logged_as_a_view(self, world, placements):
        placement = placements["solsikken"]
        api_as(world.leder_a).get(f"/placements/{placement.pk}")
        entry = AuditEntry.objects.get(action=AuditEntry.Action.VIEW)
        assert (entry.user, entry.object_type, entry.object_id) == (world.leder_a, "placement", str(placement.pk))

    def test_a_refused_read_is_not_logged_as_a_view(self, world, placements):
        api_as(world.leder_b).get(f"/placements/{placements['solsikken'].pk}")
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.VIEW).exists()

    def test_a_list_is_logged_as_an_export_with_its_filter_and_count(self, world, placements):
        api_as(world.hr).get("/placements", {"scheme": "fleksjob", "limit": 10})
        entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
        assert entry.user == world.hr
        assert entry.object_type == "placement"
        assert "scheme=fleksjob" in entry.detail
        assert "1 af 1 rækker" in entry.detail
