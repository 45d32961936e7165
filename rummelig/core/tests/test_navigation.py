"""The main menu shows each role what it may open, and marks the page the user is on."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def menu(response):
    return {item["label"]: item for item in response.context["nav_items"]}


def test_hr_has_every_menu_item_but_the_representatives_tasks(world, login):
    items = menu(login(world.hr).get(reverse("start")))
    for label in ("Forside", "Ansættelser", "Personer", "Enheder", "Varsler", "Rapporter", "Import", "Revisionslog"):
        assert label in items
    assert "Mine opgaver" not in items


def test_an_employee_representative_has_tasks_and_no_reports_imports_or_audit_log(world, login):
    items = menu(login(world.tr_a).get(reverse("alerts:tasks")))
    assert items["Mine opgaver"]["current"] and not items["Varsler"]["current"]
    for label in ("Rapporter", "Import", "Revisionslog"):
        assert label not in items


def test_a_med_member_sees_only_the_front_page_units_and_reports(world, login):
    assert set(menu(login(world.med_a).get(reverse("start")))) == {"Forside", "Enheder", "Rapporter", "MED-rammer", "Lovgrundlag"}
