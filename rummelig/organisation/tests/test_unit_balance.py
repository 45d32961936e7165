"""One meaning of "balance": the unit page and the annual report count temporary staff on special terms the same way."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from rummelig.reports.figures import Period, Scope
from rummelig.reports.report import Report
from rummelig.testing import make_employment, make_person, make_placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def skovbrynet(world):
    """10 ordinary employees and 1 subsidised; 2 løntilskud (temporary), 1 fleksjob (permanent), 1 part-time praktik."""
    today = timezone.localdate()
    for i in range(10):
        make_employment(make_person(f"Ansat{i}", "Ordinær"), world.skovbrynet)
    make_employment(make_person("Tilskud", "Ansat"), world.skovbrynet, subsidised=True)
    for i in range(2):
        make_placement(world.skovbrynet, "loentilskud", person=make_person(f"Løn{i}", "Tilskud"), start=today - timedelta(days=30),
                       planned_end=today + timedelta(days=60))
    make_placement(world.skovbrynet, "fleksjob", person=make_person("Fast", "Fleksjob"), start=today - timedelta(days=300))
    make_placement(world.skovbrynet, "virksomhedspraktik", person=make_person("Del", "Tid"), start=today - timedelta(days=3),
                   planned_end=today + timedelta(days=20), hours_per_week=Decimal("14.8"))
    return world.skovbrynet


def test_the_unit_page_shows_one_staff_figure_with_its_definition(world, skovbrynet, login):
    html = login(world.hr).get(reverse("organisation:detail", args=[skovbrynet.pk])).content.decode()
    assert html.count('data-testid="unit-staff"') == 1 and 'data-testid="subtree-staff"' not in html
    assert re.search(r'data-testid="unit-staff">10<', html)  # the subsidised employment is not ordinary staff
    assert "Ordinært ansatte: ansættelser, der er aktive i dag uden løntilskud" in html


def test_the_unit_page_and_the_report_agree_on_the_balance(world, skovbrynet, login):
    today = timezone.localdate()
    html = login(world.hr).get(reverse("organisation:detail", args=[skovbrynet.pk])).content.decode()
    # 3 temporary (2 løntilskud, 1 praktik); the fleksjob is permanent and not in the balance.
    assert "3 midlertidigt ansatte på særlige vilkår til 10 ordinært ansatte: 30,0 %" in html
    assert "Balancen med ordinært ansatte" in html and "der ikke er fastansatte" in html
    report = Report(Scope(), Period.for_year(today.year, today), suppress=False)
    table = next(t for s in report.sections(["balance"]) for t in s.tables)
    row = next(r for r in table.rows if r.label == world.centre_a.name)
    assert row.values[:3] == [3, 10, Decimal(30)]
    assert table.title.startswith("Balance")


def test_the_ratio_speaks_of_full_time_persons_not_fractional_people(world, skovbrynet, login):
    html = login(world.hr).get(reverse("organisation:detail", args=[skovbrynet.pk])).content.decode()
    assert re.search(r'data-testid="ratio-now">2,4 / 2<', html)
    assert "fuldtidspersoner i praktik/løntilskud i dag (deltid tæller forholdsmæssigt)" in html
    assert "personer i praktik/løntilskud i dag /" not in html
