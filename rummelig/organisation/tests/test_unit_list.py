from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rummelig.organisation.models import Unit
from rummelig.reports.publications import publish
from rummelig.testing import make_employment, make_person, make_placement

pytestmark = pytest.mark.django_db

URL = reverse("organisation:list")


def rows(response):
    return {row["unit"].name: row for row in response.context["rows"]}


def test_hr_sees_the_whole_tree_in_order_and_indented(login, world, staffing):
    response = login(world.hr).get(URL)
    assert response.status_code == 200
    tree = [(row["unit"].name, row["level"]) for row in response.context["rows"]]
    assert tree == [
        ("Rummelig Kommune", 0),
        ("Center for Børn og Unge", 1),
        ("Skovbrynet Skole", 2),
        ("Solsikken Børnehus", 2),
        ("Center for Ældre og Sundhed", 1),
        ("Plejecenter Åbjerg", 2),
    ]
    html = response.content.decode()
    assert "1012345678" in html and "4711" in html
    assert "Opret enhed" in html


def test_it_counts_active_placements_ordinary_staff_and_fte_per_unit(login, world, staffing):
    solsikken = rows(login(world.hr).get(URL))["Solsikken Børnehus"]["figures"]
    assert solsikken.placements == 3
    assert solsikken.staff == 2
    assert solsikken.fte == 1.5


def test_leder_sees_only_own_centre(login, world, staffing):
    response = login(world.leder_a).get(URL)
    assert set(rows(response)) == {"Center for Børn og Unge", "Skovbrynet Skole", "Solsikken Børnehus"}
    assert "Plejecenter Åbjerg" not in response.content.decode()
    assert "Opret enhed" not in response.content.decode()


def test_tr_sees_own_workplace_without_ordinary_staff(login, world, staffing):
    response = login(world.tr_a).get(URL)
    assert set(rows(response)) == {"Solsikken Børnehus"}
    figures = rows(response)["Solsikken Børnehus"]["figures"]
    assert figures.placements == 3
    assert figures.staff is None and figures.fte is None
    assert "Ordinært ansatte" not in response.content.decode()


def test_med_member_sees_the_published_figures_of_the_committees_area(login, world, staffing):
    """The area's figures are the published report's totals; workplaces, finer than the report, show none."""
    for number in range(10):  # with a year before to balance them, the centre's total can be shown
        make_placement(world.skovbrynet, "seniorjob", person=make_person("Erik", f"Sønderby {number + 6}"), start=date(2024, 1, 1))
    publish(timezone.localdate(), world.hr)
    make_placement(world.skovbrynet, "seniorjob", person=make_person("Efter", "Offentliggørelsen"), start=timezone.localdate())
    response = login(world.med_a).get(URL)
    assert response.status_code == 200
    figures = rows(response)
    assert set(figures) == {"Center for Børn og Unge", "Skovbrynet Skole", "Solsikken Børnehus"}
    centre = figures["Center for Børn og Unge"]["figures"]
    assert centre.placements == 19  # 3 in Solsikken + 16 in Skovbrynet on the published day, not 20
    assert centre.staff == "<5"
    assert centre.fte is None
    assert figures["Solsikken Børnehus"]["figures"].placements is None
    assert figures["Skovbrynet Skole"]["figures"].placements is None
    html = response.content.decode()
    assert "&lt;5" in html
    assert "Møller" not in html and "Bøgh" not in html


def test_med_member_sees_no_figures_before_anything_is_published(login, world, staffing):
    figures = rows(login(world.med_a).get(URL))
    assert all(row["figures"].placements is None and row["figures"].staff is None for row in figures.values())


def test_auditor_sees_everything_but_may_not_create(login, world, staffing):
    response = login(world.auditor).get(URL)
    assert len(response.context["rows"]) == 6
    assert "Opret enhed" not in response.content.decode()


def test_outsider_gets_404(login, world):
    assert login(world.outsider).get(URL).status_code == 404


def test_ended_units_are_hidden_unless_asked_for(login, world):
    Unit.objects.create(name="Lukket Fritidshjem", parent=world.centre_a, valid_from=date(2020, 1, 1), valid_to=date(2022, 12, 31))
    client = login(world.hr)
    assert "Lukket Fritidshjem" not in rows(client.get(URL))
    assert "Lukket Fritidshjem" in rows(client.get(URL, {"ended": "on"}))


def test_search_by_name_or_p_number(login, world):
    client = login(world.hr)
    assert set(rows(client.get(URL, {"q": "Åbjerg"}))) == {"Plejecenter Åbjerg"}
    assert set(rows(client.get(URL, {"q": "1012345679"}))) == {"Skovbrynet Skole"}


def test_the_number_of_queries_does_not_grow_with_units_and_staff(login, world, staffing):
    client = login(world.hr)
    client.get(URL)  # warm up the session and the translations
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    for number in range(20):
        unit = Unit.objects.create(name=f"Dagplejen Ørsted {number}", parent=world.centre_a, valid_from=date(2020, 1, 1))
        make_employment(make_person("Lene", f"Dal {number}"), unit)
        make_placement(unit, "fleksjob", person=make_person("Tom", f"Bæk {number}"), start=date(2025, 1, 1))
    with CaptureQueriesContext(connection) as large:
        response = client.get(URL)
    assert len(response.context["rows"]) == 26
    assert len(large) == len(small)
