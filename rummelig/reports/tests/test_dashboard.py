"""The dashboard: who sees it, for which units, and exact for HR but suppressed for MED members."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from rummelig.reports.publications import publish
from rummelig.testing import make_employment, make_person, make_placement

URL = reverse("reports:dashboard")


@pytest.fixture
def today_data(world):
    """Placements running today: 7 fleksjob and 2 IGU in Solsikken (centre A), 3 seniorjob in Åbjerg (centre B)."""
    today = timezone.localdate()
    start = today - timedelta(days=400)
    names = []
    for workplace, code, count in ((world.solsikken, "fleksjob", 7), (world.solsikken, "igu", 2), (world.aabjerg, "seniorjob", 3)):
        for i in range(count):
            person = make_person("Jørgen", f"Ærtebjerg{code}{i}")
            names.append(person.full_name)
            make_placement(workplace, code, person, start=start)
    for i in range(40):
        make_employment(make_person("Åse", f"Kollega{i}"), world.solsikken, start=start)
    return names


def numbers_in_tables(content):
    """Return the texts of every number cell in the page's report tables."""
    tree = html.fromstring(content)
    return [cell.text_content().strip() for cell in tree.xpath("//table[contains(@class, 'rummelig-report-table')]//td")]


def test_hr_sees_exact_figures_for_the_whole_municipality(world, today_data, login):
    response = login(world.hr).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ansatte på særlige vilkår: overblik" in page
    assert "Du ser præcise tal" in page
    assert "Center for Ældre og Sundhed" in page
    cells = numbers_in_tables(page)
    assert "2" in cells and "3" in cells  # the two IGU and the three seniorjob, exactly
    assert 'role="img"' in page and "<title" in page


def test_a_leder_sees_only_own_units(world, today_data, login):
    page = login(world.leder_a).get(URL).content.decode()
    assert "Center for Børn og Unge" in page
    assert "Center for Ældre og Sundhed" not in page
    assert "Seniorjob" not in page


def test_a_med_member_sees_small_counts_as_under_5_and_no_names(world, today_data, login):
    publish(timezone.localdate(), world.hr)
    response = login(world.med_a).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Antal fra 1 til 4 vises som &lt;5" in page
    assert "&lt;5" in numbers_in_tables(page) or "<5" in numbers_in_tables(page)
    assert not [c for c in numbers_in_tables(page) if c in {"1", "2", "3", "4"}]
    assert "Center for Ældre og Sundhed" not in page
    assert not [name for name in today_data if name in page]


@pytest.mark.parametrize("persona", ["tr_a", "outsider"])
def test_a_tr_or_an_outsider_gets_404(world, login, persona):
    assert login(getattr(world, persona)).get(URL).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(db, client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_dashboard_is_in_the_main_menu_for_med_members(world, login):
    page = login(world.med_a).get(reverse("start")).content.decode()
    assert f'href="{URL}"' in page
