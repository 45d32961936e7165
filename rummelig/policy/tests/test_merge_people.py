"""HR merges two registrations of one employee (same CPR number): KOMPUS and health sign-ups do not stop it."""

from datetime import date

import pytest
from django.urls import reverse

from rummelig.audit.models import AuditEntry
from rummelig.people.models import Person
from rummelig.policy.models import CompetenceDialogue, HealthOffer, HealthSignup
from rummelig.testing import make_person

pytestmark = pytest.mark.django_db
CPR = "2402751238"


@pytest.fixture
def two_registrations(world):
    holder = make_person("Ida", "Østergård", cpr=CPR)
    duplicate = make_person("Ida", "Østergaard", pending_cpr=CPR)
    return holder, duplicate


def test_a_year_both_had_a_dialogue_keeps_one_dialogue_with_both_goals(login, world, two_registrations):
    holder, duplicate = two_registrations
    kept = CompetenceDialogue.objects.create(person=holder, year=2026, held_on=date(2026, 3, 2), leder=world.leder_a,
                                             goals="Kursus i konflikthåndtering")
    CompetenceDialogue.objects.create(person=duplicate, year=2026, held_on=date(2026, 3, 9), leder=world.leder_a,
                                      goals="Lære det nye journalsystem")
    moved = CompetenceDialogue.objects.create(person=duplicate, year=2025, held_on=date(2025, 3, 9), leder=world.leder_a)
    offer = HealthOffer.objects.create(name="Sundhedstjek")
    HealthSignup.objects.create(offer=offer, person=holder, year=2026)
    HealthSignup.objects.create(offer=offer, person=duplicate, year=2026)
    HealthSignup.objects.create(offer=offer, person=duplicate, year=2025)

    response = login(world.hr).post(reverse("people:resolve_cpr", args=[duplicate.pk]), {"action": "merge"})

    assert response.status_code == 302 and response["Location"] == reverse("people:detail", args=[holder.pk])
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert list(CompetenceDialogue.objects.filter(person=holder).order_by("year").values_list("pk", flat=True)) == [moved.pk, kept.pk]
    kept.refresh_from_db()
    assert kept.goals == "Kursus i konflikthåndtering\n\nLære det nye journalsystem"
    assert sorted(HealthSignup.objects.filter(person=holder).values_list("year", flat=True)) == [2025, 2026]
    merge = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, object_type="person", object_id=str(holder.pk))
    assert "KOMPUS 2026" in merge.detail and "konflikt" not in merge.detail  # the goals stay out of the log
