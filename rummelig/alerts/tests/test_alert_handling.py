"""Alerts can be marked handled (with a note) or postponed until a date, each user for themselves, audited."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from rummelig.alerts.models import AlertHandling
from rummelig.audit.models import AuditEntry
from rummelig.testing import make_person, make_placement

URL = reverse("alerts:list")


@pytest.fixture
def ending(world, today):
    """An elev at Solsikken ending in 10 days: one alert, "Ansættelsen slutter"."""
    return make_placement(world.solsikken, "elev", person=make_person("Bodil", "Ærtebjerg"),
                          start=today - timedelta(days=700), planned_end=today + timedelta(days=10))


def handle(client, placement, due, **data):
    return client.post(reverse("alerts:handle"), {"placement": placement.pk, "kind": "placement_ends", "due": due.isoformat(), **data})


@pytest.mark.django_db
class TestAlertHandling:
    def test_marked_handled_it_leaves_my_list_but_not_my_colleagues(self, world, ending, today, login):
        due = today + timedelta(days=10)
        hr = login(world.hr)
        assert "Bodil Ærtebjerg" in hr.get(URL).content.decode()
        response = handle(hr, ending, due, state="handled", note="Forlængelse aftalt med jobcentret.")
        assert response.status_code == 302
        page = hr.get(URL).content.decode()
        assert "Bodil Ærtebjerg" not in page
        assert "1 varsel, du har håndteret eller udskudt, vises ikke." in page
        shown = hr.get(URL, {"show_handled": "on"}).content.decode()
        assert "Bodil Ærtebjerg" in shown and "Håndteret" in shown and "Forlængelse aftalt med jobcentret." in shown
        assert "Bodil Ærtebjerg" in login(world.leder_a).get(URL).content.decode()

    def test_postponed_it_comes_back_on_the_date(self, world, ending, today, login):
        due = today + timedelta(days=10)
        hr = login(world.hr)
        handle(hr, ending, due, state="postponed", postponed_until=(today + timedelta(days=3)).isoformat())
        assert "Bodil Ærtebjerg" not in hr.get(URL).content.decode()
        AlertHandling.objects.update(postponed_until=today)  # the day has come
        assert "Bodil Ærtebjerg" in hr.get(URL).content.decode()

    def test_handled_needs_a_note_and_postponed_a_later_date(self, world, ending, today, login):
        due = today + timedelta(days=10)
        hr = login(world.hr)
        content = handle(hr, ending, due, state="handled", note=" ").content.decode()
        assert "Skriv hvad der er gjort." in content
        content = handle(hr, ending, due, state="postponed", postponed_until=today.isoformat()).content.decode()
        assert "Vælg en dato efter i dag." in content
        assert not AlertHandling.objects.exists()

    def test_it_is_audited_and_can_be_opened_again(self, world, ending, today, login):
        due = today + timedelta(days=10)
        hr = login(world.hr)
        handle(hr, ending, due, state="handled", note="Klaret.")
        entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE, object_type="alerthandling")
        assert entry.user == world.hr and entry.changes["note"] == [None, "Klaret."]
        handle(hr, ending, due, reopen="1")
        assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE, object_type="alerthandling").exists()
        assert "Bodil Ærtebjerg" in hr.get(URL).content.decode()

    def test_no_one_handles_an_alert_outside_their_units_or_one_that_does_not_exist(self, world, ending, today, login):
        due = today + timedelta(days=10)
        assert handle(login(world.leder_b), ending, due, state="handled", note="x").status_code == 404
        assert handle(login(world.hr), ending, due + timedelta(days=1), state="handled", note="x").status_code == 404
        assert login(world.med_a).get(reverse("alerts:handle"), {"placement": ending.pk, "kind": "placement_ends",
                                                                  "due": due.isoformat()}).status_code == 404
        assert not AlertHandling.objects.exists()

    def test_a_handled_alert_is_not_e_mailed_to_that_user(self, world, ending, today, login):
        leder = login(world.leder_a)
        handle(leder, ending, today + timedelta(days=10), state="handled", note="Klaret.")
        call_command("send_reminders", "--today", today.isoformat())
        assert "leder_a@kommune.invalid" not in [address for message in mail.outbox for address in message.to]
        handle(leder, ending, today + timedelta(days=10), reopen="1")
        call_command("send_reminders", "--today", today.isoformat())
        assert "leder_a@kommune.invalid" in [address for message in mail.outbox for address in message.to]
