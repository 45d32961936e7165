"""Helpers shared by the parsers: opening a source safely, sizes and encodings (fields are in fields.py).

A *source* is a path or an open binary file (a Django upload works). Sizes are checked before a
byte is parsed, so a 2 GB upload is refused without reading it.
"""

import codecs
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import BinaryIO

from .records import file_error

MAX_FILE_BYTES = 500 * 1024 * 1024
_CHUNK = 1024 * 1024

Source = str | os.PathLike | BinaryIO


def source_name(source: Source, name: str | None = None) -> str:
    """Return the file name to show in messages (the base name, never a server path)."""
    if name:
        return os.path.basename(str(name))
    if isinstance(source, (str, os.PathLike)):
        return os.path.basename(os.fspath(source))
    return os.path.basename(str(getattr(source, "name", "") or ""))


def format_size(size: int) -> str:
    """Return a size the Danish way: "2,0 GB", "500 MB", "12 kB"."""
    if size >= 1024**3:
        return f"{size / 1024**3:.1f} GB".replace(".", ",")
    if size >= 1024**2:
        return f"{size / 1024**2:.0f} MB"
    return f"{max(1, round(size / 1024))} kB"


def check_size(source: Source, name: str | None = None, limit: int = MAX_FILE_BYTES) -> int | None:
    """Refuse an empty file or one larger than `limit`, looking only at its size; return the size.

    For a stream that cannot seek the size is unknown (None); `open_binary` then caps the reading.
    """
    name = source_name(source, name)
    if isinstance(source, (str, os.PathLike)):
        size = os.stat(source).st_size
    elif _seekable(source):
        here = source.tell()
        size = source.seek(0, os.SEEK_END) - here
        source.seek(here)
    else:
        return None
    if size == 0:
        raise file_error(name, "Filen er tom.")
    if size > limit:
        raise file_error(
            name, f"Filen fylder {format_size(size)}; den største fil, der kan indlæses, er {format_size(limit)}."
        )
    return size


def _seekable(stream) -> bool:
    try:
        return bool(stream.seekable())
    except (AttributeError, ValueError):
        return False


@contextmanager
def open_binary(source: Source, name: str | None = None, limit: int = MAX_FILE_BYTES) -> Iterator[BinaryIO]:
    """Yield a seekable binary stream; a path is opened and closed, a caller's stream is left open.

    A stream that cannot seek (a pipe, a socket) is first copied to a temporary file, refusing
    more than `limit` bytes, because the parsers look at the head and CSV is read twice.
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as stream:
            yield stream
    elif _seekable(source):
        yield source
    else:
        name = source_name(source, name)
        with tempfile.SpooledTemporaryFile(max_size=16 * _CHUNK) as spool:
            copied = 0
            while chunk := source.read(_CHUNK):
                copied += len(chunk)
                if copied > limit:
                    raise file_error(name, f"Filen er større end {format_size(limit)} og kan ikke indlæses.")
                spool.write(chunk)
            if not copied:
                raise file_error(name, "Filen er tom.")
            spool.seek(0)
            yield spool


def read_head(stream: BinaryIO, size: int) -> bytes:
    """Return the first `size` bytes from the current position, and rewind."""
    here = stream.tell()
    head = stream.read(size)
    stream.seek(here)
    return head


def detect_text_encoding(stream: BinaryIO, name: str) -> str:
    """Return "utf-8-sig" or "cp1252" for a CSV file, reading it once in chunks and rewinding.

    UTF-8 (with or without BOM) is preferred; Windows-1252 is what Excel and SD write on Danish
    Windows and is accepted when the file is not valid UTF-8. Anything else is refused with the line.
    """
    start = stream.tell()
    utf8_error = _first_decode_error(stream, "utf-8")
    stream.seek(start)
    if utf8_error is None:
        return "utf-8-sig"
    cp1252_error = _first_decode_error(stream, "cp1252")
    stream.seek(start)
    if cp1252_error is None:
        return "cp1252"
    raise file_error(
        name,
        "Filen er hverken gemt som UTF-8 eller Windows-1252 (fejl i linje "
        f"{utf8_error}). Gem filen som 'CSV UTF-8 (kommasepareret)' og prøv igen.",
    )


def _first_decode_error(stream: BinaryIO, encoding: str) -> int | None:
    """Return the line of the first byte that does not decode, or None if the whole stream decodes."""
    decoder = codecs.getincrementaldecoder(encoding)()
    lines_before = 0
    while True:
        chunk = stream.read(_CHUNK)
        final = not chunk
        try:
            decoder.decode(chunk, final=final)
        except UnicodeDecodeError as exc:
            # exc.object is the bytes the decoder was looking at (a partial character held over
            # from the previous chunk plus this chunk); held-over bytes are never a newline.
            return lines_before + exc.object[: exc.start].count(b"\n") + 1
        if final:
            return None
        lines_before += chunk.count(b"\n")


def aware(naive: datetime, zone: str = "Europe/Copenhagen") -> datetime:
    """Attach the Danish time zone to a local timestamp written by a payroll system."""
    from zoneinfo import ZoneInfo

    return naive.replace(tzinfo=ZoneInfo(zone))
