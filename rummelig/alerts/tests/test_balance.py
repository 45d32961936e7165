"""Balance: temporary special-terms staff as a share of ordinary staff, per unit (alerts.balance)."""

from datetime import date
from decimal import Decimal

import pytest

from rummelig.alerts.balance import balances, flagged_units
from rummelig.organisation.models import Unit

from .conftest import hire, place

DAY = date(2030, 3, 15)


@pytest.mark.django_db
class TestBalance:
    def test_the_share_counts_temporary_schemes_against_ordinary_staff(self, world):
        hire(world.solsikken, 20)
        hire(world.solsikken, 2, subsidised=True)
        place(world.solsikken, 3, "virksomhedspraktik", start=date(2030, 3, 1), planned_end=date(2030, 3, 28))
        place(world.solsikken, 2, "fleksjob", start=date(2025, 1, 1), planned_end=None)  # permanent: not counted
        balance = balances(Unit.objects.filter(pk=world.solsikken.pk), DAY)[world.solsikken.pk]
        assert (balance.temporary, balance.ordinary, balance.share, balance.flagged) == (3, 20, Decimal("15.0"), True)

    def test_a_centre_counts_its_workplaces_together(self, world):
        hire(world.solsikken, 20)
        hire(world.skovbrynet, 30)
        place(world.solsikken, 3, "elev", start=date(2029, 8, 1), planned_end=date(2031, 6, 30))
        place(world.skovbrynet, 2, "elev", start=date(2029, 8, 1), planned_end=date(2031, 6, 30))
        centre = balances(Unit.objects.filter(pk=world.centre_a.pk), DAY)[world.centre_a.pk]
        assert (centre.temporary, centre.ordinary, centre.share, centre.flagged) == (5, 50, Decimal("10.0"), False)

    def test_the_threshold_is_per_unit(self, world):
        hire(world.skovbrynet, 30)
        place(world.skovbrynet, 2, "elev", start=date(2029, 8, 1), planned_end=date(2031, 6, 30))
        Unit.objects.filter(pk=world.skovbrynet.pk).update(balance_threshold=Decimal("5"))
        assert [b.unit for b in flagged_units(Unit.objects.all(), DAY)] == [world.skovbrynet]

    def test_exactly_at_the_threshold_is_not_flagged(self, world):
        hire(world.solsikken, 25)
        place(world.solsikken, 3, "elev", start=date(2029, 8, 1), planned_end=date(2031, 6, 30))
        assert not balances(Unit.objects.filter(pk=world.solsikken.pk), DAY)[world.solsikken.pk].flagged

    def test_temporary_staff_without_ordinary_staff_is_flagged(self, world):
        place(world.aabjerg, 1, "elev", start=date(2029, 8, 1), planned_end=date(2031, 6, 30))
        balance = balances(Unit.objects.filter(pk=world.aabjerg.pk), DAY)[world.aabjerg.pk]
        assert balance.share is None and balance.flagged
