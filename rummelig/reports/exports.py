"""The annual report as it leaves HR: PDF for the meeting, XLSX with one sheet per table, JSON.

Every export is made from a suppressed Report (counts 1-4 as "<5", secondary suppression); an
exact report is refused here, so no export can carry exact small counts by mistake. The page,
the export views and `manage.py annual_report` all call these functions.
"""

import io
import json
import re
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font

from rummelig.core.formats import long_date
from rummelig.core.spreadsheets import Workbook

from .tables import COUNT, FTE, MONEY, NUMBER, PERCENT, is_marker

FORMATS = ("pdf", "xlsx", "json")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
PLACES = {COUNT: 0, NUMBER: 2, FTE: 2, MONEY: 2, PERCENT: 1}


def _check(report):
    if not report.suppress:
        raise ValueError("Exports leave HR and must be made from a suppressed report.")


def filename(report, fmt):
    return f"aarsrapport-saerlige-vilkaar-{report.year}.{fmt}"


def plain(value, kind):
    """Return a value for JSON and XLSX: int, rounded float, a marker ("<5", "x") or None."""
    if value is None or is_marker(value):
        return value
    if kind in (COUNT, NUMBER) and (isinstance(value, int) or Decimal(value) == Decimal(value).to_integral_value()):
        return int(value)
    return float(round(Decimal(value), PLACES.get(kind, 2)))


def _made_at(report):
    return timezone.localtime(report.made_at)


def document(report, sections):
    """Return the report as plain data (the JSON export)."""
    _check(report)
    return {
        "title": str(report.title),
        "scope": report.scope_label(),
        "year": report.year,
        "previous_year": report.year - 1,
        "reference_date": report.period.reference.isoformat(),
        "previous_reference_date": report.period.previous().reference.isoformat(),
        "made_at": _made_at(report).isoformat(timespec="seconds"),
        "made_by": report.made_by,
        "suppressed": True,
        "markers": {"<5": _("a count from 1 to 4"), "x": _("hidden so that a small count cannot be worked out")},
        "sections": [
            {"key": section.key, "title": section.title, "intro": section.intro, "tables": [_table_data(t) for t in section.tables]}
            for section in sections
        ],
    }


def _table_data(table):
    return {
        "key": table.key,
        "title": table.title,
        "note": table.note,
        "row_header": table.row_header,
        "columns": [{"label": c.label, "kind": c.kind} for c in table.columns],
        "rows": [{"label": row.label, "total": row.total, "cells": _cells_data(row, table.columns)} for row in table.rows],
    }


def _cells_data(row, columns):
    cells = []
    for i, (value, kind) in enumerate(zip(row.values, row.kinds(columns), strict=True)):
        cell = {"value": plain(value, kind)}
        if row.previous is not None:
            cell["previous"] = plain(row.previous[i], kind)
        cells.append(cell)
    return cells


def to_json(report, sections):
    return json.dumps(document(report, sections), ensure_ascii=False, indent=2).encode("utf-8")


def _shorten(text, limit):
    """Cut text to at most limit characters at a word boundary, marked with "…" (never mid-word)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;–-") + "…"


def _sheet_name(number, title, used):
    """Return a sheet name (Excel allows 31 characters) of the table's number and title, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "", f"{number} {title}")
    name, n = _shorten(base, 31), 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name, n = _shorten(base, 31 - len(suffix)) + suffix, n + 1
    used.add(name.casefold())
    return name


NUMBER_FORMATS = {COUNT: "#,##0", NUMBER: "#,##0", FTE: "#,##0.0", MONEY: "#,##0", PERCENT: "0.0"}


def to_xlsx(report, sections):
    """Return the report as an XLSX workbook: an "about" sheet, then one sheet per table."""
    _check(report)
    workbook = Workbook()
    about = workbook.active
    about.title = _shorten(_("About the report"), 31)
    bold = Font(bold=True)
    about.append([str(report.title)])
    about["A1"].font = Font(bold=True, size=14)
    for label, value in (
        (_("Scope"), report.scope_label()),
        (_("Reference date"), long_date(report.period.reference)),
        (_("Made"), date_format(_made_at(report), "j. F Y H:i")),
        (_("Made by"), report.made_by),
        (_("Small counts"), _("Counts from 1 to 4 are shown as <5; x is hidden so that a small count cannot be worked out.")),
    ):
        about.append([label, value])
    about.append([])
    for section in sections:
        about.append([section.title])
        about.cell(about.max_row, 1).font = bold
        if section.intro:
            about.append([section.intro])
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 80
    used = {about.title.casefold()}
    tables = [(section, table) for section in sections for table in section.tables]
    for number, (section, table) in enumerate(tables, start=1):
        _write_table(workbook.create_sheet(_sheet_name(number, table.title, used)), section, table, report.year_labels)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _write_table(sheet, section, table, year_labels):
    """Write one table on its own sheet: title, section, note, a header row, then the rows."""
    this_year, last_year = year_labels
    bold = Font(bold=True)
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([section.title])
    if table.note:
        sheet.append([table.note])
    sheet.append([])
    header = [table.row_header]
    for column in table.columns:
        header += [f"{column.label} {this_year}", f"{column.label} {last_year}"] if table.with_previous else [column.label]
    sheet.append(header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        _write_row(sheet, row, table)
    sheet.column_dimensions["A"].width = 36
    sheet.freeze_panes = sheet.cell(header_row + 1, 2)


def _write_row(sheet, row, table):
    """Append a row (this year's value, then last year's, per column) with number formats for its kinds."""
    line = [row.label]
    kinds = row.kinds(table.columns)
    for i, kind in enumerate(kinds):
        line.append(plain(row.values[i], kind))
        if table.with_previous:
            line.append(plain(row.previous[i], kind))
    sheet.append(line)
    cells = sheet[sheet.max_row]
    for j, cell in enumerate(cells[1:]):
        kind = kinds[j // 2 if table.with_previous else j]
        if isinstance(cell.value, (int, float)):
            cell.number_format = NUMBER_FORMATS.get(kind, "General")
        else:
            cell.alignment = Alignment(horizontal="right")
    if row.total:
        for cell in cells:
            cell.font = Font(bold=True)


def to_pdf(report, sections):
    """Return the report as a PDF for the meeting (A4 landscape, page numbers, made when and by whom)."""
    from weasyprint import HTML

    _check(report)
    html = render_to_string("reports/annual_pdf.html", {
        "report": report, "sections": sections, "made_at": _made_at(report),
    })
    return HTML(string=html).write_pdf()


def export(report, sections, fmt):
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    return {"pdf": to_pdf, "xlsx": to_xlsx, "json": to_json}[fmt](report, sections)
