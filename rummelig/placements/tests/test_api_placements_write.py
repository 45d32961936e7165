"""Creating and changing placements through the REST API: who may, the form's rules, the audit log."""

from datetime import date

import pytest

from rummelig.accounts.tests.api_client import api_as, errors_of
from rummelig.audit.models import AuditEntry
from rummelig.people.models import Person
from rummelig.placements.models import Placement
from rummelig.testing import make_person, make_placement


def new_placement(world, **changes):
    data = {
        "new_person": {"first_name": "Søren", "last_name": "Ærenlund", "cpr": "150390-1234"},
        "scheme": "loentilskud",
        "workplace": world.solsikken.pk,
        "target_group": "dagpenge",
        "start": date(2026, 3, 2),
        "planned_end": date(2026, 7, 1),
        "hours_per_week": "30.5",
        "purpose": "Genoptræne arbejdsrytmen i en børnehave.",
    }
    data.update(changes)
    if data["new_person"] is None:  # new_person=None: the body names an existing person, or none
        del data["new_person"]
    return data


@pytest.fixture
def placement(world):
    return make_placement(
        world.solsikken, "loentilskud", make_person("Åse", "Ærø"), start=date(2026, 1, 5), planned_end=date(2026, 5, 4),
        target_group="dagpenge",
    )


@pytest.mark.django_db
class TestCreate:
    def test_hr_creates_a_placement_with_a_new_person(self, world):
        response = api_as(world.hr).post("/placements", new_placement(world))
        assert response.status_code == 201, response.content
        body = response.json()
        placement = Placement.objects.get(pk=body["id"])
        assert placement.person.full_name == "Søren Ærenlund"
        assert placement.person.birth_date == date(1990, 3, 15)
        assert placement.created_by == world.hr
        assert body["scheme"] == "loentilskud"
        assert body["hours_per_week"] == "30.50"
        # Neither the number nor its last four digits come back (ids may contain 1234, so look for the CPR forms).
        content = response.content.decode()
        assert "1503901234" not in content and "150390-1234" not in content and "-1234" not in content

    def test_a_leder_creates_a_placement_for_a_known_person_in_own_unit(self, world, placement):
        # After the løntilskud the person already has (an overlapping one would be refused, see test_overlap.py).
        data = new_placement(world, new_person=None, person=placement.person_id, workplace=world.skovbrynet.pk,
                             start=date(2026, 5, 11), planned_end=date(2026, 9, 10))
        response = api_as(world.leder_a).post("/placements", data)
        assert response.status_code == 201, response.content
        assert response.json()["person_name"] == "Åse Ærø"

    def test_a_leder_cannot_create_a_placement_in_another_centre(self, world):
        response = api_as(world.leder_a).post("/placements", new_placement(world, workplace=world.aabjerg.pk))
        assert errors_of(response) == {"workplace": ["Findes ikke, eller du har ikke adgang til det."]}
        assert not Placement.objects.exists()
        assert not Person.objects.filter(last_name="Ærenlund").exists()

    @pytest.mark.parametrize("persona", ["tr_a", "med_a", "auditor", "outsider"])
    def test_roles_that_never_write_are_refused(self, world, persona):
        response = api_as(getattr(world, persona)).post("/placements", new_placement(world))
        assert response.status_code == 403
        assert response.json() == {"detail": "Din rolle må læse, men ikke ændre dette."}
        assert not Placement.objects.exists()

    def test_an_end_before_the_start_is_refused_in_danish(self, world):
        response = api_as(world.hr).post("/placements", new_placement(world, planned_end=date(2026, 3, 1)))
        assert errors_of(response) == {
            "planned_end": ["Den planlagte slutdato (1. marts 2026) ligger før startdatoen (2. marts 2026)."]
        }
        assert not Person.objects.exists()

    def test_a_duration_above_the_maximum_is_refused_in_danish(self, world):
        response = api_as(world.hr).post("/placements", new_placement(world, planned_end=date(2026, 7, 2)))
        assert errors_of(response) == {
            "planned_end": [
                "Løntilskud for dagpengemodtagere må højst vare 4 måneder (til og med 1. juli 2026). "
                "Skriv en begrundelse, hvis det er en forlængelse."
            ]
        }

    def test_a_longer_placement_is_accepted_as_an_extension_with_a_written_reason(self, world):
        data = new_placement(world, planned_end=date(2026, 9, 1), extension_reason="Forlænget efter aftale med jobcentret.")
        assert api_as(world.hr).post("/placements", data).status_code == 201

    def test_a_cpr_number_that_is_not_a_date_is_refused_in_danish(self, world):
        data = new_placement(world, new_person={"first_name": "Søren", "last_name": "Ærenlund", "cpr": "320190-1234"})
        errors = errors_of(api_as(world.hr).post("/placements", data))
        assert errors == {"new_person.cpr": ["CPR-nummeret 320190-xxxx begynder ikke med en gyldig dato."]}

    def test_person_and_new_person_cannot_both_be_given(self, world, placement):
        errors = errors_of(api_as(world.hr).post("/placements", new_placement(world, person=placement.person_id)))
        assert errors == {"person": ["Angiv enten en eksisterende person (person) eller en ny person (new_person), ikke begge."]}

    def test_the_person_is_required(self, world):
        errors = errors_of(api_as(world.hr).post("/placements", new_placement(world, new_person=None)))
        assert errors == {"person": ["Angiv personen: en eksisterende person (person) eller en ny person (new_person)."]}

    def test_an_unknown_scheme_and_a_bad_date_are_named(self, world):
        errors = errors_of(api_as(world.hr).post("/placements", new_placement(world, scheme="findes-ikke")))
        assert errors == {"scheme": ["Findes ikke, eller du har ikke adgang til det."]}
        errors = errors_of(api_as(world.hr).post("/placements", new_placement(world, start="31.02.2026")))
        assert errors == {"start": ["Indtast en gyldig dato."]}

    def test_a_missing_field_is_named_in_danish(self, world):
        data = new_placement(world)
        del data["start"]
        assert errors_of(api_as(world.hr).post("/placements", data)) == {"start": ["Dette felt er påkrævet."]}

    def test_a_create_is_audited_for_the_placement_and_the_new_person(self, world):
        api_as(world.leder_a).post("/placements", new_placement(world))
        entries = AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, user=world.leder_a)
        assert sorted(e.object_type for e in entries) == ["person", "placement"]
        person_entry = entries.get(object_type="person")
        assert person_entry.changes["cpr"] == ["***", "***"]
        assert "-1234" not in str(person_entry.changes) and "901234" not in str(person_entry.changes)


