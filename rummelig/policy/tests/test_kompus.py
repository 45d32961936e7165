"""KOMPUS: coverage of a hand-built unit, goals seen only by the employee and the leder, alerts from HR's month."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from rummelig.policy.kompus import coverage
from rummelig.policy.models import CompetenceDialogue, KompusSetting
from rummelig.testing import make_employment, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_staff(world):
    """Solsikken: four current ordinary employees (one with two employments), one who left, one subsidised;
    Skovbrynet: one employee."""
    today = timezone.localdate()
    people = [make_person(f"P{i}", "Solsikke") for i in range(4)]
    for person in people:
        make_employment(person, world.solsikken)
    make_employment(people[0], world.solsikken, fte=Decimal("0.2"))
    left = make_person("Gået", "Solsikke")
    make_employment(left, world.solsikken, end=today - timedelta(days=10))
    subsidised = make_person("Tilskud", "Solsikke")
    make_employment(subsidised, world.solsikken, subsidised=True)
    skov = make_person("Skov", "Bryn")
    make_employment(skov, world.skovbrynet)
    return people, left, subsidised, skov


def held(person, leder, day=None, goals=""):
    day = day or timezone.localdate()
    return CompetenceDialogue.objects.create(person=person, year=day.year, held_on=day, leder=leder, goals=goals)


def test_coverage_of_a_hand_built_unit_and_its_centre(world, unit_staff):
    people, left, subsidised, skov = unit_staff
    held(people[0], world.leder_a)
    held(left, world.leder_a)  # left the unit: not staff
    held(subsidised, world.leder_a)  # subsidised: not ordinary staff
    year = timezone.localdate().year
    solsikken, centre = coverage([world.solsikken, world.centre_a], year)
    assert (solsikken.staff, solsikken.held, solsikken.missing, solsikken.share) == (4, 1, 3, 25.0)
    assert (centre.staff, centre.held, centre.share) == (5, 1, 20.0)


def test_last_years_dialogue_does_not_count_this_year(world, unit_staff):
    people = unit_staff[0]
    last_year = timezone.localdate().replace(month=6, day=1) - timedelta(days=366)
    held(people[1], world.leder_a, day=last_year)
    [row] = coverage([world.solsikken], timezone.localdate().year)
    assert row.held == 0


def test_the_leder_records_a_dialogue_and_the_missing_list_shrinks(client, world, unit_staff):
    people = unit_staff[0]
    client.force_login(world.leder_a)
    missing = client.get(reverse("policy:kompus_missing")).context["people"]
    assert people[2] in missing
    today = timezone.localdate()
    response = client.post(reverse("policy:kompus_record", args=[people[2].pk]), {"held_on": today.isoformat(), "goals": "Kursus i dansk som andetsprog"})
    assert response.status_code == 302
    assert people[2] not in client.get(reverse("policy:kompus_missing")).context["people"]
    assert CompetenceDialogue.objects.get(person=people[2]).leder == world.leder_a


def test_a_leder_cannot_record_for_another_centres_employee(client, world, unit_staff):
    client.force_login(world.leder_b)
    person = unit_staff[0][0]
    assert client.get(reverse("policy:kompus_record", args=[person.pk])).status_code == 404


def test_a_dialogue_in_the_future_or_another_year_is_refused(client, world, unit_staff):
    person = unit_staff[0][0]
    client.force_login(world.leder_a)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(reverse("policy:kompus_record", args=[person.pk]), {"held_on": tomorrow.isoformat()})
    assert response.status_code == 200 and not CompetenceDialogue.objects.exists()


def test_the_goals_are_seen_by_the_employee_and_the_leder_only(client, world, staff):
    held(staff.person, world.leder_a, goals="Lære tegnsprog")
    client.force_login(staff.employee)
    assert "Lære tegnsprog" in client.get(reverse("policy:my_page")).content.decode()
    client.force_login(world.leder_a)
    assert "Lære tegnsprog" in client.get(reverse("policy:kompus_record", args=[staff.person.pk])).content.decode()
    client.force_login(world.hr)
    page = client.get(reverse("policy:kompus_record", args=[staff.person.pk]))
    assert page.status_code == 200 and "Lære tegnsprog" not in page.content.decode()
    assert "goals" not in page.context["form"].fields
    client.force_login(staff.colleague)
    assert "Lære tegnsprog" not in client.get(reverse("policy:my_page")).content.decode()


def test_lederne_are_alerted_once_from_the_month_hr_sets(client, world, unit_staff):
    KompusSetting.objects.create(reminder_month=9)
    year = timezone.localdate().year
    call_command("send_kompus_reminders", today=f"{year}-08-31")
    assert mail.outbox == []
    call_command("send_kompus_reminders", today=f"{year}-09-01")
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == ["leder_a@kommune.invalid"]
    assert "P0 Solsikke" in mail.outbox[0].body and "Skov Bryn" in mail.outbox[0].body
    call_command("send_kompus_reminders", today=f"{year}-09-02")
    assert len(mail.outbox) == 1


def test_the_missing_page_alerts_from_hrs_month(client, world, unit_staff):
    client.force_login(world.leder_a)
    KompusSetting.objects.create(reminder_month=1)
    assert "kompus-alert" in client.get(reverse("policy:kompus_missing")).content.decode()
    KompusSetting.objects.update(reminder_month=12)
    if date.today().month < 12:
        assert "kompus-alert" not in client.get(reverse("policy:kompus_missing")).content.decode()


def test_only_hr_sets_the_month(client, world):
    client.force_login(world.leder_a)
    assert client.get(reverse("policy:kompus_setting")).status_code == 404
    client.force_login(world.hr)
    assert client.post(reverse("policy:kompus_setting"), {"reminder_month": 13}).status_code == 200
    client.post(reverse("policy:kompus_setting"), {"reminder_month": 11})
    assert KompusSetting.get().reminder_month == 11
