"""Changing a placement: who may, the form filled with what is saved, validation, the audited changes."""

from datetime import date

import pytest
from django.urls import reverse

from rummelig.audit.models import AuditEntry
from rummelig.people.models import Person
from rummelig.testing import make_person, make_placement


def url(placement):
    return reverse("placements:edit", args=[placement.pk])


@pytest.fixture
def praktik(world):
    """A virksomhedspraktik at Solsikken in spring 2026, already over (history, like most edits)."""
    return make_placement(
        world.solsikken, "virksomhedspraktik", person=make_person("Ærling", "Søgaard"),
        start=date(2026, 3, 1), planned_end=date(2026, 3, 28), target_group="dagpenge",
        purpose="Afklaring af jobmål.", hours_per_week="20",
    )


def data_from(response, **changes):
    """Return what the browser would post back: the form as shown, with some fields changed."""
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            value = ""
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, bool):
            value = "true" if value else "false"
        data[name] = value
    data.update(changes)
    return data


@pytest.mark.django_db
class TestEdit:
    def test_the_form_shows_what_is_saved_with_the_person_chosen(self, world, praktik, login):
        response = login(world.hr).get(url(praktik))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Rediger ansættelsen af Ærling Søgaard" in content
        assert f'id="id_person_{praktik.person_id}" value="{praktik.person_id}" checked' in content
        assert 'value="2026-03-28"' in content
        assert "Afklaring af jobmål." in content

    def test_a_leder_changes_a_placement_in_own_centre_and_it_is_audited(self, world, praktik, login):
        client = login(world.leder_a)
        data = data_from(client.get(url(praktik)), actual_end="2026-03-20", outcome="uddannelse", purpose="Afklaret: SOSU.")
        response = client.post(url(praktik), data)
        assert response.status_code == 302
        praktik.refresh_from_db()
        assert praktik.actual_end == date(2026, 3, 20)
        assert praktik.ends_on == date(2026, 3, 20)
        entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
        assert entry.user == world.leder_a
        assert entry.object_id == str(praktik.pk)
        assert entry.changes == {
            "actual_end": [None, "2026-03-20"],
            "ends_on": ["2026-03-28", "2026-03-20"],
            "outcome": ["", "uddannelse"],
            "purpose": ["Afklaring af jobmål.", "Afklaret: SOSU."],
        }

    def test_saving_without_changes_writes_no_update(self, world, praktik, login):
        client = login(world.hr)
        response = client.post(url(praktik), data_from(client.get(url(praktik))))
        assert response.status_code == 302
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).exists()

    def test_validation_applies_when_editing(self, world, praktik, login):
        client = login(world.hr)
        response = client.post(url(praktik), data_from(client.get(url(praktik)), planned_end="2026-02-27"))
        assert response.status_code == 200
        assert response.context["form"].errors["planned_end"] == [
            "Den planlagte slutdato (27. februar 2026) ligger før startdatoen (1. marts 2026)."
        ]
        praktik.refresh_from_db()
        assert praktik.planned_end == date(2026, 3, 28)
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).exists()

    def test_the_person_can_be_replaced_by_a_new_one(self, world, praktik, login):
        client = login(world.hr)
        old_person_id = praktik.person_id
        data = data_from(client.get(url(praktik)), person_mode="new", first_name="Åsa", last_name="Øberg")
        assert client.post(url(praktik), data).status_code == 302
        praktik.refresh_from_db()
        assert praktik.person.full_name == "Åsa Øberg"
        changes = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE).changes
        old_person = Person.objects.get(pk=old_person_id)
        assert changes == {"person": [f"{old_person.full_name} (#{old_person_id})", f"{praktik.person.full_name} (#{praktik.person_id})"]}
        assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_type="person").exists()


@pytest.mark.django_db
class TestEditAccess:
    def test_a_leder_gets_404_for_a_placement_in_another_centre(self, world, placements, login):
        client = login(world.leder_a)
        assert client.get(url(placements.aabjerg)).status_code == 404
        assert client.post(url(placements.aabjerg), {"purpose": "Ændret"}).status_code == 404
        placements.aabjerg.refresh_from_db()
        assert placements.aabjerg.purpose == ""

    @pytest.mark.parametrize("persona", ["tr_a", "med_a", "auditor", "outsider"])
    def test_others_get_404(self, world, placements, login, persona):
        client = login(getattr(world, persona))
        assert client.get(url(placements.solsikken)).status_code == 404
        assert client.post(url(placements.solsikken), {"purpose": "Ændret"}).status_code == 404

    def test_a_leder_cannot_move_a_placement_to_another_centre(self, world, praktik, login):
        client = login(world.leder_a)
        response = client.post(url(praktik), data_from(client.get(url(praktik)), workplace=world.aabjerg.pk))
        assert "workplace" in response.context["form"].errors
        praktik.refresh_from_db()
        assert praktik.workplace == world.solsikken
