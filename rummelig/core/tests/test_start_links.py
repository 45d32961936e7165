"""The start page leads somewhere: each card opens the placements list filtered the same way, with every row."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from rummelig.testing import make_person, make_placement


@pytest.fixture
def many_ending(world):
    """55 placements ending within 30 days (more than the start page's 20 and the list's page of 50), and 3 not."""
    today = timezone.localdate()
    for i in range(55):
        make_placement(world.skovbrynet, "loentilskud", person=make_person(f"Person{i:02d}", "Ophører"),
                       start=today - timedelta(days=100), planned_end=today + timedelta(days=1 + i % 29))
    for i in range(3):
        make_placement(world.solsikken, "fleksjob", person=make_person(f"Fast{i}", "Fleksjob"), start=today - timedelta(days=300))


def card_href(content, testid):
    return unescape(re.search(rf'href="([^"]+)"[^>]*data-testid="{testid}"', content).group(1))


@pytest.mark.django_db
class TestStartLinks:
    def test_the_ending_soon_card_opens_the_list_of_all_of_them(self, world, many_ending, login):
        client = login(world.hr)
        start = client.get(reverse("start")).content.decode()
        assert 'data-testid="ending-soon-count">55<' in start
        href = card_href(start, "ending-soon-card")
        listed = client.get(href)
        assert listed.context["count"] == 55
        assert "Viser 1–50 af 55" in listed.content.decode()
        second = client.get(href + "&side=2").content.decode()
        assert "Viser 51–55 af 55" in second

    def test_the_start_page_says_how_to_see_all_beyond_its_20(self, world, many_ending, login):
        start = login(world.hr).get(reverse("start")).content.decode()
        assert "Vis alle 55 ansættelser, der ophører inden for 30 dage" in start
        assert card_href(start, "ending-soon-all") == card_href(start, "ending-soon-card")

    def test_the_active_card_and_the_schemes_open_the_same_counts(self, world, many_ending, login):
        client = login(world.hr)
        response = client.get(reverse("start"))
        start = response.content.decode()
        assert client.get(card_href(start, "active-card")).context["count"] == response.context["active_count"] == 58
        for row in response.context["per_scheme"]:
            assert client.get(row["url"]).context["count"] == row["count"]

    def test_a_med_member_gets_no_links_to_people(self, world, many_ending, login):
        start = login(world.med_a).get(reverse("start")).content.decode()
        assert reverse("placements:list") not in start


@pytest.mark.django_db
def test_each_language_is_offered_in_its_own_name(world, login):
    html = login(world.hr).get(reverse("start")).content.decode()
    assert '<option value="da" lang="da" selected>Dansk</option>' in html
    assert '<option value="en" lang="en" >English</option>' in html
    assert "Engelsk" not in html
