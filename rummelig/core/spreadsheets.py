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
