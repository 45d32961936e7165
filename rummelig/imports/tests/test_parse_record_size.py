"""The streaming XML reader frees every record and refuses an element too large to be a record."""

import pytest

from rummelig.imports.parsers import ImportFileError, parse_opus, safexml


def write(tmp_path, body, name="ZLPE20250101000000_delta.xml"):
    path = tmp_path / name
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<kmd>\n' + body + "</kmd>\n", encoding="utf-8")
    return path


UNIT = '<orgUnit id="{id}"><startDate>2007-01-01</startDate><longName>Enhed {id}</longName></orgUnit>\n'


def test_an_element_larger_than_a_record_can_be_is_refused_with_where(tmp_path, monkeypatch):
    monkeypatch.setattr(safexml, "MAX_BYTES_PER_RECORD", 64 * 1024)
    path = write(tmp_path, UNIT.format(id=1) + "<noter>" + "<note>Søren</note>" * 20_000 + "</noter>\n" + UNIT.format(id=2))

    with pytest.raises(ImportFileError) as error:
        parse_opus(path)

    [problem] = error.value.problems
    assert problem.location == "efter linje 3"
    assert problem.message == (
        "Et element i filen fylder mere end 64 kB og indlæses ikke; filer fra lønsystemet har kun små elementer."
    )


def test_many_records_pass_the_size_check_because_each_resets_it(tmp_path, monkeypatch):
    monkeypatch.setattr(safexml, "MAX_BYTES_PER_RECORD", 64 * 1024)
    path = write(tmp_path, "".join(UNIT.format(id=n) for n in range(5_000)))

    assert len(parse_opus(path).units) == 5_000


def test_a_record_tag_inside_a_record_is_part_of_it_not_a_record(tmp_path):
    path = write(
        tmp_path,
        '<orgUnit id="1"><startDate>2007-01-01</startDate><longName>Rådhuset</longName>'
        '<orgUnit id="99"><longName>Indlejret</longName></orgUnit></orgUnit>\n',
    )

    parsed = parse_opus(path)

    assert [unit.source_id for unit in parsed.units] == ["1"]
    assert parsed.units[0].name == "Rådhuset"


def test_the_root_is_checked_before_parsing_with_its_danish_name(tmp_path, monkeypatch):
    path = tmp_path / "ZLPE20250101000000_delta.xml"
    path.write_text('<?xml version="1.0"?>\n<!-- udtræk -->\n<lønudtræk>' + "<x/>" * 1000 + "</lønudtræk>", encoding="utf-8")

    def never(*args, **kwargs):
        raise AssertionError("lxml was asked to parse")

    monkeypatch.setattr(safexml.etree, "iterparse", never)
    with pytest.raises(ImportFileError) as error:
        parse_opus(path)

    [problem] = error.value.problems
    assert problem.location == "linje 3"
    assert problem.message == (
        "Filen er ikke en OPUS-fil fra KMD: den begynder med elementet <lønudtræk>, men skal begynde med <kmd>."
    )
