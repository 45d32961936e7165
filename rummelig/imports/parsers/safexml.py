"""Stream the top-level records of an untrusted XML file safely and with bounded memory.

Payroll dumps are large (50,000 employees) and arrive from outside, so:
- a document with a DOCTYPE is refused before parsing; entity bombs ("billion laughs") and
  external entities (XXE) both need one, and OPUS and SD files never have one;
- lxml runs with `resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False`;
- libxml2 returns only the record elements; each is cleared after use and everything before it
  deleted, and no element may be larger than 16 MB, so the tree never holds more than one record.
libxml2's English errors become Danish messages with the line number.
"""

import codecs
import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from .common import format_size, read_head
from .records import file_error

PROLOG_BYTES = 64 * 1024
MAX_BYTES_PER_RECORD = 16 * 1024 * 1024  # an OPUS employee is about 1 kB, an SD person a few kB


def localname(element) -> str:
    """Return the tag without a namespace ("{urn:x}Person" → "Person")."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(element) -> Iterator:
    """Yield the child elements, skipping comments and processing instructions."""
    return element.iterchildren(tag=etree.Element)


def iter_records(
    stream: BinaryIO, name: str, root_names: tuple[str, ...], kind: str, record_tags: tuple[str, ...]
) -> Iterator:
    """Yield each child of the root whose tag is in `record_tags` (namespace ignored), then free it.

    `root_names` are the accepted root tags (a tag ending in "*" matches by prefix); `kind` names
    the format in the message when the root is wrong ("en OPUS-fil"). The root is checked from the
    file's head before parsing. libxml2 hands back only the record elements (a tag filter in C, so
    the 25 fields of 50,000 employees cost no Python), each is freed after use with everything
    before it, and the bytes read since the last record are counted: no element (a record or
    anything else) may be larger than MAX_BYTES_PER_RECORD, so no file shape can make the tree grow.
    """
    head = read_head(stream, PROLOG_BYTES)
    refuse_doctype(head, name)
    root_tag = _root_tag(head)
    if root_tag is not None:
        _check_root_name(root_tag[0], root_tag[1], name, root_names, kind)
    etree.clear_error_log()
    reader = _CountingReader(stream, name)
    events = etree.iterparse(
        reader,
        events=("end",),
        tag=[f"{{*}}{tag}" for tag in record_tags],
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    root = None
    try:
        for _, element in events:
            if root is None:
                root = element.getroottree().getroot()
                _check_root(root, name, root_names, kind)
            if element.getparent() is not root:
                continue  # a record tag nested inside a record: part of that record, not one of its own
            reader.since_record = 0
            reader.last_line = element.sourceline
            yield element
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del root[0]
    except etree.XMLSyntaxError as exc:
        raise _translate(exc, name) from None
    if root is None:  # no records: check the root of what was parsed
        _check_root(events.root, name, root_names, kind)


class _CountingReader:
    """A file wrapper for iterparse that refuses to read more than MAX_BYTES_PER_RECORD without a record."""

    def __init__(self, stream: BinaryIO, name: str):
        self.stream = stream
        self.name = name
        self.since_record = 0
        self.last_line = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.since_record += len(data)
        if self.since_record > MAX_BYTES_PER_RECORD:
            where = f"efter linje {self.last_line}" if self.last_line else ""
            raise file_error(
                self.name,
                f"Et element i filen fylder mere end {format_size(MAX_BYTES_PER_RECORD)} og indlæses ikke; "
                "filer fra lønsystemet har kun små elementer.",
                where,
            )
        return data


_ROOT_NAME = re.compile(r"<([^\s/>!?]+)")
_DECLARED_ENCODING = re.compile(r"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _root_tag(head: bytes) -> tuple[str, int] | None:
    """Return (root element name without prefix, line) from the file's head, or None if not found there."""
    text = decode_head(head)
    position = _prolog_end(text)
    if position is None:
        return None
    match = _ROOT_NAME.match(text, position)
    if match is None:
        return None
    tag = match.group(1)
    if not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # decode_head read the bytes as Latin-1; decode the name as the file declares (UTF-8 by default)
        declared = _DECLARED_ENCODING.search(text, 0, position)
        try:
            tag = tag.encode("latin-1").decode(declared.group(1) if declared else "utf-8")
        except (LookupError, UnicodeError):
            pass
    return tag.rsplit(":", 1)[-1], text.count("\n", 0, position) + 1


def _check_root_name(tag: str, line: int, name: str, root_names: tuple[str, ...], kind: str) -> None:
    for accepted in root_names:
        if tag == accepted or (accepted.endswith("*") and tag.startswith(accepted[:-1])):
            return
    expected = " eller ".join(
        f"<{accepted.rstrip('*')}…>" if accepted.endswith("*") else f"<{accepted}>" for accepted in root_names
    )
    raise file_error(
        name,
        f"Filen er ikke {kind}: den begynder med elementet <{tag}>, men skal begynde med {expected}.",
        f"linje {line}",
    )


def _check_root(root, name: str, root_names: tuple[str, ...], kind: str) -> None:
    if root.getroottree().docinfo.doctype:
        raise file_error(name, _DOCTYPE_MESSAGE, f"linje {root.sourceline}")
    _check_root_name(localname(root), root.sourceline, name, root_names, kind)


_DOCTYPE_MESSAGE = (
    "Filen indeholder en DOCTYPE-erklæring og afvises af sikkerhedshensyn: en DOCTYPE kan definere "
    "entiteter, der henter andre filer eller fylder hukommelsen op. Filer fra lønsystemet har ingen "
    "DOCTYPE; kontakt den, der har dannet filen."
)