@pytest.mark.django_db
class TestUpdate:
    def test_a_leder_changes_a_placement_in_own_unit_and_it_is_audited(self, world, placement):
        response = api_as(world.leder_a).patch(f"/placements/{placement.pk}", {"planned_end": "2026-04-30"})
        assert response.status_code == 200, response.content
        placement.refresh_from_db()
        assert placement.planned_end == date(2026, 4, 30)
        entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
        assert entry.user == world.leder_a
        assert entry.changes == {"planned_end": ["2026-05-04", "2026-04-30"], "ends_on": ["2026-05-04", "2026-04-30"]}

    def test_a_leder_of_another_centre_gets_404(self, world, placement):
        response = api_as(world.leder_b).patch(f"/placements/{placement.pk}", {"purpose": "Ændret"})
        assert response.status_code == 404
        placement.refresh_from_db()
        assert placement.purpose == ""

    def test_the_employee_representative_of_the_workplace_gets_403(self, world, placement):
        assert api_as(world.tr_a).patch(f"/placements/{placement.pk}", {"purpose": "Ændret"}).status_code == 403

    def test_the_auditor_may_read_but_not_change(self, world, placement):
        api = api_as(world.auditor)
        assert api.get(f"/placements/{placement.pk}").status_code == 200
        assert api.patch(f"/placements/{placement.pk}", {"purpose": "Ændret"}).status_code == 403
        assert api.put(f"/placements/{placement.pk}", new_placement(world)).status_code == 403

    @pytest.mark.parametrize("persona", ["med_a", "outsider"])
    def test_users_who_cannot_see_the_placement_get_404(self, world, placement, persona):
        assert api_as(getattr(world, persona)).patch(f"/placements/{placement.pk}", {"purpose": "x"}).status_code == 404

    def test_a_change_is_checked_against_the_whole_placement(self, world, placement):
        response = api_as(world.hr).patch(f"/placements/{placement.pk}", {"start": "2026-06-01"})
        assert errors_of(response) == {
            "planned_end": ["Den planlagte slutdato (4. maj 2026) ligger før startdatoen (1. juni 2026)."]
        }

    def test_a_required_field_cannot_be_emptied(self, world, placement):
        errors = errors_of(api_as(world.hr).patch(f"/placements/{placement.pk}", {"start": None}))
        assert errors == {"start": ["Dette felt er påkrævet."]}

    def test_put_replaces_every_field_and_keeps_the_person(self, world, placement):
        data = new_placement(world, new_person=None, purpose="Ny plan", planned_end=date(2026, 6, 30))
        response = api_as(world.hr).put(f"/placements/{placement.pk}", data)
        assert response.status_code == 200, response.content
        placement.refresh_from_db()
        assert (placement.person.full_name, placement.purpose, placement.start) == ("Åse Ærø", "Ny plan", date(2026, 3, 2))

    def test_a_placement_cannot_be_moved_to_another_centre_by_a_leder(self, world, placement):
        errors = errors_of(api_as(world.leder_a).patch(f"/placements/{placement.pk}", {"workplace": world.aabjerg.pk}))
        assert errors == {"workplace": ["Findes ikke, eller du har ikke adgang til det."]}
