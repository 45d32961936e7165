"""Marking a placement started: only with the employee representative's statement, by HR or a leder."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from rummelig.audit.models import AuditEntry
from rummelig.core.formats import long_date
from rummelig.placements.models import Placement
from rummelig.placements.validation import Proposal, validate_placement
from rummelig.testing import make_placement

from .conftest import sign, start_day_arrives


def start(client, placement):
    return client.post(reverse("alerts:mark_started", args=[placement.pk]), follow=True)


def validate(placement, **changes):
    values = {name: getattr(placement, name) for name in (
        "scheme", "workplace", "target_group", "start", "planned_end", "actual_end", "extension_reason", "outcome")}
    values.update(changes)
    with override("da"):
        return validate_placement(Proposal(**values, placement=placement, person=placement.person)).errors


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
        start_day_arrives(praktik)
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
        start_day_arrives(praktik)
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
        start_day_arrives(placement)
        start(login(world.hr), placement)
        assert Placement.objects.get(pk=placement.pk).started_at is not None

    def test_the_placement_page_shows_the_missing_statement_and_the_button(self, world, login, praktik):
        page = login(world.hr).get(reverse("placements:detail", args=[praktik.pk])).content.decode()
        assert "Den er ikke afgivet endnu." in page
        assert "Markér som startet" in page
        assert "Markér som startet" not in login(world.tr_a).get(reverse("placements:detail", args=[praktik.pk])).content.decode()

    def test_a_placement_cannot_be_marked_started_before_its_start_date(self, world, login, praktik, today):
        sign(login(world.tr_a), praktik)
        page = login(world.hr).get(reverse("placements:detail", args=[praktik.pk])).content.decode()
        starts = praktik.start
        assert f"Muligt fra startdatoen, {starts.day}." in page
        response = start(login(world.hr), praktik)
        praktik.refresh_from_db()
        assert praktik.started_at is None
        page = response.content.decode()
        assert "Ansættelsen af Ådne Ørsted kan ikke markeres som startet før startdatoen" in page
        assert "er markeret som startet" not in page
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE, object_id=str(praktik.pk)).exists()

    def test_on_the_start_date_it_is_marked_started_and_reads_active(self, world, login, praktik, today):
        sign(login(world.tr_a), praktik)
        start_day_arrives(praktik)
        start(login(world.hr), praktik)
        praktik.refresh_from_db()
        assert timezone.localdate(praktik.started_at) >= praktik.start == today
        page = login(world.hr).get(reverse("placements:detail", args=[praktik.pk])).content.decode()
        assert 'data-testid="status">Planlagt<' not in page
        assert 'data-testid="status">Ophører snart<' in page  # four weeks of praktik: active and ending soon

    def test_the_start_date_cannot_be_moved_after_the_day_it_was_started(self, world, login, praktik, today):
        sign(login(world.tr_a), praktik)
        start_day_arrives(praktik)
        start(login(world.hr), praktik)
        praktik.refresh_from_db()
        errors = validate(praktik, start=today + timedelta(days=3))
        assert errors["start"] == [
            f"Ansættelsen blev markeret som startet den {long_date(today)}, så den kan ikke starte senere "
            f"(startdato: {long_date(today + timedelta(days=3))})."
        ]
        assert validate(praktik, start=today - timedelta(days=3)).get("start") is None

    def test_get_is_not_allowed(self, world, login, praktik):
        assert login(world.hr).get(reverse("alerts:mark_started", args=[praktik.pk])).status_code == 405
