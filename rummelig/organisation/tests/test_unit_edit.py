import pytest
from django.urls import reverse

from rummelig.audit.models import AuditEntry
from rummelig.organisation.models import Unit

pytestmark = pytest.mark.django_db

CREATE = reverse("organisation:create")


def unit_data(parent_unit, **changes):
    data = {
        "name": "Bøgebakken Børnehave",
        "kind": Unit.Kind.WORKPLACE,
        "parent": parent_unit.pk,
        "payroll_id": "W13",
        "p_number": "1012345681",
        "cost_centre": "4713",
        "valid_from": "2026-01-01",
        "valid_to": "",
    }
    data.update(changes)
    return data


def test_hr_creates_a_unit_and_it_is_audited(login, world):
    response = login(world.hr).post(CREATE, unit_data(world.centre_a))
    unit = Unit.objects.get(name="Bøgebakken Børnehave")
    assert response.status_code == 302
    assert response["Location"] == reverse("organisation:detail", args=[unit.pk])
    assert unit.path == f"{world.centre_a.path}{unit.pk}/"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE)
    assert entry.username == "hr" and entry.object_type == "unit" and entry.object_id == str(unit.pk)
    assert entry.changes["p_number"] == [None, "1012345681"]


def test_a_p_number_must_be_ten_digits(login, world):
    response = login(world.hr).post(CREATE, unit_data(world.centre_a, p_number="101234568"))
    assert response.status_code == 200
    assert "P-nummeret skal være 10 cifre." in response.content.decode()
    assert not Unit.objects.filter(name="Bøgebakken Børnehave").exists()


def test_valid_to_before_valid_from_is_refused_in_danish(login, world):
    response = login(world.hr).post(CREATE, unit_data(world.centre_a, valid_to="2025-12-31"))
    assert "Enheden kan ikke ophøre, før den begynder: »gyldig til« ligger før »gyldig fra«." in response.content.decode()
    assert not Unit.objects.filter(name="Bøgebakken Børnehave").exists()


def test_a_unit_under_the_municipality_needs_a_parent(login, world):
    response = login(world.hr).post(CREATE, unit_data(world.centre_a, parent=""))
    assert "Vælg den enhed, som enheden hører under." in response.content.decode()


def test_a_missing_name_is_refused_in_danish(login, world):
    response = login(world.hr).post(CREATE, unit_data(world.centre_a, name=""))
    html = response.content.decode()
    assert "Udfyld »Navn«." in html and "Dette felt er påkrævet." not in html  # the message names the field


def test_hr_edits_a_unit_and_the_change_is_audited(login, world):
    url = reverse("organisation:edit", args=[world.solsikken.pk])
    data = unit_data(world.centre_a, name="Solsikken Børnehus", payroll_id="W11", p_number="1012345678", cost_centre="4799", valid_from="2020-01-01")
    assert login(world.hr).post(url, data).status_code == 302
    world.solsikken.refresh_from_db()
    assert world.solsikken.cost_centre == "4799"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
    assert entry.object_id == str(world.solsikken.pk)
    assert entry.changes == {"cost_centre": ["4711", "4799"]}


def test_moving_a_unit_moves_its_sub_units(login, world):
    url = reverse("organisation:edit", args=[world.centre_a.pk])
    data = unit_data(world.centre_b, name="Center for Børn og Unge", kind=Unit.Kind.AREA, payroll_id="C1", p_number="", cost_centre="", valid_from="2020-01-01")
    assert login(world.hr).post(url, data).status_code == 302
    world.solsikken.refresh_from_db()
    assert world.solsikken.path.startswith(world.centre_b.path)


def test_a_unit_cannot_be_put_under_its_own_sub_unit(login, world):
    url = reverse("organisation:edit", args=[world.centre_a.pk])
    data = unit_data(world.solsikken, name="Center for Børn og Unge", kind=Unit.Kind.AREA, payroll_id="C1", p_number="", cost_centre="", valid_from="2020-01-01")
    response = login(world.hr).post(url, data)
    assert response.status_code == 200
    assert "Vælg en overordnet enhed fra listen. En enhed kan ikke placeres under sig selv eller en af sine egne underenheder." in response.content.decode()
    world.centre_a.refresh_from_db()
    assert world.centre_a.parent == world.kommune


def test_the_form_shows_the_parent_choices_as_a_tree(login, world):
    html = login(world.hr).get(CREATE).content.decode()
    assert "— — Solsikken Børnehus" in html


@pytest.mark.parametrize("persona", ["leder_a", "tr_a", "med_a", "auditor", "outsider"])
def test_only_hr_may_create_and_edit_units(login, world, persona):
    client = login(getattr(world, persona))
    edit = reverse("organisation:edit", args=[world.solsikken.pk])
    assert client.get(CREATE).status_code == 404
    assert client.post(CREATE, unit_data(world.centre_a)).status_code == 404
    assert client.get(edit).status_code == 404
    assert client.post(edit, unit_data(world.centre_a, name="Ændret")).status_code == 404
    assert not AuditEntry.objects.exists()
    assert not Unit.objects.filter(name__in=["Bøgebakken Børnehave", "Ændret"]).exists()


def test_a_sub_unit_can_be_started_from_the_parents_page(login, world):
    response = login(world.hr).get(CREATE, {"parent": world.centre_a.pk})
    assert response.context["form"].initial["parent"] == world.centre_a


def test_a_second_municipality_is_refused(login, world):
    response = login(world.hr).post(CREATE, unit_data(world.centre_a, kind=Unit.Kind.MUNICIPALITY, parent=""))
    assert "Rummelig Kommune er allerede kommunen; en ny enhed er et område eller en arbejdsplads under den." in response.content.decode()
    assert Unit.objects.filter(kind=Unit.Kind.MUNICIPALITY).count() == 1
