"""The XLSX export of the current list: every filtered row, as far as the user may see it, audited."""

from datetime import datetime, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from rummelig.audit.models import AuditEntry
from rummelig.schemes.models import Scheme
from rummelig.testing import downloaded, make_person, make_placement

URL = reverse("placements:export")


def sheet_rows(response):
    """The rows of the file an export link leads to (the worker makes it; the tests' tasks run at once)."""
    if response.status_code == 302:
        response = downloaded(response)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    return [dict(zip(header, row, strict=True)) for row in rows[1:]], header


def full_names(rows):
    return sorted(f"{row['Fornavn']} {row['Efternavn']}" for row in rows)


@pytest.mark.django_db
class TestExport:
    def test_hr_gets_every_placement_with_danish_headers_and_real_dates(self, world, placements, login, today):
        rows, header = sheet_rows(login(world.hr).get(URL))
        assert header[:4] == ["Fornavn", "Efternavn", "CPR-nummer", "Ordning"]
        assert "Målgruppe" in header and "Særlige hensyn" in header and "Område/center" in header
        assert full_names(rows) == ["Bjørn Østergård", "Søren Kierkegård", "Åse Ærøskøbing"]
        bjørn = next(row for row in rows if row["Fornavn"] == "Bjørn")
        assert isinstance(bjørn["Startdato"], datetime)
        assert bjørn["Startdato"].date() == today - timedelta(days=100)
        assert bjørn["Planlagt slutdato"].date() == today + timedelta(days=10)
        assert bjørn["Status"] == "Ophører snart"
        assert bjørn["Område/center"] == "Center for Børn og Unge"
        assert bjørn["Målgruppe"] == "Sygedagpenge"

    def test_cpr_numbers_are_masked(self, world, placements, login):
        response = downloaded(login(world.hr).get(URL))
        rows, _ = sheet_rows(response)
        assert {row["CPR-nummer"] for row in rows} == {"010190-xxxx", "120385-xxxx", None}
        assert b"0101901234" not in response.content

    def test_it_exports_the_filtered_list_in_the_chosen_order(self, world, placements, login):
        scheme = Scheme.objects.get(code="fleksjob")
        rows, _ = sheet_rows(login(world.hr).get(URL, {"scheme": scheme.pk}))
        assert full_names(rows) == ["Åse Ærøskøbing"]
        rows, _ = sheet_rows(login(world.hr).get(URL, {"centre": world.centre_a.pk, "sort": "start"}))
        assert [row["Fornavn"] for row in rows] == ["Åse", "Bjørn"]

    def test_it_exports_every_row_not_just_one_page(self, world, placements, login, today):
        for i in range(60):
            make_placement(world.aabjerg, "seniorjob", person=make_person(f"Person{i:02d}", "Ørsted"), start=today)
        rows, _ = sheet_rows(login(world.hr).get(URL, {"side": 2}))
        assert len(rows) == 63

    def test_dates_are_shown_as_danish_dates_without_a_time(self, world, placements, login):
        response = downloaded(login(world.hr).get(URL))
        sheet = load_workbook(BytesIO(response.content)).active
        header = [cell.value for cell in sheet[1]]
        start_cell = sheet.cell(row=2, column=header.index("Startdato") + 1)
        assert start_cell.is_date
        assert start_cell.number_format == "DD-MM-YYYY"

    def test_money_and_hours_are_numbers(self, world, placements, login):
        placements.solsikken.yearly_subsidy = "125000.50"
        placements.solsikken.hours_per_week = "18.5"
        placements.solsikken.save()
        rows, _ = sheet_rows(login(world.hr).get(URL, {"workplace": world.solsikken.pk}))
        assert rows[0]["Årligt tilskud (kr.)"] == 125000.5
        assert rows[0]["Timer pr. uge"] == 18.5

    def test_it_is_audited_with_the_filter_and_the_number_of_rows(self, world, placements, login):
        login(world.hr).get(URL, {"centre": world.centre_a.pk})
        entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
        assert entry.user == world.hr
        assert entry.object_type == "placement"
        assert entry.detail == f"Filter: centre={world.centre_a.pk}; 2 rækker"

    def test_the_list_offers_the_export_with_the_current_filter(self, world, placements, login):
        response = login(world.hr).get(reverse("placements:list"), {"status": "aktiv"})
        assert f'href="{URL}?status=aktiv"' in response.content.decode()


@pytest.mark.django_db
class TestExportAccess:
    def test_a_leder_exports_only_own_centre(self, world, placements, login):
        rows, _ = sheet_rows(login(world.leder_a).get(URL))
        assert full_names(rows) == ["Bjørn Østergård", "Åse Ærøskøbing"]

    @pytest.mark.parametrize("param", ["workplace", "centre"])
    def test_a_leder_gets_404_when_exporting_another_centres_unit(self, world, placements, login, param):
        unit = world.aabjerg if param == "workplace" else world.centre_b
        response = login(world.leder_a).get(URL, {param: unit.pk})
        assert response.status_code == 404
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()

    def test_a_tr_exports_own_workplace_without_health_fields(self, world, placements, login):
        response = downloaded(login(world.tr_a).get(URL))
        rows, header = sheet_rows(response)
        assert full_names(rows) == ["Åse Ærøskøbing"]
        assert "Målgruppe" not in header
        assert "Særlige hensyn" not in header
        assert b"Ledighedsydelse" not in response.content
        assert "løfte tungt" not in str(rows)

    @pytest.mark.parametrize("persona", ["med_a", "outsider"])
    def test_med_members_and_outsiders_get_404(self, world, placements, login, persona):
        assert login(getattr(world, persona)).get(URL).status_code == 404

    def test_a_bad_filter_sends_the_user_back_to_the_list(self, world, placements, login):
        response = login(world.hr).get(URL, {"period_from": "2026-02-31"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("placements:list"))
