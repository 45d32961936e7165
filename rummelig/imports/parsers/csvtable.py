"""Read a CSV file with a header row, as Danish Excel and payroll systems write it.

Semicolon is the Danish Excel separator; tab and comma are accepted when the header uses them.
The encoding is UTF-8 (with or without BOM) or, failing that, Windows-1252.
"""

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

from .common import detect_text_encoding
from .records import file_error


class CsvTable:
    """A CSV file's header and its rows with their line numbers (the caller's stream stays open)."""

    def __init__(self, stream: BinaryIO, name: str):
        self.name = name
        self.encoding = detect_text_encoding(stream, name)
        self._text = io.TextIOWrapper(stream, encoding=self.encoding, newline="")
        first = self._text.readline()
        if not first.strip():
            self._text.detach()
            raise file_error(name, "Filens første linje er tom; den skal indeholde kolonneoverskrifterne.", "linje 1")
        self.delimiter = ";" if ";" in first else "\t" if "\t" in first else ","
        self.header = [cell.strip() for cell in next(csv.reader([first], delimiter=self.delimiter))]

    def rows(self) -> Iterator[tuple[int, dict[str, str], int]]:
        """Yield (line number, {column: stripped value}, number of cells) for each non-empty row."""
        reader = csv.reader(self._text, delimiter=self.delimiter)
        try:
            for row in reader:
                line = reader.line_num + 1
                if not any(cell.strip() for cell in row):
                    continue
                values = {column: (row[i].strip() if i < len(row) else "") for i, column in enumerate(self.header)}
                yield line, values, len(row)
        except csv.Error as exc:
            raise file_error(self.name, f"CSV-filen kan ikke læses ({exc}).", f"linje {reader.line_num + 1}") from None
        finally:
            self._text.detach()

    def missing(self, required: tuple[str, ...]) -> list[str]:
        """Return the required columns the header lacks (compared without case and spaces)."""
        present = {_key(column) for column in self.header}
        return [column for column in required if _key(column) not in present]

    def rename(self, columns: tuple[str, ...]) -> None:
        """Rename header cells to the canonical spelling in `columns` (case and spaces ignored)."""
        canonical = {_key(column): column for column in columns}
        self.header = [canonical.get(_key(column), column) for column in self.header]


def _key(column: str) -> str:
    return "".join(column.split()).casefold()
