"""Health offers: an employee signs up; the sign-ups are seen by the employee and HR; counts leave HR suppressed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from rummelig.audit.models import AuditEntry
from rummelig.policy.models import HealthOffer, HealthSignup
from rummelig.policy.offers import load_seed_offers
from rummelig.testing import make_employment, make_person

pytestmark = pytest.mark.django_db


def test_an_employee_signs_up_and_cancels(client, world, staff):
    load_seed_offers()
    check = HealthOffer.objects.get(name="Sundhedstjek")
    client.force_login(staff.employee)
    page = client.get(reverse("policy:my_page")).content.decode()
    assert "Psykologisk krisehjælp" in page and "hvert andet år" in page
    client.post(reverse("policy:offer_signup", args=[check.pk]))
    assert HealthSignup.objects.filter(person=staff.person, offer=check).exists()
    assert AuditEntry.objects.filter(object_type="healthsignup", action="create").exists()
    client.post(reverse("policy:offer_signup", args=[check.pk]))
    assert not HealthSignup.objects.exists()


def test_an_offer_without_sign_up_cannot_be_signed_up_for(client, world, staff):
    load_seed_offers()
    crisis = HealthOffer.objects.get(name="Psykologisk krisehjælp")
    client.force_login(staff.employee)
    assert client.post(reverse("policy:offer_signup", args=[crisis.pk])).status_code == 404


def test_hr_sees_exact_counts_and_a_leder_or_med_suppressed(client, world, staff):
    load_seed_offers()
    check = HealthOffer.objects.get(name="Sundhedstjek")
    year = timezone.localdate().year - 1  # outside HR only a year that has ended is shown
    HealthSignup.objects.create(offer=check, person=staff.person, year=year)
    for i in range(5):
        person = make_person(f"Ældre{i}", "Åbjerg")
        make_employment(person, world.aabjerg)
        HealthSignup.objects.create(offer=check, person=person, year=year)
    client.force_login(world.hr)
    table = client.get(reverse("policy:offers"), {"aar": year}).context["table"]
    assert table.cell("Center for Børn og Unge", "Sundhedstjek") == 1
    assert table.cell("Center for Ældre og Sundhed", "Sundhedstjek") == 5
    client.force_login(world.med_a)
    table = client.get(reverse("policy:offers")).context["table"]
    assert table.cell("Center for Børn og Unge", "Sundhedstjek") == "<5"
    page = client.get(reverse("policy:offers")).content.decode()
    assert "Mads" not in page


def test_outside_hr_the_running_year_is_not_shown_so_a_new_sign_up_cannot_be_spotted(client, world, staff):
    load_seed_offers()
    check = HealthOffer.objects.get(name="Sundhedstjek")
    this_year = timezone.localdate().year
    for i in range(6):
        person = make_person(f"Sol{i}", "Sikke")
        make_employment(person, world.solsikken)
        HealthSignup.objects.create(offer=check, person=person, year=this_year)
    client.force_login(world.med_a)
    before = client.get(reverse("policy:offers"), {"aar": this_year})
    HealthSignup.objects.create(offer=check, person=staff.person, year=this_year)
    after = client.get(reverse("policy:offers"), {"aar": this_year})

    assert after.context["year"] == this_year - 1
    assert after.context["table"].cell("Center for Børn og Unge", "Sundhedstjek") == 0
    assert [r.values for r in before.context["table"].rows] == [r.values for r in after.context["table"].rows]
    assert f"Tilmeldingerne i {this_year} vises, når året er slut" in after.content.decode()
    client.force_login(world.hr)
    assert client.get(reverse("policy:offers")).context["table"].cell("Center for Børn og Unge", "Sundhedstjek") == 7  # HR sees the running year, exactly


def test_an_employee_does_not_see_the_usage_page(client, world, staff):
    client.force_login(staff.employee)
    assert client.get(reverse("policy:offers")).status_code == 404
