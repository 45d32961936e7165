"""Revalidering and jobrotation are closed for new placements from 1 February 2026 (lov nr. 1750 af
29/12/2025); a placement that started before keeps its rules and may run to its end."""

from datetime import date

import pytest
from django.urls import reverse

from rummelig.placements.models import Placement
from rummelig.placements.validation import Proposal, validate_placement
from rummelig.schemes.models import Scheme
from rummelig.testing import make_person

pytestmark = pytest.mark.django_db


def errors(world, code, start, target_group="dagpenge", **extra):
    return validate_placement(Proposal(
        scheme=Scheme.objects.get(code=code), workplace=world.solsikken, target_group=target_group,
        start=start, planned_end=None, actual_end=None, extension_reason="", **extra,
    )).errors


@pytest.mark.parametrize("code, target_group", [("revalidering", "revalidering"), ("jobrotation", "dagpenge")])
def test_a_new_placement_from_1_february_2026_is_refused_in_danish(world, code, target_group):
    found = errors(world, code, date(2026, 2, 1), target_group)
    assert found["start"][0].startswith(
        f"Ordningen {Scheme.objects.get(code=code).name} er lukket for nye ansættelser fra 1. februar 2026 ("
    )
    assert "lov nr. 1750" in found["start"][0]
    assert "En ansættelse, der begyndte før, kan fortsætte til sin slutdato" in found["start"][0]


@pytest.mark.parametrize("code, target_group", [("revalidering", "revalidering"), ("jobrotation", "dagpenge")])
def test_a_placement_that_started_before_may_run_on(world, code, target_group):
    assert "start" not in errors(world, code, date(2026, 1, 31), target_group)


def test_the_form_refuses_a_new_revalidering_and_saves_nothing(world, login):
    person = make_person("Rikke", "Revalidend")
    response = login(world.hr).post(reverse("placements:create"), {
        "person": person.pk, "scheme": Scheme.objects.get(code="revalidering").pk, "workplace": world.solsikken.pk,
        "target_group": "revalidering", "start": "2026-03-02", "hours_per_week": "37",
    })
    assert response.status_code == 200
    assert "er lukket for nye ansættelser fra 1. februar 2026" in response.content.decode()
    assert not Placement.objects.filter(person=person).exists()
