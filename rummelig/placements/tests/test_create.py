"""Registering a placement: who may, the person (existing or new), validation at the fields, audit.

The placements here lie in the past (spring 2026), as when HR registers history, so the
rimelighedskrav and similar rules about the future stay out of these tests.
"""

from datetime import date

import pytest
from django.urls import reverse

from rummelig.audit.models import AuditEntry
from rummelig.people.models import Person
from rummelig.placements.models import Placement
from rummelig.schemes.models import Scheme
from rummelig.testing import make_employment, make_person

URL = reverse("placements:create")


def form_data(world, **overrides):
    data = {
        "person_mode": "new",
        "first_name": "Ærling",
        "last_name": "Søgaard",
        "cpr": "",
        "scheme": Scheme.objects.get(code="virksomhedspraktik").pk,
        "target_group": "dagpenge",
        "workplace": world.solsikken.pk,
        "employment": "",
        "start": "2026-03-01",
        "planned_end": "2026-03-28",
        "extension_reason": "",
        "hours_per_week": "25,5",
        "requested_on": "",
        "purpose": "Afklaring af jobmål i en børnehave.",
        "special_considerations": "Ingen tunge løft.",
        "mentor": "",
        "jobcenter_contact": "Jens Ålund",
        "yearly_subsidy": "",
        "lives_in_municipality": "true",
        "via_own_jobcenter": "true",
        "no_other_education": "unknown",
        "actual_end": "",
        "outcome": "",
    }
    data.update(overrides)
    return data


def errors(response):
    return response.context["form"].errors


@pytest.mark.django_db
class TestCreate:
    def test_hr_registers_a_placement_of_a_new_person(self, world, login):
        response = login(world.hr).post(URL, form_data(world, cpr="010203-4234"))
        placement = Placement.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("placements:detail", args=[placement.pk])
        assert placement.person.full_name == "Ærling Søgaard"
        assert placement.person.cpr == "0102034234"
        assert placement.person.birth_date == date(2003, 2, 1)
        assert placement.workplace == world.solsikken
        assert placement.start == date(2026, 3, 1) and placement.planned_end == date(2026, 3, 28)
        assert str(placement.hours_per_week) == "25.50"
        assert placement.lives_in_municipality is True and placement.no_other_education is None
        assert placement.created_by == world.hr

    def test_the_success_message_names_the_person(self, world, login):
        response = login(world.hr).post(URL, form_data(world), follow=True)
        assert "Ansættelsen af Ærling Søgaard er registreret." in response.content.decode()

    def test_hr_registers_a_placement_of_an_existing_person(self, world, login):
        person = make_person("Åge", "Bødker")
        response = login(world.hr).post(URL, form_data(world, person_mode="existing", person=person.pk, first_name=""))
        assert response.status_code == 302
        assert Placement.objects.get().person == person
        assert Person.objects.count() == 1

    def test_creating_is_audited_without_the_cpr_number(self, world, login):
        login(world.hr).post(URL, form_data(world, cpr="0102031234"))
        placement = Placement.objects.get()
        created = AuditEntry.objects.filter(action=AuditEntry.Action.CREATE)
        entry = created.get(object_type="placement")
        assert entry.user == world.hr
        assert entry.object_id == str(placement.pk)
        assert entry.changes["planned_end"] == [None, "2026-03-28"]
        person_entry = created.get(object_type="person")
        assert person_entry.changes["cpr"] == ["***", "***"]
        assert "0102031234" not in str(list(AuditEntry.objects.values_list("changes", "detail", "object_repr")))

    def test_a_leder_registers_a_placement_in_own_centre(self, world, login):
        response = login(world.leder_a).post(URL, form_data(world, workplace=world.skovbrynet.pk))
        assert response.status_code == 302
        assert Placement.objects.get().workplace == world.skovbrynet

    def test_a_leder_is_offered_only_own_workplaces(self, world, login):
        form = login(world.leder_a).get(URL).context["form"]
        assert sorted(u.name for u in form.fields["workplace"].queryset) == ["Skovbrynet Skole", "Solsikken Børnehus"]

    def test_a_leder_cannot_register_a_placement_in_another_centre(self, world, login):
        response = login(world.leder_a).post(URL, form_data(world, workplace=world.aabjerg.pk))
        assert response.status_code == 200
        assert "workplace" in errors(response)
        assert not Placement.objects.exists()

    @pytest.mark.parametrize("persona", ["tr_a", "med_a", "auditor", "outsider"])
    def test_others_get_404(self, world, login, persona):
        client = login(getattr(world, persona))
        assert client.get(URL).status_code == 404
        assert client.post(URL, form_data(world)).status_code == 404
        assert not Placement.objects.exists()


