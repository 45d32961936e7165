import pytest
from django.urls import reverse

from rummelig.audit.models import AuditEntry
from rummelig.testing import make_person

from .conftest import AASE_CPR

pytestmark = pytest.mark.django_db


def reveal(client, person, **headers):
    return client.post(reverse("people:reveal_cpr", args=[person.pk]), headers=headers)


def test_hr_sees_the_full_cpr_number(login, world, staff):
    response = reveal(login(world.hr), staff.aase)
    assert response.status_code == 200
    assert "010190-1234" in response.content.decode()


def test_the_reveal_is_audited(login, world, staff):
    reveal(login(world.hr), staff.aase)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.REVEAL_CPR)
    assert entry.username == "hr"
    assert entry.object_type == "person"
    assert entry.object_id == str(staff.aase.pk)
    assert entry.object_repr == "Åse Møller"


def test_the_audit_log_never_holds_the_cpr_number(login, world, staff):
    reveal(login(world.hr), staff.aase)
    for entry in AuditEntry.objects.all():
        text = f"{entry.object_repr} {entry.changes} {entry.detail}"
        assert AASE_CPR not in text and "010190-1234" not in text


def test_htmx_gets_only_the_cpr_fragment(login, world, staff):
    response = reveal(login(world.hr), staff.aase, HX_Request="true")
    html = response.content.decode()
    assert "010190-1234" in html
    assert "<html" not in html
    assert f'id="cpr-{staff.aase.pk}"' in html


def test_an_ordinary_post_shows_the_person_page_with_the_number(login, world, staff):
    html = reveal(login(world.hr), staff.aase).content.decode()
    assert "<html" in html and "Åse Møller" in html and "010190-1234" in html
    assert AuditEntry.objects.filter(action=AuditEntry.Action.VIEW, object_id=str(staff.aase.pk)).exists()


def test_the_answer_is_not_cached(login, world, staff):
    assert "no-store" in reveal(login(world.hr), staff.aase)["Cache-Control"]


def test_a_get_request_does_not_reveal(login, world, staff):
    response = login(world.hr).get(reverse("people:reveal_cpr", args=[staff.aase.pk]))
    assert response.status_code == 405
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.REVEAL_CPR).exists()


@pytest.mark.parametrize("persona", ["leder_a", "tr_a", "med_a", "auditor", "outsider"])
def test_nobody_but_hr_may_reveal(login, world, staff, persona):
    response = reveal(login(getattr(world, persona)), staff.aase)
    assert response.status_code == 404
    assert AASE_CPR not in response.content.decode()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.REVEAL_CPR).exists()


def test_a_person_without_cpr_number_has_nothing_to_reveal(login, world):
    person = make_person("Ida", "Sørensen")
    assert reveal(login(world.hr), person).status_code == 404
