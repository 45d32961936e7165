"""The signed statement as a PDF for the case file: it opens, and holds the names and the answers."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from rummelig.audit.models import AuditEntry

from .conftest import sign


def pdf_text(response):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@pytest.mark.django_db
class TestStatementPdf:
    def test_the_pdf_has_the_names_the_answers_and_the_signature(self, world, login, praktik):
        sign(login(world.tr_a), praktik, ratio_ok="ja", colleagues_positive="nej", comment="Én kollega er bekymret for støj.")
        response = login(world.hr).get(reverse("alerts:statement_pdf", args=[praktik.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        text = pdf_text(response)
        for expected in ("Tillidsrepræsentantens udtalelse", "Ådne Ørsted", "Virksomhedspraktik", "Solsikken Børnehus",
                         "1012345678", "Er rimelighedskravet opfyldt?", "Er kollegerne positive?", "Nej",
                         "Én kollega er bekymret for støj.", "Tove Riis", "tr_a"):
            assert expected in text, expected
        assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, object_type="statement").exists()

    def test_the_pdf_leaves_out_health_details(self, world, login, praktik):
        sign(login(world.tr_a), praktik)
        text = pdf_text(login(world.tr_a).get(reverse("alerts:statement_pdf", args=[praktik.pk])))
        assert "støj" not in text.replace("Kollegerne i Myretuen glæder sig.", "")
        assert "kontanthjælp" not in text.lower()

    def test_there_is_no_pdf_before_the_statement(self, world, login, praktik):
        assert login(world.hr).get(reverse("alerts:statement_pdf", args=[praktik.pk])).status_code == 404

    def test_a_leder_of_another_centre_gets_404(self, world, login, praktik):
        sign(login(world.tr_a), praktik)
        assert login(world.leder_b).get(reverse("alerts:statement_pdf", args=[praktik.pk])).status_code == 404
