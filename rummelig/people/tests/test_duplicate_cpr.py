"""A leder cannot learn whether a CPR number exists elsewhere in the municipality; HR resolves the clash.

The attacker is leder_a (Center for Børn og Unge). Ida Østergård, with a known CPR number, works in
the other centre. Whatever the leder types, the answer is the same as for a number no one has: the
person is registered and shows the masked number. HR sees the clash as a task and merges or corrects it.
"""

import json
from datetime import date

import pytest
from django.urls import reverse

from rummelig.accounts.tests.api_client import api_as
from rummelig.audit.models import AuditEntry
from rummelig.people.models import Person
from rummelig.placements.models import Placement
from rummelig.placements.tests.test_create import form_data
from rummelig.testing import make_person, make_placement

IDA_CPR = "2402751238"
FRESH_CPR = "2402751239"
CREATE = reverse("placements:create")


@pytest.fixture
def ida(world):
    person = make_person("Ida", "Østergård", cpr=IDA_CPR)
    make_placement(world.aabjerg, "seniorjob", person, start=date(2025, 9, 1))
    return person


def _register_on_the_page(client, world, cpr, last_name):
    response = client.post(CREATE, form_data(world, cpr=cpr, last_name=last_name), follow=True)
    person = Person.objects.get(last_name=last_name)
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    return response, person, page


def _shape(response, last_name):
    """What the leder can observe of a registration, without the name that differs anyway."""
    content = response.content.decode()
    messages = [str(m).replace(last_name, "…") for m in response.context["messages"]]
    return response.status_code, messages, "form-error" in content, "allerede" in content


@pytest.mark.django_db
class TestTheLederLearnsNothing:
    def test_the_page_answers_the_same_whether_or_not_the_number_exists(self, world, ida, login):
        client = login(world.leder_a)
        taken, person, taken_page = _register_on_the_page(client, world, "240275-1238", "Prøve")
        fresh, other, fresh_page = _register_on_the_page(client, world, "240275-1239", "Kontrol")
        assert _shape(taken, "Prøve") == _shape(fresh, "Kontrol") == (200, ["Ansættelsen af Ærling … er registreret."], False, False)
        assert "240275-xxxx" in taken_page and "240275-xxxx" in fresh_page
        assert "Østergård" not in taken_page and "afvent" not in taken_page.lower()
        assert (person.cpr, person.pending_cpr, person.birth_date) == ("", IDA_CPR, date(1975, 2, 24))
        assert (other.cpr, other.pending_cpr) == (FRESH_CPR, "")
        # Ida is still out of the leder's sight, and her placement stays hers.
        assert client.get(reverse("people:detail", args=[ida.pk])).status_code == 404
        assert Placement.objects.get(person__last_name="Prøve").person == person

    def test_the_api_answers_the_same_whether_or_not_the_number_exists(self, world, ida):
        api = api_as(world.leder_a)

        def create(cpr, last_name):
            body = {"new_person": {"first_name": "Ærling", "last_name": last_name, "cpr": cpr}, "scheme": "virksomhedspraktik",
                    "workplace": world.solsikken.pk, "target_group": "dagpenge", "start": "2026-03-01", "planned_end": "2026-03-28"}
            return api.post("/placements", body)

        taken, fresh = create(IDA_CPR, "Prøve"), create(FRESH_CPR, "Kontrol")
        assert taken.status_code == fresh.status_code == 201
        assert set(taken.json()) == set(fresh.json())
        people = {p["full_name"]: p for p in api.get("/people").json()["items"]}
        assert people["Ærling Prøve"]["cpr_masked"] == people["Ærling Kontrol"]["cpr_masked"] == "240275-xxxx"

    def test_changing_a_persons_number_to_one_that_exists_is_accepted_and_waits_for_hr(self, world, ida, login):
        mine = make_person("Åse", "Ærø", cpr="0101801234")
        make_placement(world.solsikken, "fleksjob", mine, start=date(2026, 1, 5))
        client = login(world.leder_a)
        edit = reverse("people:edit", args=[mine.pk])
        response = client.post(edit, {"first_name": "Åse", "last_name": "Ærø", "cpr": "240275-1238", "email": ""})
        assert response.status_code == 302
        mine.refresh_from_db()
        assert (mine.cpr, mine.pending_cpr, mine.masked_cpr) == ("0101801234", IDA_CPR, "240275-xxxx")
        patched = api_as(world.leder_a).patch(f"/people/{mine.pk}", {"cpr": IDA_CPR})
        assert patched.status_code == 200 and patched.json()["cpr_masked"] == "240275-xxxx"

    def test_hr_is_still_told(self, world, ida, login):
        response = login(world.hr).post(CREATE, form_data(world, cpr="240275-1238"))
        assert "Der er allerede registreret en person med CPR-nummeret 240275-xxxx" in response.content.decode()
        assert api_as(world.hr).post("/people", {"first_name": "A", "last_name": "B", "cpr": IDA_CPR}).status_code == 422

    def test_the_number_is_never_in_the_audit_log(self, world, ida, login):
        _register_on_the_page(login(world.leder_a), world, "240275-1238", "Prøve")
        for row in AuditEntry.objects.all():
            text = json.dumps([row.object_repr, row.detail, row.changes], ensure_ascii=False)
            assert IDA_CPR not in text and "240275-1238" not in text


