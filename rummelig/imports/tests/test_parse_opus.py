import io
import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from rummelig.imports.parsers import (
    EmploymentRecord,
    ImportFileError,
    LeaveRecord,
    Problems,
    UnitRecord,
    dump_timestamp_from_filename,
    iter_opus,
    parse_opus,
)

from .conftest import by_id

DATA = Path(__file__).parent / "data"
DAY_1 = DATA / "ZLPE20250101000000_delta.xml"
DAY_2 = DATA / "ZLPE20250102000000_delta.xml"


def write(tmp_path, text, name="ZLPE20250101000000_delta.xml"):
    path = tmp_path / name
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<kmd>\n' + text + "</kmd>\n", encoding="utf-8")
    return path


def test_it_reads_units_with_their_parents():
    parsed = parse_opus(DAY_1)

    units = by_id(parsed.units)
    assert parsed.problems == []
    assert list(units) == ["100", "110", "111", "120", "121"]
    assert units["111"] == UnitRecord(
        source_id="111",
        parent_source_id="110",
        name="Børnehuset Æblegården",
        short_name="ÆBLEG",
        p_number="1012345678",
        cost_centre="4711",
        valid_from=date(2012, 8, 1),
        valid_to=None,
        kind_hint="Institution",
        location='<orgUnit id="111"> linje 38',
    )


def test_the_top_unit_has_no_parent_and_ten_zeros_mean_no_p_number():
    unit = by_id(parse_opus(DAY_1).units)["100"]

    assert unit.parent_source_id is None
    assert unit.p_number == ""
    assert unit.cost_centre == ""


def test_it_reads_an_employee_as_an_employment():
    employment = by_id(parse_opus(DAY_1).employments)["5002"]

    assert employment == EmploymentRecord(
        source_id="5002",
        cpr="1502854321",
        first_name="Åse",
        last_name="Møller",
        unit_source_id="111",
        job_title="Pædagogmedhjælper",
        contract_code="61",
        contract_text="Fleksjob",
        status_code="",
        start=date(2024, 3, 1),
        end=None,
        fte=Decimal("0.4054"),
        weekly_hours=Decimal("15.00"),
        is_manager=False,
        cancelled=False,
        location='<employee id="5002"> linje 107',
    )


def test_a_manager_is_marked():
    employments = by_id(parse_opus(DAY_1).employments)

    assert employments["5001"].is_manager
    assert not employments["5003"].is_manager


def test_the_login_user_name_comes_from_user_id_where_present():
    employments = by_id(parse_opus(DAY_1).employments)

    assert employments["5001"].account_name == "SAEROE"
    assert employments["5002"].account_name == ""  # <userId/>


def test_an_annulled_employment_is_marked_cancelled():
    employments = by_id(parse_opus(DAY_1).employments)

    assert employments["5004"].cancelled
    assert employments["5004"].contract_text == "Annulleret"
    assert not employments["5002"].cancelled


def test_one_person_can_have_several_employments():
    employments = by_id(parse_opus(DAY_1).employments)

    assert employments["5001"].cpr == employments["5005"].cpr == "0101901234"
    assert employments["5005"].unit_source_id == "121"


def test_an_empty_entry_date_falls_back_to_the_dump_date():
    employment = by_id(parse_opus(DAY_1).employments)["5005"]

    assert employment.start == date(2025, 1, 1)
    assert employment.fte == Decimal("0.0000")


def test_a_dump_date_given_by_the_caller_wins_over_the_file_name():
    employment = by_id(parse_opus(DAY_1, dump_date=date(2024, 12, 31)).employments)["5005"]

    assert employment.start == date(2024, 12, 31)


def test_an_empty_entry_date_in_a_file_without_a_dated_name_is_a_problem(tmp_path):
    path = tmp_path / "opus.xml"
    shutil.copy(DAY_1, path)

    parsed = parse_opus(path)

    assert [str(problem) for problem in parsed.problems] == [
        'opus.xml: <employee id="5005"> linje 177, felt <entryDate>: Feltet <entryDate> er tomt, og filnavnet '
        "indeholder ingen dato (ZLPE<ååååmmddttmmss>), så startdatoen kendes ikke."
    ]
    assert "5005" not in by_id(parsed.employments)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("ZLPE20250101000000_delta.xml", datetime(2025, 1, 1, 0, 0, 0)),
        ("ZLPE20200101_delta.xml", datetime(2020, 1, 1)),
        ("/srv/opus/ZLPE20190902224224_delta.xml", datetime(2019, 9, 2, 22, 42, 24)),
        ("zlpe20250615120000_delta.xml", datetime(2025, 6, 15, 12, 0, 0)),
        ("ZLPE20251301000000_delta.xml", None),
        ("dump.xml", None),
    ],
)
def test_the_dump_timestamp_comes_from_the_file_name_in_danish_time(name, expected):
    stamp = dump_timestamp_from_filename(name)

    if expected is None:
        assert stamp is None
    else:
        assert stamp == expected.replace(tzinfo=ZoneInfo("Europe/Copenhagen"))
        assert parse_opus(DAY_1, name=name).dump_timestamp == stamp


