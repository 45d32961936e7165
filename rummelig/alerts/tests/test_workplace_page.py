"""The rimelighedskrav and net expansion on a workplace's page."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from .conftest import hire, place


@pytest.mark.django_db
class TestWorkplacePage:
    def test_the_workplace_page_shows_the_ratio_and_net_expansion(self, world, login, today):
        hire(world.solsikken, 25, start=date(2020, 1, 1))
        place(world.solsikken, 3, start=today - timedelta(days=3), planned_end=today + timedelta(days=20))
        page = login(world.leder_a).get(reverse("organisation:detail", args=[world.solsikken.pk])).content.decode()
        assert 'data-testid="ratio-now">3 / 5<' in page
        assert "ved 25,0 ordinært ansatte" in page
        assert "Rimelighedskravet er opfyldt i dag." in page
        assert "Personalet er ikke skrumpet" in page

    def test_the_tr_sees_the_ratio_of_own_workplace(self, world, login, today):
        hire(world.solsikken, 9, start=date(2020, 1, 1))
        page = login(world.tr_a).get(reverse("organisation:detail", args=[world.solsikken.pk])).content.decode()
        assert 'data-testid="ratio-now">0 / 1<' in page

    def test_med_members_see_no_ratio(self, world, login):
        page = login(world.med_a).get(reverse("organisation:detail", args=[world.solsikken.pk])).content.decode()
        assert 'data-testid="ratio-panel"' not in page

    def test_a_centre_page_has_no_ratio_but_a_balance(self, world, login):
        page = login(world.hr).get(reverse("organisation:detail", args=[world.centre_a.pk])).content.decode()
        assert 'data-testid="ratio-panel"' not in page and 'data-testid="balance-panel"' in page
