"""send_reminders: each responsible person gets their alerts by e-mail, once."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from rummelig.accounts.models import Role, RoleAssignment
from rummelig.alerts.models import SentReminder
from rummelig.testing import make_person, make_placement

TODAY = "2030-06-01"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("send_reminders", "--today", TODAY, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def due(world, jobrotation_reopened):
    return {
        "elev": make_placement(world.solsikken, "elev", person=make_person("Bodil", "Ærtebjerg"),
                               start=date(2028, 8, 1), planned_end=date(2030, 6, 20)),
        "aabjerg": make_placement(world.aabjerg, "elev", person=make_person("Åke", "Søndergård"),
                                  start=date(2028, 8, 1), planned_end=date(2030, 6, 25)),
        "jobrotation": make_placement(world.skovbrynet, "jobrotation", person=make_person("Vibeke", "Vikær"),
                                      start=date(2030, 1, 1)),
        "praktik": make_placement(world.solsikken, "virksomhedspraktik", person=make_person("Kåre", "Dyrløv"),
                                  start=date(2030, 6, 10), planned_end=date(2030, 7, 5), target_group="kontanthjaelp_jobparat"),
    }


@pytest.mark.django_db
class TestSendReminders:
    def test_each_responsible_person_gets_their_alerts(self, world, due):
        out, _ = run()
        by_recipient = {m.to[0]: m for m in mail.outbox}
        assert set(by_recipient) == {"leder_a@kommune.invalid", "leder_b@kommune.invalid", "tr_a@kommune.invalid"}
        leder_a = by_recipient["leder_a@kommune.invalid"]
        assert leder_a.subject == "Rummelig: 2 nye varsler"
        assert "Kære Lars Østergaard" in leder_a.body
        assert "Bodil Ærtebjerg, Elever, Solsikken Børnehus" in leder_a.body
        assert "20. juni 2030: Ansættelsen slutter" in leder_a.body
        assert "30. juni 2030: Maksimal varighed nået" in leder_a.body
        assert "Åke Søndergård" not in leder_a.body
        tr = by_recipient["tr_a@kommune.invalid"]
        assert tr.subject == "Rummelig: 1 nyt varsel"
        assert "10. juni 2030: Tillidsrepræsentantens udtalelse mangler" in tr.body
        assert f"/varsler/udtalelse/{due['praktik'].pk}/" in tr.body
        assert "Sent 3 e-mail(s) with 4 alert(s)." in out

    def test_running_twice_on_the_same_day_sends_each_alert_once(self, world, due):
        run()
        first = len(mail.outbox)
        out, _ = run()
        assert len(mail.outbox) == first
        assert "Sent 0 e-mail(s)" in out
        assert SentReminder.objects.count() == 4

    def test_a_later_day_sends_only_what_is_new(self, world, due):
        run()
        mail.outbox.clear()
        make_placement(world.aabjerg, "elev", person=make_person("Ølga", "Ravnsø"), start=date(2028, 8, 1), planned_end=date(2030, 6, 28))
        call_command("send_reminders", "--today", "2030-06-02", stdout=StringIO())
        assert [m.to for m in mail.outbox] == [["leder_b@kommune.invalid"]]
        assert "Ølga Ravnsø" in mail.outbox[0].body and "Åke Søndergård" not in mail.outbox[0].body

    def test_dry_run_sends_and_records_nothing(self, world, due):
        out, _ = run("--dry-run")
        assert mail.outbox == [] and not SentReminder.objects.exists()
        assert "Would e-mail leder_a@kommune.invalid (leder_a): 2 alert(s)" in out
        assert "Dry run: 3 e-mail(s) would be sent" in out

    def test_hr_gets_the_alerts_of_a_unit_without_a_leder(self, world, due):
        RoleAssignment.objects.filter(user=world.leder_b, role=Role.LEDER).delete()
        run()
        assert "Åke Søndergård" in next(m for m in mail.outbox if m.to == ["hr@kommune.invalid"]).body

    def test_a_user_without_an_address_is_reported(self, world, due):
        world.leder_b.email = ""
        world.leder_b.save()
        _, err = run()
        assert "leder_b has alerts but no e-mail address" in err
        assert not SentReminder.objects.filter(user=world.leder_b).exists()

    def test_a_bad_date_is_refused(self):
        with pytest.raises(CommandError, match="YYYY-MM-DD"):
            call_command("send_reminders", "--today", "1. juni", stdout=StringIO())
