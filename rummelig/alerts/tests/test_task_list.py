"""My tasks: the statements a TR is asked to give, and what HR and leaders wait for."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rummelig.accounts.models import Role
from rummelig.testing import make_placement, make_user

from .conftest import sign

URL = reverse("alerts:tasks")


@pytest.mark.django_db
class TestTaskList:
    def test_the_tr_sees_the_statement_to_give(self, world, login, praktik):
        page = login(world.tr_a).get(URL).content.decode()
        assert "Giv udtalelse om Ådne Ørsted" in page
        assert reverse("alerts:statement", args=[praktik.pk]) in page

    def test_the_task_is_gone_once_a_tr_has_signed(self, world, login, praktik):
        client = login(world.tr_a)
        sign(client, praktik)
        page = client.get(URL).content.decode()
        assert "Du har ingen udtalelser at give." in page
        assert "Udtalelser, du har givet" in page

    def test_a_tr_of_another_workplace_has_no_task(self, world, login, praktik):
        other = make_user("tr_b", "Bent", "Åkjær", Role.TR, world.aabjerg)
        assert "Ådne Ørsted" not in login(other).get(URL).content.decode()

    def test_an_ended_placement_or_one_already_started_is_no_task(self, world, login, today):
        make_placement(world.solsikken, "virksomhedspraktik", start=today - timedelta(days=60), planned_end=today - timedelta(days=35))
        make_placement(world.solsikken, "virksomhedspraktik", start=today - timedelta(days=3), planned_end=today + timedelta(days=20),
                       started_at=timezone.now())
        page = login(world.tr_a).get(URL).content.decode()
        assert "Du har ingen udtalelser at give." in page

    def test_nytteindsats_is_for_information_only(self, world, login, today):
        make_placement(world.solsikken, "nytteindsats", start=today + timedelta(days=5), target_group="kontanthjaelp_jobparat")
        page = login(world.tr_a).get(URL).content.decode()
        assert "Til orientering" in page
        assert "Du har ingen udtalelser at give." in page

    def test_hr_and_the_leder_see_what_waits_for_the_representative(self, world, login, praktik):
        for user in (world.hr, world.leder_a):
            page = login(user).get(URL).content.decode()
            assert "Venter på tillidsrepræsentanten" in page and "Ådne Ørsted" in page
        assert "Ådne Ørsted" not in login(world.leder_b).get(URL).content.decode()

    def test_the_start_page_shows_the_tr_the_task(self, world, login, praktik):
        page = login(world.tr_a).get(reverse("start")).content.decode()
        assert "Mine opgaver" in page
        assert "Giv udtalelse: Ådne Ørsted, Virksomhedspraktik på Solsikken Børnehus" in page

    def test_med_members_have_no_tasks_page(self, world, login):
        assert login(world.med_a).get(URL).status_code == 404

    def test_a_placement_that_began_more_than_30_days_ago_is_no_longer_a_task(self, world, login, today):
        make_placement(world.solsikken, "loentilskud", start=today - timedelta(days=31), planned_end=today + timedelta(days=60),
                       target_group="sygedagpenge")
        assert "Du har ingen udtalelser at give." in login(world.tr_a).get(URL).content.decode()
