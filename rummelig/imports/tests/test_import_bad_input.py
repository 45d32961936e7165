"""Bad input is refused with a Danish message that names the file, where in it, and why; nothing is written."""

import pytest

from rummelig.imports import apply as apply_module
from rummelig.imports.models import ImportRun, SourceKind
from rummelig.imports.service import import_file

from .conftest import DATA, OPUS_DAY_1, opus_xml, register_counts

pytestmark = pytest.mark.django_db

GOOD_UNIT = (
    '<orgUnit id="100" client="813"><startDate>1970-04-01</startDate><endDate>9999-12-31</endDate>'
    "<parentOrgUnit/><longName>Rummelby Kommune</longName></orgUnit>\n"
)
GOOD_EMPLOYEE = """ <employee id="{id}" client="813">
  <entryDate>{entry}</entryDate><leaveDate/><cpr suppId="0">{cpr}</cpr>
  <firstName>Åse</firstName><lastName>Møller</lastName>
  <workContract>08</workContract><workContractText>Ansat</workContractText>
  <isManager>false</isManager>{unit}
  <numerator>37</numerator><denominator>37</denominator>
 </employee>
"""


def lone_unit(unit_id, start, parent, name):
    """An OPUS file with one unit, under a parent the file does not have."""
    return opus_xml(f'<orgUnit id="{unit_id}"><startDate>{start}</startDate><parentOrgUnit>{parent}</parentOrgUnit>'
                    f"<longName>{name}</longName></orgUnit>\n")  # fmt: skip


def employee(id="5002", entry="2024-03-01", cpr="1502854321", unit="<orgUnit>100</orgUnit>"):
    return GOOD_EMPLOYEE.format(id=id, entry=entry, cpr=cpr, unit=unit)


def refused(path, source=SourceKind.OPUS):
    """Import the file; assert it was refused and wrote nothing; return the problems as text."""
    before = register_counts()
    run = import_file(source, path).run
    assert run.status == ImportRun.Status.FAILED
    assert register_counts() == before
    assert not run.changed_anything
    return [": ".join(part for part in (p["file"], p["location"], p["message"]) if part) for p in run.problems]


@pytest.fixture(autouse=True)
def mapped(opus_codes):
    """Every code in these files is mapped, so only the fault under test can stop the import."""


@pytest.fixture
def the_first_dump(opus_codes):
    import_file(SourceKind.OPUS, OPUS_DAY_1)


def test_broken_xml_names_the_file_line_and_column():
    assert refused(DATA / "opus_broken.xml") == [
        "opus_broken.xml: linje 12, kolonne 37: Filen er ikke gyldig XML: et start- og et slutmærke passer ikke "
        "sammen. (Teknisk: Opening and ending tag mismatch: lastName line 12 and lastNavn.)"
    ]


def test_broken_xml_after_many_good_records_writes_none_of_them(write_file, the_first_dump):
    good_records = "".join(employee(id=str(9000 + n)) for n in range(300))
    body = GOOD_UNIT + good_records + ' <employee id="9999"><firstName>Åse</lastName>\n'
    path = write_file("ZLPE20250301000000_delta.xml", opus_xml(body))

    [problem] = refused(path)

    assert problem.startswith("ZLPE20250301000000_delta.xml: linje ")
    assert "Filen er ikke gyldig XML" in problem


def test_a_wrong_encoding_names_the_line():
    assert refused(DATA / "opus_latin1.xml") == [
        "opus_latin1.xml: linje 11: Filen indeholder tegn, der ikke passer til dens tegnkodning (fx æ, ø eller å "
        "gemt som Windows-1252/Latin-1 i en fil, der angiver UTF-8). Gem filen som UTF-8, eller ret tegnkodningen "
        "i XML-erklæringen."
    ]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param({"unit": ""}, '<employee id="5002"> linje 4, felt <orgUnit>: Feltet <orgUnit> mangler eller er '
                     "tomt; ansættelsen skal høre til en enhed.", id="a missing required field"),
        pytest.param({"entry": "2024-02-30"}, '<employee id="5002"> linje 5, felt <entryDate>: \'2024-02-30\' er ikke '
                     "en gyldig dato (forventede ÅÅÅÅ-MM-DD).", id="a date that is not a date"),
        pytest.param({"cpr": "3102991234"}, '<employee id="5002"> linje 5, felt <cpr>: CPR-nummeret 310299-xxxx '
                     "begynder ikke med en gyldig dato.", id="a CPR number that is not valid, masked"),
    ],
)  # fmt: skip
def test_a_bad_field_is_named_with_its_element(write_file, fields, expected):
    path = write_file("ZLPE20250101000000_delta.xml", opus_xml(GOOD_UNIT + employee(**fields)))

    assert refused(path) == [f"ZLPE20250101000000_delta.xml: {expected}"]


