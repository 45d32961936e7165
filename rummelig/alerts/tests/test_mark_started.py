"""Marking a placement started: only with the employee representative's statement, by HR or a leder."""

from datetime import timedelta

import pytest
from django.urls import reverse

from rummelig.audit.models import AuditEntry
from rummelig.placements.models import Placement
from rummelig.testing import make_placement

from .conftest import sign


def start(client, placement):
    return client.post(reverse("alerts:mark_started", args=[placement.pk]), follow=True)


@pytest.mark.django_db
class TestMarkStarted:
    def test_a_placement_without_the_statement_cannot_be_marked_started(self, world, login, praktik):
        response = start(login(world.hr), praktik)
        praktik.refresh_from_db()
        assert praktik.started_at is None
        assert (
            "Ansættelsen af Ådne Ørsted kan ikke markeres som startet: tillidsrepræsentantens udtalelse for Solsikken Børnehus "
            "mangler (BEK § 65, stk. 6 og LAB § 78)." in response.content.decode()
        )

    def test_with_the_statement_hr_marks_it_started_and_it_is_audited(self, world, login, praktik):
        sign(login(world.tr_a), praktik)
        response = start(login(world.hr), praktik)
        praktik.refresh_from_db()
        assert praktik.started_at is not None
        page = response.content.decode()
        assert "Ansættelsen af Ådne Ørsted er markeret som startet." in page
        assert "Markeret som startet" in page
        entry = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE, object_type="placement", object_id=str(praktik.pk)).get()
        assert entry.changes["started_at"][0] is None

    def test_a_leder_of_the_unit_may_mark_it_started(self, world, login, praktik):
        sign(login(world.tr_a), praktik)
        start(login(world.leder_a), praktik)
        assert Placement.objects.get(pk=praktik.pk).started_at is not None

    def test_the_tr_a_leder_of_another_centre_and_med_cannot(self, world, login, praktik):
        sign(login(world.tr_a), praktik)
        for user in (world.tr_a, world.leder_b, world.med_a, world.auditor):
            assert login(user).post(reverse("alerts:mark_started", args=[praktik.pk])).status_code == 404
        assert Placement.objects.get(pk=praktik.pk).started_at is None

    def test_a_scheme_without_a_statement_starts_right_away(self, world, login, today):
        placement = make_placement(world.solsikken, "fleksjob", start=today, target_group="ledighedsydelse")
        start(login(world.hr), placement)
        assert Placement.objects.get(pk=placement.pk).started_at is not None

    def test_nytteindsats_after_the_arbejdspligt_law_needs_no_statement(self, world, login, today):
        placement = make_placement(world.solsikken, "nytteindsats", start=today + timedelta(days=2), target_group="kontanthjaelp_jobparat")
        page = login(world.hr).get(reverse("placements:detail", args=[placement.pk])).content.decode()
        assert "ingen udtalelse er nødvendig" in page
        start(login(world.hr), placement)
        assert Placement.objects.get(pk=placement.pk).started_at is not None

    def test_the_placement_page_shows_the_missing_statement_and_the_button(self, world, login, praktik):
        page = login(world.hr).get(reverse("placements:detail", args=[praktik.pk])).content.decode()
        assert "Den er ikke afgivet endnu." in page
        assert "Markér som startet" in page
        assert "Markér som startet" not in login(world.tr_a).get(reverse("placements:detail", args=[praktik.pk])).content.decode()

    def test_get_is_not_allowed(self, world, login, praktik):
        assert login(world.hr).get(reverse("alerts:mark_started", args=[praktik.pk])).status_code == 405
