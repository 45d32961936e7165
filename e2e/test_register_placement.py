"""Issue 3 in a real browser: HR registers a placement, finds it by filter and exports the list;
a leder of another centre cannot find it."""

from datetime import timedelta

import openpyxl
from django.utils import timezone

from rummelig.audit.models import AuditEntry
from rummelig.placements.models import Placement


def test_hr_registers_finds_and_exports_a_placement_that_another_centres_leder_cannot_find(world, page, log_in, tmp_path):
    start = timezone.localdate() - timedelta(days=10)
    log_in(world.hr)

    page.get_by_role("link", name="Ansættelser", exact=True).click()
    page.get_by_role("link", name="Registrer en ansættelse").click()
    page.get_by_label("En ny person").check()
    page.get_by_label("Fornavn").fill("Ærbødig")
    page.get_by_label("Efternavn").fill("Østergård-Ågesen")
    page.get_by_role("textbox", name="CPR-nummer (valgfrit)").fill("010190-1235")
    page.get_by_label("Ordning").select_option(label="Fleksjob")
    page.get_by_label("Målgruppe").select_option(value="ledighedsydelse")
    page.get_by_label("Arbejdsplads").select_option(value=str(world.aabjerg.pk))
    page.get_by_label("Startdato").fill(start.isoformat())
    page.get_by_label("Timer pr. uge").fill("15")
    page.get_by_role("button", name="Registrer ansættelsen").click()

    page.wait_for_url("**/ansaettelser/*/")
    assert page.get_by_role("heading", name="Ærbødig Østergård-Ågesen").first.is_visible()
    placement = Placement.objects.get(person__last_name="Østergård-Ågesen")
    assert placement.workplace == world.aabjerg

    # Find it by filter: the scheme and the workplace narrow the list to it.
    page.get_by_role("link", name="Ansættelser", exact=True).click()
    page.get_by_label("Ordning").select_option(label="Fleksjob")
    page.get_by_label("Arbejdsplads").select_option(value=str(world.aabjerg.pk))
    page.get_by_role("button", name="Vis", exact=True).click()
    rows = page.get_by_test_id("placements").locator("tbody tr")
    assert rows.count() == 1
    assert "Østergård-Ågesen" in rows.first.inner_text()

    # Export the filtered list (the worker makes the file; the page offers it) and read it as a user would.
    page.get_by_test_id("export").click()
    page.wait_for_url("**/eksport/*/")
    assert "Filen er klar: 1 række." in page.get_by_test_id("export-progress").inner_text()
    with page.expect_download() as download_info:
        page.get_by_test_id("export-download").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    workbook = openpyxl.load_workbook(saved, read_only=True)
    values = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row if cell]
    assert any("Østergård-Ågesen" in str(value) for value in values)
    assert not any("1235" in str(value) for value in values), "the CPR number must be masked in the export"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, username="hr").exists()

    # HR finds it by CPR number; the number stays out of the address, and the back button still works.
    page.get_by_role("link", name="Ansættelser", exact=True).click()
    page.get_by_label("Søg på navn, CPR-nummer eller fødselsdato").fill("010190-1235")
    page.get_by_role("button", name="Vis", exact=True).click()
    assert page.get_by_test_id("placements").locator("tbody tr").count() == 1
    assert "0101" not in page.url and "1235" not in page.url and "s=" in page.url
    page.get_by_role("link", name="Start").first.click()
    page.go_back()
    assert page.get_by_test_id("placements").locator("tbody tr").count() == 1
    assert page.get_by_label("Søg på navn, CPR-nummer eller fødselsdato").input_value() == "010190-1235"

    # A leder of the other centre finds nothing: not in the list, not by address.
    log_in(world.leder_a)
    page.goto("/ansaettelser/?q=Østergård")
    assert page.get_by_test_id("placements").count() == 0 or page.get_by_test_id("placements").locator("tbody tr").count() == 0
    response = page.goto(f"/ansaettelser/{placement.pk}/")
    assert response.status == 404
