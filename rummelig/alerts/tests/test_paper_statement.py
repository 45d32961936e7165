"""HR records a statement the TR signed on paper, with its scan; the placement can then be started (issue 10)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rummelig.alerts.models import Statement
from rummelig.audit.models import AuditEntry

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def url(placement):
    return reverse("alerts:paper_statement", args=[placement.pk])


def paper(client, placement, scan=None, **overrides):
    data = {
        "ratio_ok": "ja", "merbeskaeftigelse_ok": "ikke_relevant", "colleagues_positive": "ja",
        "comment": "Underskrevet på personalemødet.", "signed_name": "Karen Kold", "signed_on": "2026-01-05",
        "scan": scan if scan is not None else SimpleUploadedFile("Ådne Ørsted udtalelse.pdf", PDF, "application/pdf"),
    }
    data.update(overrides)
    return client.post(url(placement), data)


@pytest.mark.django_db
class TestPaperStatement:
    def test_hr_records_it_and_the_placement_can_then_be_started(self, world, login, praktik, media, today):
        praktik.start = today  # a placement is started on or after its start date
        praktik.save()
        client = login(world.hr)
        start = reverse("alerts:mark_started", args=[praktik.pk])
        client.post(start)
        praktik.refresh_from_db()
        assert praktik.started_at is None  # no statement yet
        response = paper(client, praktik, signed_on=(today - timedelta(days=1)).isoformat())
        assert response.status_code == 302
        given = Statement.objects.get(placement=praktik)
        assert given.on_paper and given.representative is None and given.recorded_by == world.hr
        assert given.signed_name == "Karen Kold" and given.signed_at.date() == today - timedelta(days=1)
        assert given.figures["ratio"]["allowed"] == 2
        # Stored under MEDIA_ROOT with a random name: the uploader's file name held the person's name.
        assert given.scan.name.startswith("statements/") and given.scan.name.endswith(".pdf")
        assert "rsted" not in given.scan.name
        assert (media / given.scan.name).read_bytes() == PDF
        assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_type="statement", user=world.hr).exists()
        page = client.get(reverse("placements:detail", args=[praktik.pk])).content.decode()
        assert "underskrevet på papir af Karen Kold" in page and "registreret af Hanne Rasmussen" in page
        client.post(start)
        praktik.refresh_from_db()
        assert praktik.started_at is not None  # the paper statement counts as given

    def test_the_statement_page_and_pdf_say_it_was_on_paper(self, world, login, praktik):
        paper(login(world.hr), praktik)
        page = login(world.hr).get(reverse("alerts:statement", args=[praktik.pk])).content.decode()
        assert "På papir; registreret af Hanne Rasmussen" in page
        assert reverse("alerts:statement_scan", args=[praktik.pk]) in page
        assert login(world.hr).get(reverse("alerts:statement_pdf", args=[praktik.pk])).status_code == 200

    def test_the_tr_no_longer_has_the_task(self, world, login, praktik):
        link = reverse("alerts:statement", args=[praktik.pk])
        assert link in login(world.tr_a).get(reverse("alerts:tasks")).content.decode()
        paper(login(world.hr), praktik)
        assert link not in login(world.tr_a).get(reverse("alerts:tasks")).content.decode()

    @pytest.mark.parametrize("scan, message", [
        (SimpleUploadedFile("udtalelse.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"), "Scanningen skal være en PDF-, PNG- eller JPEG-fil."),
        (SimpleUploadedFile("udtalelse.html", b"<html><script>alert(1)</script>", "text/html"), "Scanningen skal være en PDF-, PNG- eller JPEG-fil."),
        (SimpleUploadedFile("tom.pdf", b"", "application/pdf"), "Scanningen er en tom fil."),
    ])
    def test_a_scan_of_the_wrong_type_is_refused_in_danish(self, world, login, praktik, media, scan, message):
        response = paper(login(world.hr), praktik, scan=scan)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Statement.objects.exists()
        assert not (media / "statements").exists() or not any((media / "statements").iterdir())

    def test_a_scan_too_large_is_refused_with_its_size(self, world, login, praktik, settings):
        settings.STATEMENT_SCAN_MAX_BYTES = 1024
        response = paper(login(world.hr), praktik, scan=SimpleUploadedFile("stor.pdf", PDF + b"0" * 2048, "application/pdf"))
        page = response.content.decode()
        assert response.status_code == 200 and "Scanningen er 2,0\xa0KB; den må højst være 1,0\xa0KB." in page
        assert not Statement.objects.exists()

    def test_every_field_is_required_with_a_danish_message(self, world, login, praktik):
        response = login(world.hr).post(url(praktik), {})
        page = response.content.decode()
        for message in ("Svar på, om rimelighedskravet er opfyldt.", "Skriv navnet på den repræsentant, der har underskrevet.",
                        "Skriv datoen for underskriften.", "Vedhæft scanningen af den underskrevne udtalelse."):
            assert message in page, message

    def test_a_date_in_the_future_is_refused(self, world, login, praktik, today):
        response = paper(login(world.hr), praktik, signed_on=(today + timedelta(days=1)).isoformat())
        assert "Datoen for underskriften kan ikke ligge i fremtiden." in response.content.decode()

    def test_a_given_statement_cannot_be_overwritten_from_paper(self, world, login, praktik):
        from .conftest import sign

        sign(login(world.tr_a), praktik)
        assert paper(login(world.hr), praktik).status_code == 404
        assert Statement.objects.get().signed_name == "Tove Riis"


@pytest.mark.django_db
class TestScan:
    def test_those_who_see_the_placement_get_the_scan_and_it_is_audited(self, world, login, praktik):
        paper(login(world.hr), praktik, scan=SimpleUploadedFile("u.png", PNG, "image/png"))
        for user in (world.hr, world.leder_a, world.auditor, world.tr_a):
            response = login(user).get(reverse("alerts:statement_scan", args=[praktik.pk]))
            assert response.status_code == 200, user
            assert response["Content-Type"] == "image/png"
            assert b"".join(response.streaming_content) == PNG
            assert AuditEntry.objects.filter(action=AuditEntry.Action.VIEW, object_type="statement", user=user,
                                             detail="scanningen af papirudtalelsen").exists()

    @pytest.mark.parametrize("persona", ["leder_b", "med_a", "outsider"])
    def test_others_get_404_and_nothing_is_audited(self, world, login, praktik, persona):
        paper(login(world.hr), praktik)
        assert login(getattr(world, persona)).get(reverse("alerts:statement_scan", args=[praktik.pk])).status_code == 404
        assert not AuditEntry.objects.filter(detail="scanningen af papirudtalelsen").exists()

    def test_a_statement_signed_in_rummelig_has_no_scan(self, world, login, praktik):
        from .conftest import sign

        sign(login(world.tr_a), praktik)
        assert login(world.hr).get(reverse("alerts:statement_scan", args=[praktik.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_scan_is_deleted_from_disk_with_its_placement_and_kept_when_the_deletion_is_rolled_back(world, login, praktik, media):
    from django.db import transaction

    assert paper(login(world.hr), praktik).status_code == 302
    stored = media / Statement.objects.get(placement=praktik).scan.name
    assert stored.exists()
    placements = type(praktik).objects.filter(pk=praktik.pk)
    with pytest.raises(RuntimeError), transaction.atomic():
        placements.delete()
        raise RuntimeError("rolled back")
    assert stored.exists()
    placements.delete()  # as an import does when payroll no longer has the placement
    assert not Statement.objects.exists()
    assert not stored.exists()