def test_an_employee_in_a_unit_that_exists_neither_in_the_file_nor_in_rummelig(write_file, world):
    path = write_file(
        "ZLPE20250101000000_delta.xml", opus_xml(GOOD_UNIT + employee(unit="<orgUnit>999</orgUnit>"))
    )

    assert refused(path) == [
        'ZLPE20250101000000_delta.xml: <employee id="5002"> linje 4: Enheden \'999\' findes hverken i filen '
        "eller i Rummelig."
    ]


@pytest.mark.parametrize("name", ["opus_billion_laughs.xml", "opus_xxe.xml"])
def test_an_entity_bomb_or_external_entity_is_refused_before_parsing(name):
    [problem] = refused(DATA / name)

    assert problem.startswith(f"{name}: linje ")
    assert "Filen indeholder en DOCTYPE-erklæring og afvises af sikkerhedshensyn" in problem


def test_an_empty_file(write_file):
    path = write_file("ZLPE20250101000000_delta.xml", "")

    assert refused(path) == ["ZLPE20250101000000_delta.xml: Filen er tom."]


def test_a_2_gb_file_is_refused_by_its_size_before_a_byte_is_read(two_gb_opus_file, monkeypatch):
    path = two_gb_opus_file

    def never(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr("rummelig.imports.sources.read_file", never)
    monkeypatch.setattr("rummelig.imports.sources.hashlib.sha256", never)

    assert refused(path) == [
        "ZLPE20250101000000_delta.xml: Filen fylder 2,0 GB; den største fil, der kan indlæses, er 500 MB."
    ]


def test_all_row_problems_are_listed_at_once():
    problems = refused(DATA / "opus_bad_fields.xml")

    assert len(problems) >= 4
    assert any("<startDate>: '2007-13-01' er ikke en gyldig dato" in p for p in problems)
    assert any("<isManager>: 'måske' er hverken true eller false." in p for p in problems)


def test_a_unit_under_a_parent_known_nowhere(write_file):
    path = write_file("ZLPE20250101000000_delta.xml", lone_unit("110", "2007-01-01", "42", "Børne- og Ungeforvaltningen"))

    assert refused(path) == [
        "ZLPE20250101000000_delta.xml: <orgUnit id=\"110\"> linje 3: Den overordnede enhed '42' findes hverken i "
        "filen eller i Rummelig."
    ]


def test_an_error_while_writing_rolls_everything_back(monkeypatch, world):
    def fail_after_units(plan, progress):
        original(plan, progress)
        raise RuntimeError("disken er fuld")

    original = apply_module._apply_units
    monkeypatch.setattr(apply_module, "_apply_units", fail_after_units)
    before = register_counts()

    run = import_file(SourceKind.OPUS, OPUS_DAY_1).run

    assert run.status == ImportRun.Status.ERROR
    assert run.error == "Indlæsningen stoppede på grund af en fejl, og intet er skrevet: RuntimeError: disken er fuld"
    assert register_counts() == before


def test_a_parent_that_would_make_a_loop_with_the_units_in_rummelig(world, write_file):
    # In Rummelig Solsikken (W11) lies under Center for Børn og Unge (C1); the file puts C1 under W11.
    path = write_file("ZLPE20250101000000_delta.xml", lone_unit("C1", "2020-01-01", "W11", "Center for Børn og Unge"))

    assert refused(path) == [
        "ZLPE20250101000000_delta.xml: <orgUnit id=\"C1\"> linje 3: Enheden 'C1' ville ligge under sig selv: dens "
        "overordnede enheder i filen og i Rummelig danner en ring."
    ]


def test_two_units_in_rummelig_with_the_same_payroll_id(world, write_file):
    from rummelig.organisation.models import Unit

    Unit.objects.create(name="Solsikken Børnehus (gammel)", parent=world.centre_a, valid_from=world.kommune.valid_from,
                        payroll_id="W11")  # fmt: skip
    path = write_file("ZLPE20250101000000_delta.xml", opus_xml(employee(unit="<orgUnit>W11</orgUnit>")))

    assert refused(path) == [
        "ZLPE20250101000000_delta.xml: Flere enheder i Rummelig har lønsystem-id'et 'W11'; giv hver enhed sit eget "
        "id, før filen indlæses."
    ]