def test_the_next_day_ends_one_employment_and_adds_another():
    before = by_id(parse_opus(DAY_1).employments)
    after = parse_opus(DAY_2)

    employments = by_id(after.employments)
    assert before["5003"].end == date(2025, 4, 30)
    assert employments["5003"].end == date(2025, 1, 31)
    assert "5006" not in before
    assert employments["5006"].unit_source_id == "122"
    assert (employments["5006"].fte, employments["5006"].weekly_hours) == (Decimal("0.8108"), Decimal("30.00"))
    assert by_id(after.units)["122"].name == "Genbrugspladsen Nord"


def test_a_leave_carries_only_the_employment_number():
    after = parse_opus(DAY_2)

    assert after.leaves == [
        LeaveRecord(source_id="5005", location='<employee id="5005"> linje 121'),
        LeaveRecord(source_id="4999", location='<employee id="4999"> linje 122'),
    ]


def test_an_employee_missing_from_the_next_dump_is_not_a_leave():
    after = parse_opus(DAY_2)

    assert "5004" not in by_id(after.employments)
    assert "5004" not in by_id(after.leaves)


def test_a_unit_with_only_the_required_elements_is_read():
    unit = by_id(parse_opus(DAY_2).units)["122"]

    assert (unit.p_number, unit.cost_centre, unit.kind_hint) == ("", "", "")
    assert unit.valid_from == date(2025, 1, 2)


def test_records_stream_in_file_order():
    kinds = [type(record).__name__ for record in iter_opus(DAY_2, Problems())]

    assert kinds == ["UnitRecord"] * 6 + ["EmploymentRecord"] * 4 + ["LeaveRecord"] * 2


def test_an_uploaded_stream_is_read_with_its_original_name():
    with open(DAY_1, "rb") as upload:
        parsed = parse_opus(upload, name="ZLPE20250101000000_delta.xml")
        assert not upload.closed

    assert parsed.file == "ZLPE20250101000000_delta.xml"
    assert len(parsed.employments) == 5


def test_a_stream_that_cannot_seek_is_read_too():
    class Pipe:
        def __init__(self, data):
            self._data = io.BytesIO(data)

        def read(self, size=-1):
            return self._data.read(size)

    parsed = parse_opus(Pipe(DAY_2.read_bytes()), name="ZLPE20250102000000_delta.xml")

    assert len(parsed.employments) == 4


def test_a_date_that_is_not_a_date_is_reported_with_element_line_and_field():
    problems = [str(problem) for problem in parse_opus(DATA / "opus_bad_fields.xml").problems]

    assert (
        'opus_bad_fields.xml: <employee id="5002"> linje 16, felt <entryDate>: '
        "'2024-02-30' er ikke en gyldig dato (forventede ÅÅÅÅ-MM-DD)."
    ) in problems
    assert (
        'opus_bad_fields.xml: <orgUnit id="110"> linje 10, felt <startDate>: '
        "'2007-13-01' er ikke en gyldig dato (forventede ÅÅÅÅ-MM-DD)."
    ) in problems


def test_an_invalid_cpr_is_reported_masked():
    problems = [str(problem) for problem in parse_opus(DATA / "opus_bad_fields.xml").problems]

    assert (
        'opus_bad_fields.xml: <employee id="5002"> linje 18, felt <cpr>: '
        "CPR-nummeret 310299-xxxx begynder ikke med en gyldig dato."
    ) in problems


def test_a_missing_required_field_is_reported_at_the_employee():
    problems = [str(problem) for problem in parse_opus(DATA / "opus_bad_fields.xml").problems]

    assert (
        'opus_bad_fields.xml: <employee id="5002"> linje 15, felt <orgUnit>: '
        "Feltet <orgUnit> mangler eller er tomt; ansættelsen skal høre til en enhed."
    ) in problems


def test_a_zero_denominator_and_an_unreadable_manager_flag_are_reported():
    problems = [str(problem) for problem in parse_opus(DATA / "opus_bad_fields.xml").problems]

    assert (
        'opus_bad_fields.xml: <employee id="5002"> linje 24, felt <denominator>: Beskæftigelsesbrøken kan ikke '
        "beregnes: <numerator> og <denominator> skal være tal, og <denominator> må ikke være 0 (fandt '15' / '0')."
    ) in problems
    assert (
        "opus_bad_fields.xml: <employee id=\"5003\"> linje 31, felt <isManager>: 'måske' er hverken true eller false."
        in problems
    )


