from datetime import date

import pytest
from django.urls import reverse

from rummelig.audit.models import AuditEntry
from rummelig.testing import make_employment, make_placement

from .conftest import AASE_CPR

pytestmark = pytest.mark.django_db


def page(client, person):
    return client.get(reverse("people:detail", args=[person.pk]))


def test_hr_sees_the_whole_history(login, world, staff):
    response = page(login(world.hr), staff.aase)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Åse Møller" in html
    assert "Pædagogmedhjælper" in html and "L-1001" in html
    assert "Fleksjob" in html and "Solsikken Børnehus" in html
    assert reverse("placements:detail", args=[staff.aase_fleksjob.pk]) in html
    assert "Målgruppe" in html


def test_it_shows_the_cpr_number_masked(login, world, staff):
    html = page(login(world.hr), staff.aase).content.decode()
    assert "010190-xxxx" in html
    assert AASE_CPR not in html
    assert "010190-1234" not in html


def test_every_view_is_audited(login, world, staff):
    page(login(world.hr), staff.aase)
    page(login(world.hr), staff.aase)
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.VIEW, object_type="person", object_id=str(staff.aase.pk))
    assert entries.count() == 2
    assert {entry.username for entry in entries} == {"hr"}


def test_hr_sees_the_button_to_show_the_cpr_number(login, world, staff):
    html = page(login(world.hr), staff.aase).content.decode()
    assert "Vis CPR-nummer" in html
    assert reverse("people:reveal_cpr", args=[staff.aase.pk]) in html


def test_leder_sees_a_person_of_own_centre(login, world, staff):
    response = page(login(world.leder_a), staff.aase)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pædagogmedhjælper" in html and "Fleksjob" in html
    assert "Vis CPR-nummer" not in html
    assert AASE_CPR not in html


def test_leder_gets_404_for_a_person_in_another_centre(login, world, staff):
    assert page(login(world.leder_a), staff.bjoern).status_code == 404
    assert page(login(world.leder_b), staff.aase).status_code == 404
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.VIEW).exists()


def test_leder_sees_only_the_records_of_own_units(login, world, staff):
    make_employment(staff.aase, world.aabjerg, start=date(2012, 1, 1), end=date(2014, 12, 31), job_title="Rengøringsassistent")
    make_placement(world.aabjerg, "virksomhedspraktik", person=staff.aase, start=date(2011, 3, 1), planned_end=date(2011, 5, 31))
    html = page(login(world.leder_a), staff.aase).content.decode()
    assert "Pædagogmedhjælper" in html
    assert "Rengøringsassistent" not in html
    assert "Plejecenter Åbjerg" not in html
    hr_html = page(login(world.hr), staff.aase).content.decode()
    assert "Rengøringsassistent" in hr_html and "Plejecenter Åbjerg" in hr_html


def test_tr_sees_the_placements_of_own_workplace_without_health_fields(login, world, staff):
    response = page(login(world.tr_a), staff.aase)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fleksjob" in html
    assert "Målgruppe" not in html
    assert "Pædagogmedhjælper" not in html  # ordinary employment is not for the TR
    assert "Vis CPR-nummer" not in html
    assert AASE_CPR not in html


def test_tr_gets_404_for_people_without_a_placement_at_own_workplace(login, world, staff):
    assert page(login(world.tr_a), staff.soeren).status_code == 404
    assert page(login(world.tr_a), staff.bjoern).status_code == 404


def test_med_member_never_sees_a_person(login, world, staff):
    assert page(login(world.med_a), staff.aase).status_code == 404


def test_auditor_reads_everything_but_may_not_change_or_reveal(login, world, staff):
    response = page(login(world.auditor), staff.bjoern)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Social- og sundhedshjælper" in html
    assert "Vis CPR-nummer" not in html
    assert "Ret oplysninger" not in html
    assert "1502851235" not in html


def test_outsider_gets_404(login, world, staff):
    assert page(login(world.outsider), staff.aase).status_code == 404


def test_anonymous_user_is_sent_to_log_in(client, world, staff):
    response = page(client, staff.aase)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_page_is_not_cached(login, world, staff):
    assert "no-store" in page(login(world.hr), staff.aase)["Cache-Control"]
