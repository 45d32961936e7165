"""The annual report page: the chosen year, Danish messages for a bad choice, suppression for everyone."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from rummelig.reports.publications import publish

URL = reverse("reports:annual")

SECTION_TITLES = [
    "Ansatte på særlige vilkår", "Udviklingen over fem år", "Ansatte i løbet af året og årsværk", "I forhold til måltal",
    "Balancen med ordinært ansatte", "Elever", "Egne borgere via eget jobcenter", "Unge under 30 år",
    "Udfald af afsluttede ansættelser", "Effekten: videre i job eller uddannelse", "Fastholdelse af kolleger", "Økonomi",
    "Sociale klausuler og arbejdsklausuler i udbud",
]


def test_hr_sees_every_section_of_the_chosen_year(municipality, login):
    page = login(municipality.world.hr).get(URL, {"year": 2025}).content.decode()
    assert "Ansatte på særlige vilkår 2025" in page
    for title in SECTION_TITLES:
        assert f"{title}</h2>" in page, title
    assert "Opgørelsesdato 31. december 2025" in page
    assert f'href="{reverse("reports:annual_export", args=["pdf"])}?year=2025"' in page


def test_the_page_leaves_hr_so_it_is_suppressed_even_for_hr(municipality, login):
    page = login(municipality.world.hr).get(URL, {"year": 2025}).content.decode()
    assert "&lt;5" in page
    assert not [name for name in municipality.names if name in page]


def test_the_year_before_is_the_default(world, login):
    page = login(world.hr).get(URL).content.decode()
    assert f'value="{timezone.localdate().year - 1}"' in page


def test_a_year_that_has_not_begun_is_refused_in_danish(world, login):
    year = timezone.localdate().year + 1
    page = login(world.hr).get(URL, {"year": year}).content.decode()
    assert f"Året {year} er ikke begyndt endnu." in page


def test_a_reference_date_outside_the_year_is_refused_in_danish(world, login):
    page = login(world.hr).get(URL, {"year": 2024, "reference": "2025-03-01"}).content.decode()
    assert "Opgørelsesdatoen skal ligge i 2024." in page


def test_a_med_member_sees_the_report_for_the_committee_area_only(municipality, login):
    publish(date(2025, 12, 31), municipality.world.hr)
    page = login(municipality.world.med_a).get(URL, {"year": 2025}).content.decode()
    assert "Center for Børn og Unge" in page
    assert "Center for Ældre og Sundhed" not in page
    # The pool is the whole municipality's; a centre's report leaves it out.
    assert "Fleksjobpuljen" not in page


@pytest.mark.parametrize("persona", ["tr_a", "outsider"])
def test_a_tr_or_an_outsider_gets_404(world, login, persona):
    assert login(getattr(world, persona)).get(URL, {"year": 2025}).status_code == 404


def test_a_reference_date_inside_the_year_is_used(municipality, login):
    page = login(municipality.world.hr).get(URL, {"year": 2025, "reference": date(2025, 3, 31).isoformat()}).content.decode()
    assert "Ansatte på særlige vilkår den 31. marts 2025" in page
