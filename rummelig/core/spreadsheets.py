"""The one way Rummelig writes an XLSX file: text that looks like a formula stays text.

A value typed by a user (a purpose, a target's name, a unit name from payroll) may begin with "=",
"+", "-", "@", a tab or a carriage return. openpyxl would write "=HYPERLINK(…)" as a live formula,
and a spreadsheet program evaluates the others when the cell is edited (CSV/formula injection,
OWASP). Every export makes its workbook with `Workbook` from here instead of openpyxl's: such text
is written as a text cell with Excel's quote prefix, so it shows exactly as typed and is never
evaluated. Numbers stay numbers (a negative amount is a number, not text).

Write-only workbooks (streamed row by row) are escaped as each row is appended; ordinary workbooks
are escaped as they are saved, whichever way their cells were filled.
"""

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value):
    """True for text a spreadsheet program could take as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _as_text(cell):
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def safe_value(sheet, value):
    """Return value for a write-only sheet's row: formula-looking text as an escaped text cell."""
    if isinstance(value, Cell):  # a styled cell made with WriteOnlyCell
        return _as_text(value) if value.data_type == "f" or looks_like_formula(value.value) else value
    if looks_like_formula(value):
        return _as_text(WriteOnlyCell(sheet, value=value))
    return value


class Workbook(openpyxl.Workbook):
    """openpyxl's Workbook that never writes text as a formula (see the module's docstring)."""

    def create_sheet(self, title=None, index=None):
        sheet = super().create_sheet(title, index)
        if self.write_only:
            append = sheet.append
            sheet.append = lambda row: append([safe_value(sheet, value) for value in row])
        return sheet

    def save(self, filename):
        if not self.write_only:
            for sheet in self.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        if cell.data_type == "f" or looks_like_formula(cell.value):
                            _as_text(cell)
        super().save(filename)


def write_blank_template(path_or_stream, sheets, notes, guide_title="Vejledning", guide_widths=(14, 20, 14, 90, 24)):
    """Write a blank import template: one sheet per {title: columns} with bold headers, and a guide sheet.

    Each column has `header`, `required`, `kind` ("date", "text", …), `guide` and `example`. Column styles
    apply to what HR types: date columns become dates, text columns stay text (an id or a CPR number typed
    as a number would lose its leading zero). The guide lists every column, then the general `notes`.
    """
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    bold = Font(bold=True)
    for index, (title, columns) in enumerate(sheets.items()):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = title
        for i, column in enumerate(columns, start=1):
            sheet.cell(row=1, column=i, value=column.header).font = bold
            dimension = sheet.column_dimensions[get_column_letter(i)]
            dimension.width = max(14, len(column.header) + 4)
            if column.kind == "date":
                dimension.number_format = "DD-MM-YYYY"
            elif column.kind == "text":
                dimension.number_format = "@"
        sheet.freeze_panes = "A2"
    guide = workbook.create_sheet(guide_title)
    guide.append(["Ark", "Kolonne", "Skal udfyldes", "Forklaring", "Eksempel"])
    for cell in guide[1]:
        cell.font = bold
    for title, columns in sheets.items():
        for column in columns:
            guide.append([title, column.header, "ja" if column.required else "nej", column.guide, column.example])
    guide.append([])
    for line in notes:
        guide.append([line])
    for letter, width in zip("ABCDE", guide_widths, strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=2, max_col=4):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")
    workbook.save(path_or_stream)