def refuse_doctype(head: bytes, name: str) -> None:
    """Walk the prolog (XML declaration, comments, PIs) and refuse a DOCTYPE before the root element."""
    _prolog_end(decode_head(head), name=name, complete=len(head) < PROLOG_BYTES)


def _prolog_end(text: str, *, name: str | None = None, complete: bool = True) -> int | None:
    """Return where the root element begins in `text`, after the XML declaration, comments and PIs.

    With a file `name`, refuse what is not XML or has a DOCTYPE (raise ImportFileError); without
    one (only looking), return None instead.
    """
    i, length = 0, len(text)
    while True:
        while i < length and text[i] in " \t\r\n":
            i += 1
        if i >= length:
            empty = "Filen indeholder ingen XML-elementer."
            _refuse(name, empty if complete else "Filen begynder ikke med XML-data inden for de første 64 kB.")
            return None
        line = f"linje {text.count(chr(10), 0, i) + 1}"
        if text.startswith("<?", i):
            end = text.find("?>", i + 2)
        elif text.startswith("<!--", i):
            end = text.find("-->", i + 4)
        elif text[i : i + 9].upper() == "<!DOCTYPE":
            _refuse(name, _DOCTYPE_MESSAGE, line)
            return None
        elif text.startswith("<", i):
            return i
        else:
            _refuse(name, "Filen er ikke en XML-fil: den skal begynde med '<'.", line)
            return None
        if end < 0:
            _refuse(name, "Filen er ikke gyldig XML: en kommentar eller erklæring bliver ikke afsluttet.", line)
            return None
        i = end + 2 if text.startswith("?>", end) else end + 3


def _refuse(name: str | None, *message: str) -> None:
    """Raise the file error for file `name`; only looking (no name), do nothing."""
    if name is not None:
        raise file_error(name, *message)


def decode_head(head: bytes) -> str:
    """Decode enough of the prolog to find markup; only ASCII characters matter here."""
    if head.startswith(codecs.BOM_UTF8):
        return head[3:].decode("utf-8", "replace")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", "replace")
    return head.decode("latin-1")


def _translate(exc: etree.XMLSyntaxError, name: str):
    """Return an ImportFileError with a Danish message for libxml2's first fatal error."""
    fatals = exc.error_log.filter_from_fatals()
    entry = fatals[0] if fatals else None
    line = entry.line if entry else exc.lineno
    column = entry.column if entry else (exc.position[1] if exc.position else 0)
    technical = entry.message if entry else exc.msg
    kind = entry.type_name if entry else ""
    location = f"linje {line}, kolonne {column}" if line else ""
    if kind in {"ERR_INVALID_ENCODING", "ERR_INVALID_CHAR"} and "encoding" in technical.lower():
        location = f"linje {line}" if line else ""
        message = (
            "Filen indeholder tegn, der ikke passer til dens tegnkodning (fx æ, ø eller å gemt som "
            "Windows-1252/Latin-1 i en fil, der angiver UTF-8). Gem filen som UTF-8, eller ret "
            "tegnkodningen i XML-erklæringen."
        )
    elif kind == "ERR_UNDECLARED_ENTITY":
        match = re.search(r"Entity '([^']+)'", technical)
        entity = f"&{match.group(1)};" if match else "en entitet"
        message = f"Filen bruger {entity}, som ikke er defineret. Skriv &amp; for tegnet &."
    else:
        explained = _EXPLAINED.get(kind, "Filen er ikke gyldig XML.")
        message = f"{explained} (Teknisk: {technical}.)"
    return file_error(name, message, location)


_EXPLAINED = {
    "ERR_TAG_NAME_MISMATCH": "Filen er ikke gyldig XML: et start- og et slutmærke passer ikke sammen.",
    "ERR_TAG_NOT_FINISHED": "Filen slutter, før alle elementer er afsluttet; den er måske ikke overført helt.",
    "ERR_DOCUMENT_END": "Filen er ikke gyldig XML: der står noget efter dokumentets sidste element.",
    "ERR_DOCUMENT_EMPTY": "Filen indeholder ingen XML-elementer.",
    "ERR_LT_IN_ATTRIBUTE": "Filen er ikke gyldig XML: tegnet < står i en attributværdi.",
}


class Fields:
    """The texts of one record's child elements by name (first occurrence, namespace ignored).

    `where()` builds the location HR sees: '<employee id="1234"> linje 40, felt <entryDate>'.
    Lines are looked up only when a problem is reported, because 50,000 employees × 25 fields
    of bookkeeping is what makes a parser slow. Use it before the record element is cleared.
    """

    LINE = "linje"

    def __init__(self, element, label: str):
        self.element = element
        self.label = label
        self.line = element.sourceline
        texts: dict[str, str] = {}
        for child in element.iterchildren(tag=etree.Element):
            tag = child.tag
            if "}" in tag:
                tag = tag.rsplit("}", 1)[1]
            if tag not in texts:
                text = child.text
                texts[tag] = text.strip() if text else ""
        self.texts = texts  # read it directly in a hot loop: `fields.texts.get(name, "")`

    def __bool__(self):
        return bool(self.texts)

    def text(self, name: str) -> str:
        return self.texts.get(name, "")

    def where(self, name: str | None = None) -> str:
        if name is None:
            return f"{self.label} linje {self.line}"
        child = self.element.find(f"{{*}}{name}")
        line = child.sourceline if child is not None else self.line
        return f"{self.label} linje {line}, felt <{name}>"

    def missing(self, name: str) -> str:
        return f"Feltet <{name}> mangler eller er tomt"
