from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rummelig.reports.publications import publish
from rummelig.testing import make_employment, make_person, make_placement

pytestmark = pytest.mark.django_db


def page(client, unit, **params):
    return client.get(reverse("organisation:detail", args=[unit.pk]), params)


def test_hr_sees_the_facts_of_a_unit(login, world, staffing):
    response = page(login(world.hr), world.solsikken)
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Solsikken Børnehus", "Arbejdsplads", "1012345678", "4711", "W11", "1. januar 2020", "Center for Børn og Unge", "Rummelig Kommune"):
        assert text in html


def test_it_lists_sub_units_with_their_figures(login, world, staffing):
    response = page(login(world.hr), world.centre_a)
    children = {row["unit"].name: row["figures"] for row in response.context["children"]}
    assert set(children) == {"Skovbrynet Skole", "Solsikken Børnehus"}
    assert children["Skovbrynet Skole"].placements == 6
    assert children["Solsikken Børnehus"].staff == 2


def test_it_lists_the_people_of_the_unit_and_its_sub_units(login, world, staffing):
    response = page(login(world.hr), world.centre_a)
    html = response.content.decode()
    assert "Åse Møller" in html and "Erik Sønderby 0" in html
    assert "Karen Bøgh" in html and "Køkkenmedhjælper" in html and "Mads Skærbæk" in html
    assert "Gitte Fløe" not in html  # left yesterday
    assert "Ole Gammel" not in html  # placement ended in 2021
    assert reverse("placements:detail", args=[staffing.solsikken_placement.pk]) in html
    assert response.context["subtree_staff"] == 3
    assert response.context["subtree_placements"] == 9


def test_leder_sees_own_units_and_gets_404_in_another_centre(login, world, staffing):
    client = login(world.leder_a)
    assert "Karen Bøgh" in page(client, world.solsikken).content.decode()
    assert page(client, world.aabjerg).status_code == 404
    assert page(client, world.centre_b).status_code == 404
    assert page(client, world.kommune).status_code == 404


def test_the_parent_chain_links_only_to_units_the_user_may_see(login, world, staffing):
    html = page(login(world.leder_a), world.solsikken).content.decode()
    assert reverse("organisation:detail", args=[world.centre_a.pk]) in html
    assert "Rummelig Kommune" in html
    assert reverse("organisation:detail", args=[world.kommune.pk]) not in html


def test_tr_sees_placements_of_own_workplace_but_not_ordinary_staff(login, world, staffing):
    client = login(world.tr_a)
    response = page(client, world.solsikken)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Åse Møller" in html
    assert "Karen Bøgh" not in html and "Ordinært ansatte" not in html
    assert page(client, world.centre_a).status_code == 404
    assert page(client, world.skovbrynet).status_code == 404


def test_med_member_sees_only_published_counts(login, world, staffing):
    for number in range(10):  # with a year before to balance them, the centre's total can be shown
        make_placement(world.skovbrynet, "seniorjob", person=make_person("Erik", f"Sønderby {number + 6}"), start=date(2024, 1, 1))
    publish(timezone.localdate(), world.hr)
    client = login(world.med_a)
    response = page(client, world.centre_a)
    assert response.status_code == 200
    assert (response.context["own"].placements, response.context["own"].staff) == (19, "<5")
    children = {row["unit"].name: row["figures"] for row in response.context["children"]}
    # The report publishes the centre, not its workplaces: a workplace figure would be a second table.
    assert children["Solsikken Børnehus"].placements is None
    assert children["Skovbrynet Skole"].placements is None
    html = response.content.decode()
    for name in ("Åse Møller", "Karen Bøgh", "Erik Sønderby", "Mads Skærbæk"):
        assert name not in html
    assert "placements" not in response.context and "employments" not in response.context
    solsikken = page(client, world.solsikken)
    assert solsikken.status_code == 200
    assert "Åse Møller" not in solsikken.content.decode()
    assert page(client, world.aabjerg).status_code == 404


def test_auditor_reads_but_may_not_edit(login, world, staffing):
    html = page(login(world.auditor), world.aabjerg).content.decode()
    assert "Ulla Åkjær" in html and "Bjørn Ærø" in html
    assert reverse("organisation:edit", args=[world.aabjerg.pk]) not in html


def test_hr_sees_the_edit_link(login, world, staffing):
    html = page(login(world.hr), world.aabjerg).content.decode()
    assert reverse("organisation:edit", args=[world.aabjerg.pk]) in html


@pytest.mark.parametrize("persona", ["outsider"])
def test_outsider_gets_404(login, world, persona):
    assert page(login(getattr(world, persona)), world.solsikken).status_code == 404


def test_long_lists_are_paginated(login, world):
    for number in range(55):
        make_employment(make_person("Hanne", f"Ørum {number:02d}"), world.skovbrynet)
    client = login(world.hr)
    first = page(client, world.skovbrynet)
    assert len(first.context["employments"].object_list) == 50
    second = page(client, world.skovbrynet, side_ansatte=2)
    assert len(second.context["employments"].object_list) == 5
    assert "Side 2 af 2" in second.content.decode()


def test_the_number_of_queries_does_not_grow_with_staff(login, world, staffing):
    client = login(world.hr)
    page(client, world.centre_a)
    with CaptureQueriesContext(connection) as small:
        page(client, world.centre_a)
    for number in range(30):
        make_employment(make_person("Lise", f"Brøns {number}"), world.skovbrynet)
        make_placement(world.solsikken, "fleksjob", person=make_person("Niels", f"Kjær {number}"), start=date(2025, 1, 1))
    with CaptureQueriesContext(connection) as large:
        page(client, world.centre_a)
    assert len(large) == len(small)
