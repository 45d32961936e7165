"""Each policy page opens for the roles it is for, and is 404 for the others (the attacker's view first)."""

import pytest
from django.urls import reverse

from rummelig.policy.offers import load_seed_offers
from rummelig.policy.seed_guidelines import load_seed_guidelines

pytestmark = pytest.mark.django_db

PAGES = {
    # url name: (who opens it, who gets 404)
    "policy:guidelines": (("hr", "leder_a", "tr_a", "med_a", "auditor", "employee", "amr"), ("outsider",)),
    "policy:guideline_create": (("hr",), ("leder_a", "tr_a", "med_a", "auditor", "employee", "amr", "outsider")),
    "policy:my_page": (("employee",), ("hr", "leder_a", "tr_a", "med_a", "auditor", "amr", "outsider")),
    "policy:concern_report": (("employee",), ("hr", "leder_a", "med_a", "auditor", "amr", "outsider")),
    "policy:concerns": (("hr", "leder_a", "tr_a", "amr"), ("med_a", "auditor", "employee", "outsider")),
    "policy:concern_counts": (("hr", "leder_a", "med_a", "auditor", "amr"), ("tr_a", "employee", "outsider")),
    "policy:kompus": (("hr", "leder_a"), ("tr_a", "med_a", "auditor", "employee", "amr", "outsider")),
    "policy:kompus_missing": (("hr", "leder_a"), ("tr_a", "med_a", "auditor", "employee", "amr", "outsider")),
    "policy:kompus_setting": (("hr",), ("leder_a", "tr_a", "med_a", "auditor", "employee", "amr", "outsider")),
    "policy:offers": (("hr", "leder_a", "med_a", "auditor"), ("tr_a", "employee", "amr", "outsider")),
    "policy:offer_create": (("hr",), ("leder_a", "tr_a", "med_a", "auditor", "employee", "amr", "outsider")),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_page_opens_for_its_roles_only(client, world, staff, name):
    load_seed_guidelines()
    load_seed_offers()
    users = {"employee": staff.employee, "amr": staff.amr}
    allowed, refused = PAGES[name]
    for who in allowed:
        client.force_login(users.get(who) or getattr(world, who))
        assert client.get(reverse(name)).status_code == 200, who
    for who in refused:
        client.force_login(users.get(who) or getattr(world, who))
        assert client.get(reverse(name)).status_code == 404, who


def test_the_kompus_overview_shows_the_share_per_unit(client, world, staff):
    client.force_login(world.leder_a)
    rows = {r.unit.name: r for r in client.get(reverse("policy:kompus")).context["rows"]}
    assert rows["Solsikken Børnehus"].staff == 2 and rows["Center for Børn og Unge"].staff == 2
    assert "Plejecenter Åbjerg" not in rows


def test_hr_edits_an_offer(client, world, staff):
    load_seed_offers()
    client.force_login(world.hr)
    response = client.post(reverse("policy:offer_create"), {"name": "Massage", "how_to_use": "Book en tid.", "sign_up": "on", "active": "on", "sort_order": 9})
    assert response.status_code == 302
    client.force_login(staff.employee)
    assert "Massage" in client.get(reverse("policy:my_page")).content.decode()
