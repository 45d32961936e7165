"""Choosing a centre narrows the workplace list of the placements filter, with htmx and without."""

import re

import pytest
from django.urls import reverse

URL = reverse("placements:list")


def options(content, select_id):
    """Return the <select …> with the id, from its opening tag to its closing tag."""
    start = content.rindex("<select", 0, content.index(f'id="{select_id}"'))
    return content[start:content.index("</select>", start)]


def checked(content, name, value):
    """True if the radio button name=value is checked."""
    return any(f'name="{name}"' in tag and f'value="{value}"' in tag and " checked" in tag for tag in re.findall(r"<input[^>]*>", content))


@pytest.mark.django_db
class TestCentreNarrowsWorkplaces:
    def test_without_javascript_the_chosen_centre_narrows_the_workplaces(self, world, placements, login):
        client = login(world.hr)
        everything = options(client.get(URL).content.decode(), "id_workplace")
        assert "Solsikken Børnehus" in everything and "Plejecenter Åbjerg" in everything
        narrowed = options(client.get(URL, {"centre": world.centre_b.pk}).content.decode(), "id_workplace")
        assert "Plejecenter Åbjerg" in narrowed
        assert "Solsikken Børnehus" not in narrowed and "Skovbrynet Skole" not in narrowed

    def test_the_centre_select_asks_htmx_for_its_workplaces(self, world, placements, login):
        client = login(world.hr)
        select = options(client.get(URL).content.decode(), "id_centre")
        assert f'hx-get="{reverse("placements:workplace_options")}"' in select and 'hx-target="#id_workplace"' in select
        answer = client.get(reverse("placements:workplace_options"), {"centre": world.centre_a.pk}).content.decode()
        assert "Solsikken Børnehus" in answer and "Skovbrynet Skole" in answer and "Plejecenter Åbjerg" not in answer
        assert "Alle arbejdspladser" in answer

    def test_a_workplace_of_another_centre_gives_way_to_the_new_centre(self, world, placements, login):
        response = login(world.hr).get(URL, {"centre": world.centre_b.pk, "workplace": world.solsikken.pk})
        assert response.status_code == 200
        assert [p.workplace for p in response.context["page"].object_list] == [world.aabjerg]

    def test_a_leder_gets_only_own_workplaces(self, world, placements, login):
        answer = login(world.leder_a).get(reverse("placements:workplace_options"), {"centre": world.centre_b.pk}).content.decode()
        assert "Plejecenter Åbjerg" not in answer and "Solsikken Børnehus" in answer
        assert login(world.med_a).get(reverse("placements:workplace_options")).status_code == 404


@pytest.mark.django_db
class TestRegisterForPerson:
    def test_the_person_page_opens_the_form_with_the_person_chosen(self, world, placements, login):
        client = login(world.hr)
        person = placements.solsikken.person
        page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
        assert "Registrér ansættelse for denne person" in page
        href = f'{reverse("placements:create")}?person={person.pk}'
        assert href in page
        form = client.get(href).content.decode()
        assert checked(form, "person", person.pk) and checked(form, "person_mode", "existing")
        assert not checked(client.get(reverse("placements:create")).content.decode(), "person_mode", "existing")

    def test_read_only_roles_get_no_such_button(self, world, placements, login):
        person = placements.solsikken.person
        for user in (world.tr_a, world.auditor):
            assert "Registrér ansættelse for denne person" not in login(user).get(reverse("people:detail", args=[person.pk])).content.decode()

    def test_a_person_outside_the_users_units_is_not_chosen(self, world, placements, login):
        form = login(world.leder_a).get(f'{reverse("placements:create")}?person={placements.aabjerg.person_id}')
        assert form.status_code == 200
        assert placements.aabjerg.person.full_name not in form.content.decode()
