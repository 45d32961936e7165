"""Overdue documentation requests are alerts for the procurement officer: on the register page and by e-mail, once."""

from datetime import date
from io import StringIO

from django.core import mail
from django.core.management import call_command

from rummelig.procurement.models import DocumentationRequest


def overdue(tender):
    return DocumentationRequest.objects.create(
        tender=tender, kind=DocumentationRequest.Kind.PAY_SLIPS, requested_on=date(2026, 1, 5), deadline=date(2026, 1, 19))


def test_an_overdue_request_is_e_mailed_to_the_officer_once(officer, services_tender):
    overdue(services_tender)
    DocumentationRequest.objects.create(  # received: no alert
        tender=services_tender, kind=DocumentationRequest.Kind.CONTRACTS, requested_on=date(2026, 1, 5), deadline=date(2026, 1, 19),
        received_on=date(2026, 1, 12))
    call_command("send_reminders", today="2026-02-01", stdout=StringIO())
    sent = [m for m in mail.outbox if m.to == [officer.email]]
    assert len(sent) == 1
    assert "Rengøring af Skovbrynet Skole" in sent[0].body and "Lønsedler" in sent[0].body
    assert "Ansættelseskontrakter" not in sent[0].body
    call_command("send_reminders", today="2026-02-02", stdout=StringIO())
    assert len([m for m in mail.outbox if m.to == [officer.email]]) == 1


def test_the_dry_run_sends_nothing(officer, services_tender):
    overdue(services_tender)
    out = StringIO()
    call_command("send_reminders", today="2026-02-01", dry_run=True, stdout=out)
    assert mail.outbox == []
    assert "indkoeb" in out.getvalue()


def test_a_request_not_yet_due_is_no_alert(officer, services_tender):
    overdue(services_tender)
    call_command("send_reminders", today="2026-01-19", stdout=StringIO())
    assert mail.outbox == []


def test_the_register_page_shows_the_overdue_request(login, officer, services_tender):
    overdue(services_tender)
    page = login(officer).get("/indkoeb/").content.decode()
    assert "overskredet" in page or "frist" in page
    assert "Lønsedler" in page