@pytest.mark.django_db
class TestValidationOnThePage:
    def test_a_duration_above_the_maximum_is_refused_at_the_field_and_in_the_summary(self, world, login):
        response = login(world.hr).post(URL, form_data(world, planned_end="2026-04-30"))
        message = (
            "Virksomhedspraktik for dagpengemodtagere må højst vare 4 uger (til og med 28. marts 2026). "
            "Skriv en begrundelse, hvis det er en forlængelse."
        )
        assert errors(response)["planned_end"] == [message]
        content = response.content.decode()
        assert 'class="form-group form-error"' in content
        assert 'data-testid="error-summary"' in content
        assert '<a href="#id_planned_end">Planlagt slutdato</a>: ' + message in content
        assert not Placement.objects.exists()

    def test_an_extension_with_a_reason_is_accepted(self, world, login):
        data = form_data(world, planned_end="2026-04-30", extension_reason="Behov for længere afklaring.")
        assert login(world.hr).post(URL, data).status_code == 302

    def test_an_end_before_the_start_is_refused(self, world, login):
        response = login(world.hr).post(URL, form_data(world, planned_end="2026-02-20"))
        assert errors(response)["planned_end"] == [
            "Den planlagte slutdato (20. februar 2026) ligger før startdatoen (1. marts 2026)."
        ]

    def test_a_workplace_not_valid_on_the_start_date_is_refused(self, world, login):
        world.solsikken.valid_from = date(2026, 4, 1)
        world.solsikken.save()
        response = login(world.hr).post(URL, form_data(world))
        assert errors(response)["workplace"] == [
            "Solsikken Børnehus var ikke gyldig på startdatoen 1. marts 2026; enheden gælder fra 1. april 2026."
        ]

    def test_a_cpr_number_that_is_not_a_date_is_refused(self, world, login):
        response = login(world.hr).post(URL, form_data(world, cpr="320190-1234"))
        assert errors(response)["cpr"] == ["CPR-nummeret 320190-xxxx begynder ikke med en gyldig dato."]
        assert "320190-1234" not in str(errors(response))

    def test_a_cpr_number_of_the_wrong_length_is_refused(self, world, login):
        response = login(world.hr).post(URL, form_data(world, cpr="12345"))
        assert errors(response)["cpr"] == ["CPR-nummeret skal være 10 cifre (ddmmåå-xxxx)."]

    def test_hr_is_not_told_to_ask_hr(self, world, login):
        make_person("Åge", "Bødker", cpr="0102031234")
        response = login(world.hr).post(URL, form_data(world, cpr="010203-1234"))
        assert errors(response)["cpr"] == [
            "Der er allerede registreret en person med CPR-nummeret 010203-xxxx. Vælg »En eksisterende person«, "
            "og søg personen frem på navn eller fødselsdato."
        ]

    def test_a_new_person_needs_a_name(self, world, login):
        response = login(world.hr).post(URL, form_data(world, first_name="", last_name=" "))
        assert errors(response)["first_name"] == ["Skriv den nye persons fornavn."]
        assert errors(response)["last_name"] == ["Skriv den nye persons efternavn."]

    def test_missing_required_fields_say_what_to_fill_in(self, world, login):
        response = login(world.hr).post(URL, form_data(world, scheme="", workplace="", start=""))
        assert errors(response)["scheme"] == ["Vælg ordningen."]
        assert errors(response)["workplace"] == ["Vælg arbejdspladsen."]
        assert errors(response)["start"] == ["Skriv startdatoen."]

    def test_an_existing_person_must_be_chosen(self, world, login):
        response = login(world.hr).post(URL, form_data(world, person_mode="existing", first_name="", last_name=""))
        assert errors(response)["person"] == ["Søg personen frem, og vælg personen, eller vælg »En ny person«."]

    def test_a_chosen_person_counts_even_if_the_radio_was_left_on_a_new_person(self, world, login):
        person = make_person("Åge", "Bødker")
        data = form_data(world, person_mode="new", person=person.pk, first_name="", last_name="")
        assert login(world.hr).post(URL, data).status_code == 302
        assert Placement.objects.get().person == person

    def test_a_typed_name_counts_even_if_the_radio_was_left_on_an_existing_person(self, world, login):
        assert login(world.hr).post(URL, form_data(world, person_mode="existing")).status_code == 302
        assert Placement.objects.get().person.full_name == "Ærling Søgaard"

    def test_a_leder_cannot_choose_a_person_from_another_centre(self, world, placements, login):
        other = placements.aabjerg.person
        response = login(world.leder_a).post(URL, form_data(world, person_mode="existing", person=other.pk))
        assert "person" in errors(response)
        assert Placement.objects.count() == 3

    def test_the_outcome_is_required_once_the_placement_has_ended(self, world, login):
        response = login(world.hr).post(URL, form_data(world, actual_end="2026-03-20"))
        assert errors(response)["outcome"] == [
            "Vælg resultatet af forløbet, når der er en faktisk slutdato (vælg »Ukendt«, hvis det endnu ikke kendes)."
        ]
        assert login(world.hr).post(URL, form_data(world, actual_end="2026-03-20", outcome="ukendt")).status_code == 302

    def test_what_was_typed_is_kept_when_the_form_is_refused(self, world, login):
        content = login(world.hr).post(URL, form_data(world, planned_end="2026-04-30")).content.decode()
        assert 'value="Ærling"' in content
        assert "Afklaring af jobmål i en børnehave." in content
        assert 'value="2026-03-01"' in content


