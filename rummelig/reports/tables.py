"""Tables as the reader sees them, and the one place their numbers are made fit to leave HR.

A count table goes through `rummelig.rules.suppression.suppress_table` (counts 1-4 as "<5" and
secondary suppression, with the year before). Every other number that belongs to the same cells
(FTE, FTE-years, money) is hidden wherever the count behind it is hidden (`Masked`), and a
figure made from several cells (a target's actual, a share) is shown only when the reader could
work it out from what is shown anyway (`derive`). So what is published never tells more than the
suppressed counts do. Inside HR the same code runs with `suppress=False` and shows exact figures.
"""

from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from rummelig.rules.suppression import HIDDEN, SUPPRESSED, suppress_table

# Kinds of columns: COUNT is a number of people (the only kind suppression applies to); NUMBER is
# any other whole number, such as a target or a difference worked out from shown figures.
COUNT, NUMBER, FTE, MONEY, PERCENT = "count", "number", "fte", "money", "percent"
MARKERS = (SUPPRESSED, HIDDEN)
# The value cells that fit across an A4 landscape page beside the row labels in the PDF.
PDF_MAX_CELLS = 10


@dataclass
class Column:
    label: str
    kind: str = COUNT

    def __post_init__(self):
        self.label = str(self.label)


@dataclass
class Row:
    label: str
    values: list
    previous: list | None = None
    total: bool = False
    kind: str | None = None  # overrides the columns' kind for this row's values

    def __post_init__(self):
        self.label = str(self.label)

    def kinds(self, columns):
        return [self.kind or column.kind for column in columns]


