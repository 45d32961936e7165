"""HR sees which TR covers a workplace and e-mails them a reminder of a statement still missing (issue 10)."""

import pytest
from django.core import mail
from django.urls import reverse

from rummelig.accounts.models import Role
from rummelig.alerts.models import RepresentativeReminder, StatementRoute
from rummelig.audit.models import AuditEntry
from rummelig.testing import make_user

from .conftest import sign


def remind(client, placement):
    return client.post(reverse("alerts:remind_representative", args=[placement.pk]))


@pytest.mark.django_db
class TestWhoCovers:
    def test_the_placement_page_names_the_tr_of_the_workplace_nearest_first(self, world, login, praktik):
        make_user("tr_centre", "Carl", "Centersen", Role.TR, world.centre_a)
        page = login(world.hr).get(reverse("placements:detail", args=[praktik.pk])).content.decode()
        covers = page[page.index('data-testid="representatives"'):]
        covers = covers[:covers.index("</p>")]
        assert "Tillidsrepræsentant for arbejdspladsen:" in covers
        assert covers.index("Tove Riis") < covers.index("Carl Centersen")
        assert "tr_a@kommune.invalid" in covers

    def test_the_workplace_page_names_its_tr(self, world, login):
        page = login(world.leder_a).get(reverse("organisation:detail", args=[world.solsikken.pk])).content.decode()
        assert "Tillidsrepræsentanter" in page and "Tove Riis" in page
        other = login(world.leder_a).get(reverse("organisation:detail", args=[world.skovbrynet.pk])).content.decode()
        assert "Ingen tillidsrepræsentant dækker arbejdspladsen i Rummelig." in other


@pytest.mark.django_db
class TestReminder:
    def test_each_click_sends_one_email_to_the_tr_audited_and_shown(self, world, login, praktik):
        client = login(world.hr)
        response = remind(client, praktik)
        assert response.status_code == 302
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["tr_a@kommune.invalid"]
        assert "Solsikken Børnehus" in message.subject
        assert reverse("alerts:statement", args=[praktik.pk]) in message.body
        assert "Ådne Ørsted" not in message.body and "støj" not in message.body  # no person's data by e-mail
        reminder = RepresentativeReminder.objects.get()
        assert (reminder.placement, reminder.sent_by, reminder.recipients) == (praktik, world.hr, "Tove Riis")
        assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_type="representativereminder", user=world.hr).exists()
        page = client.get(reverse("placements:detail", args=[praktik.pk])).content.decode()
        assert "Sidst påmindet den" in page and "(Tove Riis)" in page
        remind(client, praktik)
        assert len(mail.outbox) == 2 and RepresentativeReminder.objects.count() == 2

    def test_a_routed_statement_reminds_the_chosen_representative_only(self, world, login, praktik):
        ftr = make_user("ftr", "Finn", "Fællesen", Role.TR, world.aabjerg)
        StatementRoute.objects.create(placement=praktik, giver=ftr, basis="ftr", tr_absent=True, routed_by=world.hr)
        remind(login(world.hr), praktik)
        assert [m.to for m in mail.outbox] == [["ftr@kommune.invalid"]]

    def test_without_a_reachable_tr_hr_is_told_what_to_do(self, world, login, praktik):
        world.tr_a.email = ""
        world.tr_a.save()
        response = login(world.hr).post(reverse("alerts:remind_representative", args=[praktik.pk]), follow=True)
        assert "Ingen repræsentant med en e-mailadresse afgiver udtalelsen for Solsikken Børnehus." in response.content.decode()
        assert not mail.outbox and not RepresentativeReminder.objects.exists()

    def test_no_reminder_once_the_statement_is_given(self, world, login, praktik):
        sign(login(world.tr_a), praktik)
        assert remind(login(world.hr), praktik).status_code == 404
        assert not mail.outbox

    def test_a_get_sends_nothing(self, world, login, praktik):
        assert login(world.hr).get(reverse("alerts:remind_representative", args=[praktik.pk])).status_code == 405
        assert not mail.outbox
