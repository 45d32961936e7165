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
    assert set(menu(login(world.med_a).get(reverse("start")))) == {
        "Forside", "Enheder", "Rapporter", "MED-rammer", "Lovgrundlag", "Personalepolitik"}


def _menu_queries(user):
    """Return (menu labels, queries the menu asks beyond the user's roles) for a fresh request's Access."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from rummelig.accounts.access import access_for
    from rummelig.core.context_processors import navigation

    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as roles:
        access_for(request.user).has_role()  # the roles, read once per request
    with CaptureQueriesContext(connection) as queries:
        labels = {str(item["label"]) for item in navigation(request)["nav_items"]}
    return labels, len(queries.captured_queries) if roles.captured_queries else None


def test_the_menu_asks_nothing_beyond_the_roles_for_seats_and_mentorships(world):
    from datetime import date

    from rummelig.med.models import Committee, Membership
    from rummelig.med.roles import sync_roles
    from rummelig.testing import make_person, make_placement

    committee = Committee.objects.create(name="LokalMED Solsikken", kind=Committee.Kind.LOCAL)
    committee.units.add(world.solsikken)
    Membership.objects.create(committee=committee, user=world.tr_a, seat=Membership.Seat.TR, term_from=date(2025, 1, 1))
    sync_roles(world.tr_a)
    make_placement(world.solsikken, mentor=make_person("Tove", "Riis", user=world.tr_a))
    labels, queries = _menu_queries(world.tr_a)
    assert {"MED", "Mine mentees"} <= labels
    assert queries == 1  # the TR's tasks (routed statements), not seats or mentorships
    labels, queries = _menu_queries(world.leder_b)
    assert "MED" not in labels and "Mine mentees" not in labels