@pytest.mark.django_db
class TestMentorAndEmployment:
    def test_a_mentor_employed_in_own_units_can_be_chosen(self, world, login):
        mentor = make_person("Grethe", "Ølgaard")
        make_employment(mentor, world.solsikken, job_title="Pædagog")
        response = login(world.leder_a).post(URL, form_data(world, mentor=mentor.pk))
        assert response.status_code == 302
        assert Placement.objects.get().mentor == mentor

    def test_a_mentor_employed_only_in_another_centre_cannot(self, world, login):
        mentor = make_person("Hans", "Åkjær")
        make_employment(mentor, world.aabjerg)
        response = login(world.leder_a).post(URL, form_data(world, mentor=mentor.pk))
        assert "mentor" in errors(response)

    def test_a_fleksjob_can_be_linked_to_the_persons_existing_employment(self, world, login):
        person = make_person("Inge", "Ågesen")
        employment = make_employment(person, world.solsikken, job_title="Køkkenassistent")
        data = form_data(
            world, person_mode="existing", person=person.pk, scheme=Scheme.objects.get(code="fleksjob").pk,
            target_group="ansat", planned_end="", employment=employment.pk,
        )
        assert login(world.hr).post(URL, data).status_code == 302
        assert Placement.objects.get().employment == employment

    def test_an_employment_of_someone_else_is_refused(self, world, login):
        person, other = make_person("Inge", "Ågesen"), make_person("Jørn", "Ærø")
        employment = make_employment(other, world.solsikken, job_title="Køkkenassistent")
        data = form_data(world, person_mode="existing", person=person.pk, employment=employment.pk)
        response = login(world.hr).post(URL, data)
        assert errors(response)["employment"][0].startswith("Ansættelsen »Køkkenassistent, Solsikken Børnehus")
        assert errors(response)["employment"][0].endswith("tilhører ikke den person, der er valgt ovenfor.")


