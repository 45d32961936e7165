"""Files that must be refused as a whole, before or while parsing, with a Danish message and where."""

import codecs
import io
import time
from pathlib import Path

import pytest

from rummelig.imports.parsers import ImportFileError, check_size, common, parse_opus, parse_sd, safexml

DATA = Path(__file__).parent / "data"
DOCTYPE_MESSAGE = (
    "Filen indeholder en DOCTYPE-erklæring og afvises af sikkerhedshensyn: en DOCTYPE kan definere "
    "entiteter, der henter andre filer eller fylder hukommelsen op. Filer fra lønsystemet har ingen "
    "DOCTYPE; kontakt den, der har dannet filen."
)


def refusal(parse, source, **kwargs):
    with pytest.raises(ImportFileError) as error:
        parse(source, **kwargs)
    [problem] = error.value.problems
    return problem


@pytest.fixture
def no_xml_parsing(monkeypatch):
    """Fail the test if lxml is ever asked to parse: the refusal must come before."""

    def refuse(*args, **kwargs):
        raise AssertionError("lxml.etree.iterparse was called")

    monkeypatch.setattr(safexml.etree, "iterparse", refuse)


def test_broken_xml_is_refused_with_its_line_and_column():
    problem = refusal(parse_opus, DATA / "opus_broken.xml")

    assert problem.file == "opus_broken.xml"
    assert problem.location == "linje 12, kolonne 37"
    assert problem.message == (
        "Filen er ikke gyldig XML: et start- og et slutmærke passer ikke sammen. "
        "(Teknisk: Opening and ending tag mismatch: lastName line 12 and lastNavn.)"
    )


def test_latin1_letters_in_a_file_declared_utf8_are_refused_with_their_line():
    problem = refusal(parse_opus, DATA / "opus_latin1.xml")

    assert problem.location == "linje 11"
    assert problem.message == (
        "Filen indeholder tegn, der ikke passer til dens tegnkodning (fx æ, ø eller å gemt som "
        "Windows-1252/Latin-1 i en fil, der angiver UTF-8). Gem filen som UTF-8, eller ret "
        "tegnkodningen i XML-erklæringen."
    )


def test_a_file_that_declares_latin1_is_read(tmp_path):
    path = tmp_path / "ZLPE20250101000000_delta.xml"
    text = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<kmd><orgUnit id="1"><longName>Søndergården</longName></orgUnit></kmd>\n'
    path.write_bytes(text.encode("latin-1"))

    assert parse_opus(path).units[0].name == "Søndergården"


def test_a_truncated_file_is_refused_with_its_line(tmp_path):
    path = tmp_path / "ZLPE20250101000000_delta.xml"
    path.write_text((DATA / "ZLPE20250101000000_delta.xml").read_text(encoding="utf-8")[:3000], encoding="utf-8")

    problem = refusal(parse_opus, path)

    assert problem.message.startswith(
        "Filen slutter, før alle elementer er afsluttet; den er måske ikke overført helt."
    )
    assert problem.location.startswith("linje ")


def test_a_billion_laughs_entity_bomb_is_refused_without_expanding_it(no_xml_parsing):
    started = time.perf_counter()

    problem = refusal(parse_opus, DATA / "opus_billion_laughs.xml")

    assert (problem.location, problem.message) == ("linje 2", DOCTYPE_MESSAGE)
    assert time.perf_counter() - started < 1


def test_an_external_entity_pointing_at_etc_passwd_is_refused_without_reading_it(no_xml_parsing):
    problem = refusal(parse_opus, DATA / "opus_xxe.xml")

    assert (problem.location, problem.message) == ("linje 3", DOCTYPE_MESSAGE)
    assert "root:" not in str(problem)


def test_a_doctype_after_a_byte_order_mark_is_refused(tmp_path, no_xml_parsing):
    path = tmp_path / "opus.xml"
    path.write_bytes(
        codecs.BOM_UTF8 + b'<?xml version="1.0"?>\n<!doctype kmd SYSTEM "http://example.org/kmd.dtd">\n<kmd/>\n'
    )

    assert refusal(parse_opus, path).message == DOCTYPE_MESSAGE


