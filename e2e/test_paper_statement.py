"""Issue 10 in a real browser: the TR does not use Rummelig. HR sees who the TR is, reminds them by e-mail,
records the statement they signed on paper with its scan, and can then mark the placement started."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from rummelig.alerts.models import Statement
from rummelig.placements.models import Placement
from rummelig.testing import make_person, make_placement

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def test_hr_records_a_paper_statement_and_starts_the_placement(world, page, log_in, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    placement = make_placement(
        world.solsikken, "virksomhedspraktik", person=make_person("Ådne", "Ørsted"), start=today,
        planned_end=today + timedelta(days=27), target_group="kontanthjaelp_jobparat",
    )
    log_in(world.hr)
    page.goto(f"/ansaettelser/{placement.pk}/")
    assert page.get_by_test_id("representatives").get_by_text("Tove Riis", exact=False).is_visible()

    page.get_by_role("button", name="Send repræsentanten en påmindelse").click()
    assert page.get_by_text("En påmindelse er sendt som e-mail til Tove Riis.").is_visible()
    assert page.get_by_test_id("last-reminder").is_visible()
    assert [m.to for m in mail.outbox] == [["tr_a@kommune.invalid"]]

    page.get_by_role("link", name="Registrér en udtalelse modtaget på papir").click()
    page.get_by_role("group", name="Er rimelighedskravet opfyldt på arbejdspladsens P-nummer?").get_by_label("Ja").check()
    page.get_by_role("group", name="Er kollegerne positive over for ansættelsen?").get_by_label("Ja").check()
    page.get_by_label("Repræsentantens navn som underskrevet").fill("Tove Riis")
    page.get_by_label("Dato for underskriften").fill(today.isoformat())
    page.get_by_label("Scanning af den underskrevne udtalelse").set_input_files(
        {"name": "udtalelse.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_role("button", name="Registrér udtalelsen").click()
    assert page.get_by_text("Udtalelsen modtaget på papir er registreret for ansættelsen af Ådne Ørsted.").is_visible()
    assert page.get_by_test_id("statement-status").get_by_text("underskrevet på papir af Tove Riis", exact=False).is_visible()
    given = Statement.objects.get(placement=placement)
    assert given.on_paper and given.scan.read() == PDF

    page.get_by_role("button", name="Markér som startet").click()
    assert page.get_by_text("Ansættelsen af Ådne Ørsted er markeret som startet.").is_visible()
    assert Placement.objects.get(pk=placement.pk).started_at is not None
