"""HR sets a unit's balance threshold; units above it are flagged on the start page and in the list of units."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from rummelig.audit.models import AuditEntry
from rummelig.organisation.models import Unit

from .conftest import hire, place


def url(unit):
    return reverse("alerts:balance_threshold", args=[unit.pk])


@pytest.fixture
def crowded(world, today):
    """Solsikken Børnehus: 20 ordinary staff and 3 elever (15 %, above the default 12 %)."""
    hire(world.solsikken, 20)
    place(world.solsikken, 3, "elev", start=today - timedelta(days=100), planned_end=today + timedelta(days=500))


@pytest.mark.django_db
class TestBalanceThreshold:
    def test_hr_sets_the_threshold_and_it_is_audited(self, world, login):
        response = login(world.hr).post(url(world.solsikken), {"balance_threshold": "15,5"})
        assert response.status_code == 302
        assert Unit.objects.get(pk=world.solsikken.pk).balance_threshold == Decimal("15.5")
        entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, object_type="unit")
        assert entry.changes["balance_threshold"] == ["12.00", "15.5"]

    def test_a_share_above_100_is_refused(self, world, login):
        response = login(world.hr).post(url(world.solsikken), {"balance_threshold": "120"})
        assert "Skriv en andel mellem 0 og 100 procent." in response.content.decode()

    def test_only_hr_may_set_it(self, world, login):
        for user in (world.leder_a, world.tr_a, world.med_a, world.auditor):
            assert login(user).post(url(world.solsikken), {"balance_threshold": "50"}).status_code == 404
        assert Unit.objects.get(pk=world.solsikken.pk).balance_threshold == 12

    def test_a_unit_above_the_threshold_is_flagged_on_the_start_page(self, world, login, crowded):
        page = login(world.leder_a).get(reverse("start")).content.decode()
        assert "Enheder over deres balancegrænse" in page
        assert "Solsikken Børnehus</a>:" in page and "15,0 % (3 af 20; grænse 12,0 %)" in page
        assert "Enheder over deres balancegrænse" not in login(world.leder_b).get(reverse("start")).content.decode()

    def test_raising_the_threshold_removes_the_flag(self, world, login, crowded):
        login(world.hr).post(url(world.solsikken), {"balance_threshold": "20"})
        login(world.hr).post(url(world.centre_a), {"balance_threshold": "20"})
        assert "Enheder over deres balancegrænse" not in login(world.hr).get(reverse("start")).content.decode()

    def test_the_list_of_units_flags_the_unit(self, world, login, crowded):
        page = login(world.hr).get(reverse("organisation:list")).content.decode()
        assert "15,0 % – over balancegrænsen på 12,0 %" in page

    def test_the_unit_page_shows_the_balance_and_hr_may_change_it(self, world, login, crowded):
        page = login(world.hr).get(reverse("organisation:detail", args=[world.solsikken.pk])).content.decode()
        assert "3 midlertidigt ansatte på særlige vilkår til 20 ordinært ansatte: 15,0 % (grænse 12,0 %)." in page
        assert url(world.solsikken) in page
        assert url(world.solsikken) not in login(world.leder_a).get(reverse("organisation:detail", args=[world.solsikken.pk])).content.decode()

    def test_the_start_page_shows_the_ten_highest_and_links_to_the_rest(self, world, login, today):
        for i in range(11):
            unit = Unit.objects.create(name=f"Dagplejen Ø{i:02d}", parent=world.centre_b, valid_from=world.aabjerg.valid_from)
            hire(unit, 10)
            place(unit, 2 + (i % 3), "elev", start=today - timedelta(days=10), planned_end=today + timedelta(days=300))
        page = login(world.leder_b).get(reverse("start")).content.decode()
        assert "12 enheder er over deres grænse; de 10 med den højeste andel:" in page  # 11 workplaces and the centre
        assert "Se alle enheder i listen over enheder" in page