@dataclass
class Table:
    """A titled table: rows with one value per column and, beside each, the year before's."""

    key: str
    title: str
    row_header: str
    columns: list[Column]
    rows: list[Row]
    note: str = ""
    chart: str = ""
    with_previous: bool = True
    year_labels: tuple = ()

    @property
    def is_wide(self):
        """True when the table needs the page's full width (its chart then goes above it)."""
        return len(self.columns) * (2 if self.with_previous else 1) > 4

    def parts(self, max_cells=PDF_MAX_CELLS):
        """Return the table cut into parts of whole columns that fit a page's width, row labels repeated in each.

        A table with more value cells (a column and its year before count as two) than fit is
        split into as few, evenly sized parts as needed; the totals column stays with the last
        part. Each part keeps the title, with "(part 1 of 2)" added. A table that fits is one part.
        """
        width = 2 if self.with_previous else 1
        per_part = max(max_cells // width, 1)
        count = -(-len(self.columns) // per_part)  # ceiling
        if count <= 1:
            return [self]
        size = -(-len(self.columns) // count)
        parts = []
        for number, first in enumerate(range(0, len(self.columns), size), start=1):
            last = first + size
            rows = [
                replace(row, values=row.values[first:last], previous=row.previous[first:last] if row.previous is not None else None)
                for row in self.rows
            ]
            title = _("%(title)s (part %(part)s of %(parts)s)") % {"title": self.title, "part": number, "parts": count}
            note = self.note if last >= len(self.columns) else ""
            parts.append(replace(self, key=f"{self.key}-{number}", title=title, columns=self.columns[first:last], rows=rows,
                                 note=note, chart=self.chart if number == 1 else ""))
        return parts

    def display_rows(self):
        """Return the rows as the pages and the PDF show them: label and (value, year before) texts."""
        result = []
        for row in self.rows:
            kinds = row.kinds(self.columns)
            cells = [
                (format_value(value, kind), format_value(row.previous[i], kind) if row.previous is not None else None)
                for i, (value, kind) in enumerate(zip(row.values, kinds, strict=True))
            ]
            result.append({"label": row.label, "total": row.total, "cells": cells})
        return result

    def cell(self, row_label, column_label, previous=False):
        """Return the value shown in a row and column (by their labels), for tests and exports."""
        row = next(r for r in self.rows if r.label == row_label)
        index = next(i for i, c in enumerate(self.columns) if c.label == column_label)
        return (row.previous if previous else row.values)[index]


@dataclass
class BuiltSection:
    key: str
    title: str
    intro: str = ""
    tables: list[Table] = field(default_factory=list)


# Publishing counts --------------------------------------------------------------------------------


class Exact:
    """The exact table with totals, with the same accessors as a SuppressedTable (nothing hidden)."""

    def __init__(self, cells, previous=None, rows=None, cols=None):
        self.rows = tuple(rows) if rows is not None else tuple(dict.fromkeys(r for r, _ in (*cells, *(previous or {}))))
        self.cols = tuple(cols) if cols is not None else tuple(dict.fromkeys(c for _, c in (*cells, *(previous or {}))))
        self._years = [cells, previous]

    @property
    def has_previous(self):
        return self._years[1] is not None

    def is_hidden(self, row=None, col=None):
        return False

    def _get(self, year, row, col):
        values = self._years[year]
        if values is None:
            raise ValueError("This table was made without last year's figures.")
        rows = self.rows if row is None else (row,)
        cols = self.cols if col is None else (col,)
        return sum((values.get((r, c), 0) for r in rows for c in cols), 0)

    def value(self, row, col):
        return self._get(0, row, col)

    def row_total(self, row):
        return self._get(0, row, None)

    def col_total(self, col):
        return self._get(0, None, col)

    def grand_total(self):
        return self._get(0, None, None)

    def previous_value(self, row, col):
        return self._get(1, row, col)

    def previous_row_total(self, row):
        return self._get(1, row, None)

    def previous_col_total(self, col):
        return self._get(1, None, col)

    def previous_grand_total(self):
        return self._get(1, None, None)


def publish(cells, previous=None, *, suppress, previous_pattern=None):
    """Return the count table as it may be shown: suppressed when it leaves HR, else exact.

    cells and previous map (row, col) to a count and should hold every row and column (zeros
    included) in the order they are to be shown. previous_pattern: see suppress_table.
    """
    if suppress:
        return suppress_table(cells, previous, previous_pattern=previous_pattern)
    return Exact(cells, previous)


class Masked(Exact):
    """Other numbers of the same cells (FTE, money): shown exactly where the counts are shown."""

    def __init__(self, values, previous, mask):
        super().__init__(values, previous, rows=mask.rows, cols=mask.cols)
        self.mask = mask

    def is_hidden(self, row=None, col=None):
        return self.mask.is_hidden(row, col)

    def _get(self, year, row, col):
        if self.mask.is_hidden(row, col):
            return HIDDEN
        return super()._get(year, row, col)


def derive(mask, values, row_keys, col_keys, previous=False):
    """Return the sum of values over row_keys × col_keys if the reader can work it out, else "x".

    The sum is shown when each of its rows (or each of its columns) is either a shown total
    covering the whole table's width (height) or made of shown cells. Otherwise it would tell
    more than the suppressed table does, and it is hidden.
    """
    row_keys = [r for r in row_keys if r in mask.rows]
    col_keys = [c for c in col_keys if c in mask.cols]
    year = 1 if previous else 0
    exact = sum((values[year].get((r, c), 0) for r in row_keys for c in col_keys), 0)
    if not row_keys or not col_keys:
        return exact
    all_rows, all_cols = set(row_keys) == set(mask.rows), set(col_keys) == set(mask.cols)
    if all_rows and all_cols and not mask.is_hidden():
        return exact
    by_rows = all(
        (all_cols and not mask.is_hidden(row=r)) or all(not mask.is_hidden(r, c) for c in col_keys) for r in row_keys
    )
    by_cols = all(
        (all_rows and not mask.is_hidden(col=c)) or all(not mask.is_hidden(r, c) for r in row_keys) for c in col_keys
    )
    return exact if by_rows or by_cols else HIDDEN


def format_value(value, kind=COUNT):
    """Return a value as Danish text: 1.234, 12,5, 12,3 %, "<5", "x" or "–"."""
    if value is None:
        return "–"
    if is_marker(value):
        return value
    if kind in (COUNT, NUMBER):
        return number_format(value, 0, use_l10n=True, force_grouping=True)
    if kind == FTE:
        return number_format(Decimal(value).quantize(Decimal("0.1")), 1, use_l10n=True, force_grouping=True)
    if kind == MONEY:
        return number_format(Decimal(value).quantize(Decimal("1")), 0, use_l10n=True, force_grouping=True)
    if kind == PERCENT:
        return number_format(Decimal(value).quantize(Decimal("0.1")), 1, use_l10n=True, force_grouping=True) + " %"
    return str(value)


# Numbers made from shown numbers ---------------------------------------------------------------


def is_marker(value):
    return isinstance(value, str)


def share(numerator, denominator):
    """Return numerator / denominator in per cent, "x" if either is hidden, None if undefined."""
    if is_marker(numerator) or is_marker(denominator):
        return HIDDEN
    if numerator is None or not denominator:
        return None
    return Decimal(numerator) * 100 / Decimal(denominator)


def difference(value, other):
    if is_marker(value) or is_marker(other):
        return HIDDEN
    if value is None or other is None:
        return None
    return Decimal(value) - Decimal(other)


def matrix(key, title, row_header, published, row_labels, col_labels, *, kind=COUNT, total_label, note="", chart="", row_totals=True):
    """Return a published table (rows × columns) with its column totals (and row totals) as a Table."""
    with_previous = published.has_previous
    if not published.rows:
        return Table(key, title, row_header, [], [], note=note or _("Nothing to show for this period."), with_previous=with_previous)
    extra = 1 if row_totals else 0
    columns = [Column(col_labels[c], kind) for c in published.cols] + [Column(total_label, kind)] * extra
    rows = []
    for r in published.rows:
        values = [published.value(r, c) for c in published.cols] + [published.row_total(r)] * extra
        previous = (
            [published.previous_value(r, c) for c in published.cols] + [published.previous_row_total(r)] * extra
            if with_previous else None
        )
        rows.append(Row(row_labels[r], values, previous))
    values = [published.col_total(c) for c in published.cols] + [published.grand_total()] * extra
    previous = (
        [published.previous_col_total(c) for c in published.cols] + [published.previous_grand_total()] * extra
        if with_previous else None
    )
    rows.append(Row(total_label, values, previous, total=True))
    return Table(key, title, row_header, columns, rows, note=note, chart=chart, with_previous=with_previous)
