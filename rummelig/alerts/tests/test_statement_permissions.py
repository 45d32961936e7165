"""Every new statement page and operation, requested as every persona: only those allowed get it, the rest 404.

HR records paper statements, routes statements and sends reminders; a scan is for those who may
see the placement; a leder (even of the unit), a TR, a MED member, an auditor and an outsider get
404 from HR's operations, and nothing is written.
"""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rummelig.accounts.models import Role
from rummelig.alerts.models import RepresentativeReminder, Statement, StatementRoute
from rummelig.testing import make_user

PDF = b"%PDF-1.4\n%%EOF\n"
PERSONAS = ["hr", "leder_a", "leder_b", "tr_a", "med_a", "auditor", "outsider"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def paper_data():
    return {"ratio_ok": "ja", "merbeskaeftigelse_ok": "ikke_relevant", "colleagues_positive": "ja", "comment": "",
            "signed_name": "Karen Kold", "signed_on": "2026-01-05", "scan": SimpleUploadedFile("s.pdf", PDF, "application/pdf")}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_hr_only_operations(world, login, praktik, persona):
    client = login(getattr(world, persona))
    ftr = make_user("ftr", "Finn", "Fællesen", Role.TR, world.aabjerg)
    requests = [
        ("get", reverse("alerts:paper_statement", args=[praktik.pk]), {}),
        ("get", reverse("alerts:route_statement", args=[praktik.pk]), {}),
        ("post", reverse("alerts:remind_representative", args=[praktik.pk]), {}),
        ("post", reverse("alerts:route_statement", args=[praktik.pk]), {"basis": "ftr", "giver": ftr.pk, "tr_absent": "on"}),
        ("post", reverse("alerts:paper_statement", args=[praktik.pk]), paper_data()),
    ]
    for method, url, data in requests:
        status = getattr(client, method)(url, data).status_code
        if persona == "hr":
            assert status in (200, 302), (url, status)
        else:
            assert status == 404, (persona, url, status)
    written = (Statement.objects.exists(), StatementRoute.objects.exists(), RepresentativeReminder.objects.exists(), bool(mail.outbox))
    assert written == ((True,) * 4 if persona == "hr" else (False,) * 4)


@pytest.mark.django_db
@pytest.mark.parametrize("persona, allowed", [
    ("hr", True), ("leder_a", True), ("auditor", True), ("tr_a", True),
    ("leder_b", False), ("med_a", False), ("outsider", False),
])
def test_the_scan(world, login, praktik, persona, allowed):
    assert login(world.hr).post(reverse("alerts:paper_statement", args=[praktik.pk]), paper_data()).status_code == 302
    status = login(getattr(world, persona)).get(reverse("alerts:statement_scan", args=[praktik.pk])).status_code
    assert status == (200 if allowed else 404)


@pytest.mark.django_db
def test_a_tr_elsewhere_sees_a_statement_only_when_it_is_routed_to_them(world, login, praktik):
    ftr = make_user("ftr", "Finn", "Fællesen", Role.TR, world.aabjerg)
    client = login(ftr)
    for name in ("alerts:statement", "alerts:statement_pdf", "alerts:statement_scan"):
        assert client.get(reverse(name, args=[praktik.pk])).status_code == 404
    assert reverse("alerts:statement", args=[praktik.pk]) not in client.get(reverse("alerts:tasks")).content.decode()
    StatementRoute.objects.create(placement=praktik, giver=ftr, basis="ftr", tr_absent=True, routed_by=world.hr)
    assert client.get(reverse("alerts:statement", args=[praktik.pk])).status_code == 200
    assert client.get(reverse("placements:detail", args=[praktik.pk])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["med_a", "outsider"])
def test_the_task_list_stays_404_for_those_without_a_statement_to_give(world, login, persona):
    assert login(getattr(world, persona)).get(reverse("alerts:tasks")).status_code == 404