def test_a_doctype_in_a_utf16_file_is_refused(tmp_path, no_xml_parsing):
    path = tmp_path / "opus.xml"
    path.write_bytes(
        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE kmd [<!ENTITY a "b">]>\n<kmd/>\n'.encode("utf-16")
    )

    assert refusal(parse_opus, path).message == DOCTYPE_MESSAGE


def test_a_doctype_hidden_behind_64_kb_of_comments_is_refused(tmp_path, no_xml_parsing):
    path = tmp_path / "opus.xml"
    path.write_text("<!--" + "x" * 70_000 + "-->\n<!DOCTYPE kmd>\n<kmd/>\n", encoding="utf-8")

    problem = refusal(parse_opus, path)

    assert problem.message in {
        "Filen begynder ikke med XML-data inden for de første 64 kB.",
        "Filen er ikke gyldig XML: en kommentar eller erklæring bliver ikke afsluttet.",
    }


def test_a_doctype_in_an_sd_file_is_refused_too(tmp_path, no_xml_parsing):
    path = tmp_path / "GetEmployment20111201.xml"
    path.write_text(
        '<!DOCTYPE GetEmployment20111201 [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<GetEmployment20111201/>',
        encoding="utf-8",
    )

    assert (refusal(parse_sd, path).location, refusal(parse_sd, path).message) == ("linje 1", DOCTYPE_MESSAGE)


def test_an_undefined_entity_is_refused_with_its_line(tmp_path):
    path = tmp_path / "ZLPE20250101000000_delta.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<kmd>\n <orgUnit id="1"><longName>&xxe;</longName></orgUnit>\n</kmd>\n',
        encoding="utf-8",
    )

    problem = refusal(parse_opus, path)

    assert problem.location == "linje 3, kolonne 33"
    assert problem.message == "Filen bruger &xxe;, som ikke er defineret. Skriv &amp; for tegnet &."


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "ZLPE20250101000000_delta.xml"
    path.write_bytes(b"")

    problem = refusal(parse_opus, path)

    assert str(problem) == "ZLPE20250101000000_delta.xml: Filen er tom."


def test_a_file_with_only_blank_lines_is_refused(tmp_path):
    path = tmp_path / "ZLPE20250101000000_delta.xml"
    path.write_text("\n\n  \n", encoding="utf-8")

    assert refusal(parse_opus, path).message == "Filen indeholder ingen XML-elementer."


def test_a_csv_file_given_as_opus_is_refused(tmp_path):
    path = tmp_path / "ZLPE20250101000000_delta.xml"
    path.write_text("enheds-id;navn\n1;Rådhuset\n", encoding="utf-8")

    problem = refusal(parse_opus, path)

    assert (problem.location, problem.message) == ("linje 1", "Filen er ikke en XML-fil: den skal begynde med '<'.")


def test_a_2_gb_file_is_refused_by_its_size_without_being_read(two_gb_opus_file, monkeypatch):
    path = two_gb_opus_file

    def never(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr("rummelig.imports.parsers.opus.open_binary", never)
    expected = "Filen fylder 2,0 GB; den største fil, der kan indlæses, er 500 MB."

    with pytest.raises(ImportFileError) as error:
        check_size(path)
    assert error.value.problems[0].message == expected
    assert refusal(parse_opus, path).message == expected


def test_an_upload_stream_is_refused_by_its_size(tmp_path):
    upload = io.BytesIO(b"<kmd/>" * 100)

    with pytest.raises(ImportFileError, match="den største fil, der kan indlæses, er 1 kB"):
        check_size(upload, name="opus.xml", limit=100)
    assert upload.tell() == 0


def test_a_stream_that_cannot_tell_its_size_is_cut_off_at_the_limit():
    class Pipe:
        def __init__(self):
            self._data = io.BytesIO(b"x" * 5000)

        def read(self, size=-1):
            return self._data.read(size)

    with pytest.raises(ImportFileError, match="Filen er større end 2 kB og kan ikke indlæses"):
        with common.open_binary(Pipe(), name="opus.xml", limit=2048):
            pass
