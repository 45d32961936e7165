"""A MED member opens the reports dashboard in a real browser: no count from 1 to 4, no person's name."""

from datetime import timedelta

from django.utils import timezone

from rummelig.reports.publications import publish
from rummelig.testing import make_employment, make_person, make_placement


def build_centre_a(world):
    """7 fleksjob and 2 IGU in Solsikken (centre A), 3 seniorjob in Åbjerg (centre B), 30 ordinary staff."""
    start = timezone.localdate() - timedelta(days=500)
    names = []
    for workplace, code, count in ((world.solsikken, "fleksjob", 7), (world.solsikken, "igu", 2), (world.aabjerg, "seniorjob", 3)):
        for i in range(count):
            person = make_person("Søren", f"Ågård{code.capitalize()}{i}")
            names.append(person.full_name)
            make_placement(workplace, code, person, start=start)
    for i in range(30):
        make_employment(make_person("Birthe", f"Østergård{i}"), world.skovbrynet, start=start)
    publish(timezone.localdate(), world.hr)  # a MED member sees only published figures
    return names


def test_a_med_member_sees_the_dashboard_without_small_counts_or_names(world, page, log_in):
    names = build_centre_a(world)
    log_in(world.med_a)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Rapporter").click()
    page.wait_for_url("**/rapporter/")
    assert page.get_by_role("heading", name="Ansatte på særlige vilkår: overblik").is_visible()
    assert page.get_by_text("Antal fra 1 til 4 vises som <5").is_visible()
    assert page.get_by_test_id("published-date").is_visible()

    cells = [text.strip() for text in page.locator("table.rummelig-report-table td").all_inner_texts()]
    assert cells, "the dashboard shows tables"
    assert "<5" in cells
    assert not [cell for cell in cells if cell in {"1", "2", "3", "4"}]
    for card in ("card-special", "card-ordinary"):
        assert page.get_by_test_id(card).inner_text() not in {"1", "2", "3", "4"}

    content = page.content()
    assert not [name for name in names if name in content]
    assert "Center for Ældre og Sundhed" not in content
    chart = page.get_by_role("img", name="Ansatte på særlige vilkår pr. center", exact=False)
    assert chart.first.is_visible()