@pytest.mark.django_db
class TestHrResolves:
    @pytest.fixture
    def awaiting(self, world, ida, login):
        _register_on_the_page(login(world.leder_a), world, "240275-1238", "Prøve")
        return Person.objects.get(last_name="Prøve")

    def test_hr_sees_the_task_on_the_people_list_and_the_person_page(self, world, awaiting, login):
        client = login(world.hr)
        listing = client.get(reverse("people:list")).content.decode()
        assert "CPR-numre, der skal afklares" in listing and "Ærling Prøve" in listing
        page = client.get(reverse("people:detail", args=[awaiting.pk])).content.decode()
        assert 'data-testid="cpr-awaiting"' in page and "Ida Østergård" in page
        assert "CPR-numre, der skal afklares" not in login(world.leder_a).get(reverse("people:list")).content.decode()

    def test_merging_moves_the_placement_to_the_person_who_has_the_number(self, world, ida, awaiting, login):
        placement = Placement.objects.get(person=awaiting)
        response = login(world.hr).post(reverse("people:resolve_cpr", args=[awaiting.pk]), {"action": "merge"})
        assert response["Location"] == reverse("people:detail", args=[ida.pk])
        assert not Person.objects.filter(pk=awaiting.pk).exists()
        placement.refresh_from_db()
        assert placement.person == ida
        assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE, object_type="person", object_id=str(awaiting.pk)).exists()
        assert "CPR-numre, der skal afklares" not in login(world.hr).get(reverse("people:list")).content.decode()

    def test_a_wrong_number_is_dropped(self, world, awaiting, login):
        login(world.hr).post(reverse("people:resolve_cpr", args=[awaiting.pk]), {"action": "drop"})
        awaiting.refresh_from_db()
        assert (awaiting.cpr, awaiting.pending_cpr, awaiting.masked_cpr) == ("", "", "")

    def test_the_number_is_taken_when_no_one_else_has_it_any_longer(self, world, ida, awaiting, login):
        Person.objects.filter(pk=ida.pk).update(cpr="")
        client = login(world.hr)
        assert client.post(reverse("people:resolve_cpr", args=[awaiting.pk]), {"action": "merge"}).status_code == 302
        awaiting.refresh_from_db()
        assert awaiting.pending_cpr == IDA_CPR  # a merge needs someone to merge into
        client.post(reverse("people:resolve_cpr", args=[awaiting.pk]), {"action": "take"})
        awaiting.refresh_from_db()
        assert (awaiting.cpr, awaiting.pending_cpr) == (IDA_CPR, "")

    @pytest.mark.parametrize("persona", ["leder_a", "leder_b", "tr_a", "med_a", "auditor", "outsider"])
    def test_only_hr_may_resolve(self, world, awaiting, login, persona):
        client = login(getattr(world, persona))
        assert client.post(reverse("people:resolve_cpr", args=[awaiting.pk]), {"action": "drop"}).status_code == 404
        awaiting.refresh_from_db()
        assert awaiting.pending_cpr == IDA_CPR

    def test_it_is_never_a_get(self, world, awaiting, login):
        assert login(world.hr).get(reverse("people:resolve_cpr", args=[awaiting.pk])).status_code == 405
