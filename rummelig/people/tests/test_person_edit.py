from datetime import date

import pytest
from django.urls import reverse

from rummelig.audit.models import AuditEntry
from rummelig.testing import make_person

from .conftest import AASE_CPR, BJOERN_CPR

pytestmark = pytest.mark.django_db


def url(person):
    return reverse("people:edit", args=[person.pk])


def post(client, person, **data):
    values = {"first_name": person.first_name, "last_name": person.last_name, "cpr": "", "email": person.email}
    values.update(data)
    return client.post(url(person), values)


def test_hr_changes_a_name_and_it_is_audited(login, world, staff):
    response = post(login(world.hr), staff.aase, first_name="Åse Marie")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[staff.aase.pk])
    staff.aase.refresh_from_db()
    assert staff.aase.first_name == "Åse Marie"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
    assert entry.username == "hr"
    assert entry.object_type == "person" and entry.object_id == str(staff.aase.pk)
    assert entry.changes == {"first_name": ["Åse", "Åse Marie"]}


def test_saving_without_changes_writes_no_update_entry(login, world, staff):
    post(login(world.hr), staff.aase)
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).exists()


def test_the_form_never_shows_the_stored_cpr_number(login, world, staff):
    html = login(world.hr).get(url(staff.aase)).content.decode()
    assert AASE_CPR not in html and "010190-1234" not in html
    assert "010190-xxxx" in html


def test_an_empty_cpr_field_keeps_the_number(login, world, staff):
    post(login(world.hr), staff.aase, email="aase.moeller@example.invalid")
    staff.aase.refresh_from_db()
    assert staff.aase.cpr == AASE_CPR
    assert staff.aase.email == "aase.moeller@example.invalid"


def test_a_new_cpr_number_is_saved_and_the_log_hides_it(login, world, staff):
    post(login(world.hr), staff.aase, cpr="020291-4321")
    staff.aase.refresh_from_db()
    assert staff.aase.cpr == "0202914321"
    assert staff.aase.birth_date == date(1991, 2, 2)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
    assert entry.changes["cpr"] == ["***", "***"]
    text = str(entry.changes) + entry.detail + entry.object_repr
    assert "0202914321" not in text and AASE_CPR not in text


def test_hr_may_remove_the_cpr_number(login, world, staff):
    post(login(world.hr), staff.aase, remove_cpr="on")
    staff.aase.refresh_from_db()
    assert staff.aase.cpr == ""


def test_a_cpr_number_that_does_not_begin_with_a_date_is_refused_in_danish(login, world, staff):
    response = post(login(world.hr), staff.aase, cpr="320190-1234")
    assert response.status_code == 200
    assert "CPR-nummeret 320190-xxxx begynder ikke med en gyldig dato." in response.content.decode()
    staff.aase.refresh_from_db()
    assert staff.aase.cpr == AASE_CPR


def test_a_cpr_number_of_the_wrong_length_is_refused_in_danish(login, world, staff):
    response = post(login(world.hr), staff.aase, cpr="01019012")
    assert "CPR-nummeret skal være 10 cifre (ddmmåå-xxxx)." in response.content.decode()


def test_another_persons_cpr_number_is_refused_in_danish(login, world, staff):
    response = post(login(world.hr), staff.aase, cpr=BJOERN_CPR)
    html = response.content.decode()
    assert "En anden person har allerede dette CPR-nummer." in html
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).exists()


def test_a_missing_name_is_refused_in_danish(login, world, staff):
    response = post(login(world.hr), staff.aase, last_name="")
    html = response.content.decode()
    assert "Udfyld »Efternavn«." in html and "Dette felt er påkrævet." not in html  # the message names the field


def test_leder_may_edit_a_person_of_own_centre(login, world, staff):
    response = post(login(world.leder_a), staff.soeren, email="soeren@example.invalid", cpr="050513-1117")
    assert response.status_code == 302
    staff.soeren.refresh_from_db()
    assert staff.soeren.email == "soeren@example.invalid"
    assert staff.soeren.cpr == "0505131117"


def test_leder_gets_404_for_a_person_in_another_centre(login, world, staff):
    assert login(world.leder_a).get(url(staff.bjoern)).status_code == 404
    assert post(login(world.leder_a), staff.bjoern, first_name="Ændret").status_code == 404
    staff.bjoern.refresh_from_db()
    assert staff.bjoern.first_name == "Bjørn"


@pytest.mark.parametrize("persona", ["tr_a", "med_a", "auditor", "outsider"])
def test_only_hr_and_leder_may_edit(login, world, staff, persona):
    client = login(getattr(world, persona))
    assert client.get(url(staff.aase)).status_code == 404
    assert post(client, staff.aase, first_name="Ændret").status_code == 404
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).exists()


def test_the_person_page_links_to_the_form_for_those_who_may_edit(login, world, staff):
    link = url(staff.aase)
    assert link in login(world.leder_a).get(reverse("people:detail", args=[staff.aase.pk])).content.decode()
    assert link not in login(world.tr_a).get(reverse("people:detail", args=[staff.aase.pk])).content.decode()


def test_a_person_without_cpr_number_gets_one(login, world):
    person = make_person("Ida", "Sørensen")
    post(login(world.hr), person, cpr="1111001118")
    person.refresh_from_db()
    assert person.cpr == "1111001118"
    assert person.birth_date == date(1900, 11, 11)
