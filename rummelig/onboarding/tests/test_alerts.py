"""Overdue checklist items and missing evaluations are alerts: on the leder's list and e-mailed once by send_reminders."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from rummelig.alerts.deadlines import alerts_for
from rummelig.onboarding.alerts import CHECKLIST_OVERDUE, EVALUATION_MISSING
from rummelig.onboarding.models import Evaluation
from rummelig.placements.models import Placement
from rummelig.testing import make_placement

pytestmark = pytest.mark.django_db


def kinds(alerts, placement):
    return {(a.kind, a.due) for a in alerts if a.placement.pk == placement.pk}


def test_an_item_not_done_by_its_due_day_is_an_alert_and_goes_when_ticked(world, today):
    placement = make_placement(world.solsikken, "virksomhedspraktik", start=today - timedelta(days=10))
    late = placement.checklist.items.filter(due__lt=today)
    assert late.exists()
    found = kinds(alerts_for(Placement.objects.all(), today), placement)
    assert {(CHECKLIST_OVERDUE, d) for d in late.values_list("due", flat=True)} <= found
    late.update(done_on=today)
    assert not {k for k, _d in kinds(alerts_for(Placement.objects.all(), today), placement)} & {CHECKLIST_OVERDUE}


def test_an_item_not_yet_due_is_no_alert(world, today):
    placement = make_placement(world.solsikken, "virksomhedspraktik", start=today + timedelta(days=30))
    assert CHECKLIST_OVERDUE not in {k for k, _d in kinds(alerts_for(Placement.objects.all(), today), placement)}


def test_a_skaanejob_evaluation_not_recorded_after_six_months_is_an_alert_until_it_is(world, today):
    start = today - timedelta(days=200)
    placement = make_placement(world.aabjerg, "skaanejob", start=start)
    placement.checklist.items.update(done_on=today)
    found = kinds(alerts_for(Placement.objects.all(), today), placement)
    assert any(kind == EVALUATION_MISSING for kind, _due in found)
    Evaluation.objects.create(placement=placement, held_on=today - timedelta(days=20), participants="Leder, medarbejder",
                              next_step="Fortsætter")
    assert EVALUATION_MISSING not in {k for k, _d in kinds(alerts_for(Placement.objects.all(), today), placement)}


@pytest.mark.parametrize("max_ids", [1000, 0], ids=["ids in the query", "many placements: filtered in Python"])
def test_the_alerts_are_the_same_however_many_placements_are_asked_about(world, today, monkeypatch, max_ids):
    monkeypatch.setattr("rummelig.onboarding.alerts.MAX_IDS_IN_QUERY", max_ids)
    late = make_placement(world.solsikken, "virksomhedspraktik", start=today - timedelta(days=10))
    evaluated = make_placement(world.aabjerg, "skaanejob", start=today - timedelta(days=200))
    missing = make_placement(world.aabjerg, "skaanejob", start=today - timedelta(days=200))
    for placement in (evaluated, missing):
        placement.checklist.items.update(done_on=today)
    Evaluation.objects.create(placement=evaluated, held_on=today - timedelta(days=20), participants="Leder, medarbejder",
                              next_step="Fortsætter")
    ended_long_ago = make_placement(world.aabjerg, "skaanejob", start=today - timedelta(days=900),
                                    actual_end=today - timedelta(days=400))

    found = alerts_for(Placement.objects.all(), today)
    only_late = alerts_for(Placement.objects.filter(pk=late.pk), today)

    assert {k for k, _d in kinds(found, late)} >= {CHECKLIST_OVERDUE} and kinds(only_late, late) == kinds(found, late)
    assert EVALUATION_MISSING not in {k for k, _d in kinds(found, evaluated)}
    assert EVALUATION_MISSING in {k for k, _d in kinds(found, missing)}
    assert not kinds(found, ended_long_ago)


def test_the_leder_sees_the_alert_and_the_tr_does_not(world, login, today):
    placement = make_placement(world.solsikken, "virksomhedspraktik", start=today - timedelta(days=10))
    leder_page = login(world.leder_a).get(reverse("alerts:list")).content.decode()
    assert "Punkter på modtagelsestjeklisten er overskredet" in leder_page
    tr = login(world.tr_a).get(reverse("alerts:list"))
    assert CHECKLIST_OVERDUE not in {row["alert"].kind for row in tr.context["rows"]}
    assert placement.pk


def test_send_reminders_mails_the_overdue_items_to_the_leder_once(world, today):
    make_placement(world.solsikken, "virksomhedspraktik", start=today - timedelta(days=10))
    call_command("send_reminders", stdout=StringIO())
    to_leder = [m for m in mail.outbox if world.leder_a.email in m.to]
    assert to_leder and "Punkter på modtagelsestjeklisten er overskredet" in to_leder[0].body
    mail.outbox.clear()
    call_command("send_reminders", stdout=StringIO())
    assert not [m for m in mail.outbox if world.leder_a.email in m.to]


def test_a_handled_checklist_alert_can_be_opened_from_the_list(world, login, today):
    placement = make_placement(world.solsikken, "virksomhedspraktik", start=today - timedelta(days=10))
    due = placement.checklist.items.filter(due__lt=today).order_by("due").first().due
    response = login(world.leder_a).get(reverse("alerts:handle"), {"placement": placement.pk, "kind": CHECKLIST_OVERDUE, "due": due.isoformat()})
    assert response.status_code == 200


def test_the_evaluation_due_reminder_goes_when_the_evaluation_is_recorded(world, today):
    from rummelig.rules.deadlines import EVALUATION_DUE

    placement = make_placement(world.aabjerg, "skaanejob", start=today - timedelta(days=170))
    placement.checklist.items.update(done_on=today)
    assert EVALUATION_DUE in {k for k, _d in kinds(alerts_for(Placement.objects.all(), today), placement)}
    Evaluation.objects.create(placement=placement, held_on=today, participants="Leder og medarbejder", next_step="Som nu")
    assert EVALUATION_DUE not in {k for k, _d in kinds(alerts_for(Placement.objects.all(), today), placement)}