@pytest.mark.django_db
class TestPersonSearch:
    SEARCH = reverse("placements:person_search")

    def test_hr_finds_people_by_part_of_the_name(self, world, placements, login):
        response = login(world.hr).post(self.SEARCH, {"q": "kierke", "field": "person"})
        content = response.content.decode()
        assert "Søren Kierkegård" in content
        assert f'value="{placements.aabjerg.person_id}"' in content
        assert "120385-xxxx" in content and "1203854321" not in content

    def test_it_finds_people_by_date_of_birth(self, world, placements, login):
        assert "Åse Ærøskøbing" in login(world.hr).post(self.SEARCH, {"q": "010190"}).content.decode()

    def test_hr_finds_a_person_by_full_cpr_number(self, world, placements, login):
        content = login(world.hr).post(self.SEARCH, {"q": "120385-4321", "field": "person"}).content.decode()
        assert "Søren Kierkegård" in content

    def test_a_leder_cannot_search_by_cpr_digits(self, world, placements, login):
        client = login(world.leder_a)
        assert "Åse Ærøskøbing" in client.post(self.SEARCH, {"q": "Ærøskøbing"}).content.decode()
        for digits in ("010190", "010190-", "0101901234", "01.01.1990"):
            assert "Åse Ærøskøbing" not in client.post(self.SEARCH, {"q": digits}).content.decode()

    def test_the_search_is_never_a_get(self, world, placements, login):
        assert login(world.hr).get(self.SEARCH, {"q": "kierke"}).status_code == 405

    def test_a_leder_finds_only_people_in_own_units(self, world, placements, login):
        client = login(world.leder_a)
        assert "Kierkegård" not in client.post(self.SEARCH, {"q": "Søren"}).content.decode()
        assert "Åse Ærøskøbing" in client.post(self.SEARCH, {"q": "åse"}).content.decode()

    def test_mentors_are_found_among_employees_of_own_units(self, world, placements, login):
        make_employment(make_person("Grethe", "Ølgaard"), world.solsikken)
        make_employment(make_person("Grethe", "Åbjergsen"), world.aabjerg)
        content = login(world.leder_a).post(self.SEARCH, {"q": "grethe", "field": "mentor"}).content.decode()
        assert "Grethe Ølgaard" in content
        assert "Åbjergsen" not in content
        assert "Ingen mentor" in content

    def test_it_asks_for_two_letters(self, world, login):
        assert "Skriv mindst to bogstaver" in login(world.hr).post(self.SEARCH, {"q": "a"}).content.decode()

    def test_it_says_when_no_one_matches(self, world, login):
        content = login(world.hr).post(self.SEARCH, {"q": "Zacharias"}).content.decode()
        assert "Ingen matcher »Zacharias«." in content

    @pytest.mark.parametrize("persona", ["tr_a", "med_a", "auditor", "outsider"])
    def test_only_those_who_may_edit_can_search(self, world, login, persona):
        assert login(getattr(world, persona)).post(self.SEARCH, {"q": "Åse"}).status_code == 404

    def test_the_search_button_works_without_javascript(self, world, placements, login):
        data = form_data(world, person_mode="existing", person_q="Ærøskøbing", search_person="1")
        response = login(world.hr).post(URL, data)
        assert response.status_code == 200
        content = response.content.decode()
        assert f'name="person" id="id_person_{placements.solsikken.person_id}"' in content
        assert "form-error" not in content
        assert Placement.objects.count() == 3

    def test_the_employments_of_the_chosen_person_are_offered(self, world, login):
        person = make_person("Inge", "Ågesen")
        make_employment(person, world.solsikken, job_title="Køkkenassistent")
        make_employment(person, world.aabjerg, job_title="Rengøringsassistent")
        response = login(world.leder_a).get(reverse("placements:employment_options"), {"person": person.pk})
        content = response.content.decode()
        assert "Køkkenassistent, Solsikken Børnehus" in content
        assert "Rengøringsassistent" not in content