def test_all_problems_of_a_file_are_reported_together_and_their_records_are_left_out():
    parsed = parse_opus(DATA / "opus_bad_fields.xml")

    assert len(parsed.problems) == 6
    assert [unit.source_id for unit in parsed.units] == ["100"]
    assert [employment.source_id for employment in parsed.employments] == ["5004"]


def test_at_most_200_problems_are_listed(tmp_path):
    employees = "".join(
        f' <employee id="{i}"><entryDate>i går</entryDate><cpr>0101901234</cpr><lastName>Ø</lastName>'
        "<orgUnit>1</orgUnit><numerator>1</numerator><denominator>1</denominator></employee>\n"
        for i in range(300)
    )

    parsed = parse_opus(write(tmp_path, employees))

    assert len(parsed.problems) == 201
    assert parsed.problems[-1].message.startswith("… og 100 problemer mere")


def test_a_fraction_above_one_is_reported(tmp_path):
    path = write(
        tmp_path,
        ' <employee id="7"><entryDate>2025-01-01</entryDate><cpr>0101901234</cpr><lastName>Ø</lastName>'
        "<orgUnit>1</orgUnit><numerator>40</numerator><denominator>37</denominator></employee>\n",
    )

    [problem] = parse_opus(path).problems

    assert problem.location == '<employee id="7"> linje 3, felt <numerator>'
    assert problem.message == "Beskæftigelsesbrøken 40/37 skal ligge mellem 0 og 1."


def test_a_duplicate_employee_id_is_reported(tmp_path):
    employee = (
        ' <employee id="7"><entryDate>2025-01-01</entryDate><cpr>0101901234</cpr><lastName>Ø</lastName>'
        "<orgUnit>1</orgUnit><numerator>1</numerator><denominator>1</denominator></employee>\n"
    )

    [problem] = parse_opus(write(tmp_path, employee + employee)).problems

    assert str(problem) == (
        'ZLPE20250101000000_delta.xml: <employee id="7"> linje 4: '
        "Medarbejder-id '7' står også i linje 3; hvert id må kun stå én gang."
    )


def test_an_unknown_action_and_an_empty_employee_are_reported(tmp_path):
    path = write(tmp_path, ' <employee id="7" action="move"/>\n <employee id="8"/>\n')

    assert [(problem.location, problem.message) for problem in parse_opus(path).problems] == [
        ('<employee id="7"> linje 3', 'Ukendt action="move"; OPUS bruger kun action="leave".'),
        ('<employee id="8"> linje 4', 'Medarbejderen har ingen oplysninger og er ikke markeret med action="leave".'),
    ]


def test_a_p_number_that_is_not_ten_digits_is_left_out_with_a_notice(tmp_path):
    path = write(tmp_path, ' <orgUnit id="1"><longName>Rådhuset</longName><pNr>923458347</pNr></orgUnit>\n')

    parsed = parse_opus(path)

    assert parsed.problems == []
    assert parsed.units[0].p_number is None
    assert [str(notice) for notice in parsed.notices] == [
        'ZLPE20250101000000_delta.xml: <orgUnit id="1"> linje 3, felt <pNr>: '
        "P-nummeret '923458347' er ikke 10 cifre og er ikke indlæst."
    ]


def test_unknown_elements_and_comments_are_ignored(tmp_path):
    path = write(
        tmp_path,
        ' <!-- natlig kørsel -->\n <orgUnit id="1"><longName>Rådhuset</longName><futureField>x</futureField></orgUnit>\n'
        ' <function artText="TR"/>\n',
    )

    parsed = parse_opus(path)

    assert parsed.problems == []
    assert [unit.name for unit in parsed.units] == ["Rådhuset"]


def test_a_file_with_another_root_element_is_refused(tmp_path):
    path = tmp_path / "ZLPE20250101000000_delta.xml"
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<OS2MO>\n <orgUnit id="1"/>\n</OS2MO>\n', encoding="utf-8")

    with pytest.raises(ImportFileError) as error:
        parse_opus(path)

    assert str(error.value) == (
        "ZLPE20250101000000_delta.xml: linje 2: Filen er ikke en OPUS-fil fra KMD: den begynder med "
        "elementet <OS2MO>, men skal begynde med <kmd>."
    )


def test_a_file_without_records_and_with_another_root_is_refused(tmp_path):
    path = tmp_path / "opus.xml"
    path.write_text("<løn/>", encoding="utf-8")

    with pytest.raises(ImportFileError, match="den begynder med elementet <løn>"):
        parse_opus(path)
