"""The annual report's exports: a PDF that opens with its sections, XLSX with the figures, JSON, all audited."""

import io
import json
import re
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from rummelig.audit.models import AuditEntry
from rummelig.reports import exports
from rummelig.reports.figures import Scope
from rummelig.reports.publications import publish
from rummelig.reports.report import Report

from .test_annual import SECTION_TITLES


def export(client, fmt, **params):
    return client.get(reverse("reports:annual_export", args=[fmt]), {"year": 2025, **params})


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_opens_and_has_every_section_with_page_numbers_and_its_maker(municipality, login):
    response = export(login(municipality.world.hr), "pdf")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="aarsrapport-saerlige-vilkaar-2025.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Ansatte på særlige vilkår 2025" in text
    for number, title in enumerate(SECTION_TITLES, start=1):
        assert f"{number}. {title}" in text, title
    assert "Side 1 af" in text
    assert "Udarbejdet" in text and "af Hanne Rasmussen" in text
    assert "<5" in text
    assert not [name for name in municipality.names if name in text]


def test_the_xlsx_has_one_sheet_per_table_and_holds_the_figures(municipality, login):
    response = export(login(municipality.world.hr), "xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "Om rapporten"
    report = Report.for_year(Scope(), 2025, suppress=True)
    tables = [table for section in report.sections() for table in section.tables]
    assert len(workbook.sheetnames) == 1 + len(tables)
    sheet = workbook[workbook.sheetnames[1]]
    assert sheet["A1"].value == "Ansatte på særlige vilkår den 31. december 2025"
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["Ordning"][:2] == ("Center for Børn og Unge 2025", "Center for Børn og Unge 2024")
    assert rows["Elever"][:2] == (5, 0)
    assert rows["Fleksjob (gammel ordning)"][2:4] == ("<5", "<5")
    assert rows["I alt"][-2:] == (26, 14)


def test_sheet_names_are_cut_between_words_not_mid_word(municipality, login):
    workbook = load_workbook(io.BytesIO(export(login(municipality.world.hr), "xlsx").content))
    report = Report.for_year(Scope(), 2025, suppress=True)
    titles = [f"{n} {table.title}" for n, table in enumerate((t for s in report.sections() for t in s.tables), start=1)]
    for name, title in zip(workbook.sheetnames[1:], titles, strict=True):
        assert len(name) <= 31
        stem = re.sub(r" \(\d+\)$", "", name)
        if stem.endswith("…"):
            stem = stem[:-1]
            assert title.startswith(stem) and title[len(stem)] in " ,.;–-", (name, title)
        else:
            assert stem == title, (name, title)


def test_the_json_has_sections_tables_and_cells_with_the_year_before(municipality, login):
    response = export(login(municipality.world.hr), "json")
    document = json.loads(response.content)
    assert document["year"] == 2025 and document["previous_year"] == 2024
    assert document["reference_date"] == "2025-12-31"
    assert document["suppressed"] is True
    assert [s["title"] for s in document["sections"]] == SECTION_TITLES
    headcount = document["sections"][0]["tables"][0]
    assert headcount["key"] == "headcount"
    assert [c["label"] for c in headcount["columns"]] == ["Center for Børn og Unge", "Center for Ældre og Sundhed", "I alt"]
    total = headcount["rows"][-1]
    assert total == {"label": "I alt", "total": True, "cells": [
        {"value": 18, "previous": 6}, {"value": 8, "previous": 8}, {"value": 26, "previous": 14},
    ]}


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "json"])
def test_every_export_is_audited(municipality, login, fmt):
    export(login(municipality.world.hr), fmt)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT, object_type="annual_report")
    assert entry.username == "hr"
    assert entry.object_id == "2025"
    assert f"Format: {fmt.upper()}; opgørelsesdato: " in entry.detail


def test_no_count_from_1_to_4_is_in_the_json_of_a_med_member(municipality, login):
    publish(date(2025, 12, 31), municipality.world.hr)
    document = json.loads(export(login(municipality.world.med_a), "json").content)
    assert document["scope"] == "Center for Børn og Unge"
    for section in document["sections"]:
        for table in section["tables"]:
            for row in table["rows"]:
                for column, cell in zip(table["columns"], row["cells"], strict=True):
                    if column["kind"] == "count":
                        for value in (cell["value"], cell.get("previous")):
                            assert not (isinstance(value, int) and 1 <= value <= 4), (table["key"], row["label"], value)


def test_no_count_from_1_to_4_is_in_any_sheet_of_the_xlsx(municipality, login):
    workbook = load_workbook(io.BytesIO(export(login(municipality.world.hr), "xlsx").content))
    report = Report.for_year(Scope(), 2025, suppress=True)
    tables = [table for section in report.sections() for table in section.tables]
    for name, table in zip(workbook.sheetnames[1:], tables, strict=True):
        rows = [row for row in workbook[name].iter_rows(values_only=True) if row and row[0] in {r.label for r in table.rows}]
        for xlsx_row, row in zip(rows, table.rows, strict=True):
            kinds = row.kinds(table.columns)
            step = 2 if table.with_previous else 1
            for i, value in enumerate(xlsx_row[1:]):
                if kinds[i // step] == "count":
                    assert not (isinstance(value, int) and 1 <= value <= 4), (name, row.label, value)


def test_an_unknown_format_is_404(world, login):
    assert export(login(world.hr), "docx").status_code == 404


def test_a_tr_cannot_export(world, login):
    assert export(login(world.tr_a), "pdf").status_code == 404


def test_an_exact_report_cannot_be_exported(municipality):
    report = Report.for_year(Scope(), 2025, suppress=False)
    with pytest.raises(ValueError, match="suppressed"):
        exports.to_json(report, report.sections())
