from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from rummelig.imports.parsers import EmploymentRecord, ImportFileError, UnitRecord, parse_sd

from .conftest import by_id

DATA = Path(__file__).parent / "data"
HEADER = (
    "PersonCivilRegistrationIdentifier;PersonGivenName;PersonSurnameName;EmploymentIdentifier;EmploymentDate;"
    "ActivationDate;DeactivationDate;EmploymentStatusCode;JobPositionIdentifier;EmploymentName;OccupationRate;"
    "DepartmentIdentifier\n"
)


def employments_csv(tmp_path, *rows, encoding="utf-8"):
    path = tmp_path / "sd_ansaettelser.csv"
    path.write_bytes((HEADER + "".join(row + "\n" for row in rows)).encode(encoding))
    return path


def test_departments_are_read_from_csv_with_a_byte_order_mark():
    parsed = parse_sd(DATA / "sd_afdelinger.csv")

    units = by_id(parsed.units)
    assert parsed.problems == []
    assert list(units) == ["RK", "BU", "AEB", "OEV"]
    assert units["AEB"] == UnitRecord(
        source_id="AEB",
        parent_source_id="BU",
        name="Børnehuset Æblegården",
        short_name="",
        p_number="1012345678",
        cost_centre="4711",
        valid_from=date(2012, 8, 1),
        valid_to=None,
        kind_hint="Afdelings-niveau",
        location="linje 4",
    )
    assert units["RK"].parent_source_id is None
    assert units["OEV"].valid_to == date(2025, 6, 30)


def test_employments_are_read_from_csv():
    employment = by_id(parse_sd(DATA / "sd_ansaettelser.csv").employments)["30412"]

    assert employment == EmploymentRecord(
        source_id="30412",
        cpr="1706594455",
        first_name="Mette",
        last_name="Frølund",
        unit_source_id="OEV",
        job_title="Pladsmand",
        contract_code="7303",
        contract_text="Pladsmand",
        status_code="3",
        start=date(2010, 5, 1),
        end=None,
        fte=Decimal("0.8108"),
        weekly_hours=Decimal("30.00"),
        is_manager=False,
        cancelled=False,
        location="linje 5",
    )


def test_status_codes_decide_end_and_cancellation():
    employments = by_id(parse_sd(DATA / "sd_ansaettelser.csv").employments)

    assert employments["31207"].end is None  # 1: ansat i løn, open-ended
    assert employments["31990"].end == date(2025, 4, 30)  # 1 with a known DeactivationDate
    assert employments["30412"].end is None  # 3: midlertidigt ude af løn, still employed
    assert employments["29877"].end == date(2024, 12, 31)  # 8: fratrådt from 2025-01-01
    assert employments["32001"].cancelled  # S: slettet
    assert employments["32001"].unit_source_id == ""


def test_occupation_rate_accepts_comma_and_point():
    employments = by_id(parse_sd(DATA / "sd_ansaettelser.csv").employments)

    assert employments["31815"].fte == Decimal("0.4054")
    assert employments["31990"].fte == Decimal("1.0000")
    assert employments["29877"].weekly_hours == Decimal("18.50")


def test_a_windows_1252_file_from_excel_is_read_like_utf8(tmp_path):
    path = tmp_path / "sd_ansaettelser.csv"
    path.write_bytes((DATA / "sd_ansaettelser.csv").read_text(encoding="utf-8").encode("cp1252"))

    assert parse_sd(path).employments == parse_sd(DATA / "sd_ansaettelser.csv").employments


def test_a_file_in_neither_utf8_nor_windows_1252_is_refused_with_the_line(tmp_path):
    path = tmp_path / "sd_ansaettelser.csv"
    path.write_bytes(HEADER.encode() + b"0101901234;S\xf8ren;\n0101901234;\x81\xf8;\n")

    with pytest.raises(ImportFileError) as error:
        parse_sd(path)

    assert str(error.value) == (
        "sd_ansaettelser.csv: Filen er hverken gemt som UTF-8 eller Windows-1252 (fejl i linje 2). "
        "Gem filen som 'CSV UTF-8 (kommasepareret)' og prøv igen."
    )


def test_a_header_that_is_neither_departments_nor_employments_is_refused(tmp_path):
    path = tmp_path / "sd.csv"
    path.write_text("Navn;Løn\nSøren;100\n", encoding="utf-8")

    with pytest.raises(ImportFileError) as error:
        parse_sd(path)

    assert error.value.problems[0].location == "linje 1"
    assert error.value.problems[0].message.startswith("Filen ligner hverken SD-afdelinger eller SD-ansættelser")


def test_a_missing_column_is_named(tmp_path):
    path = tmp_path / "sd.csv"
    path.write_text(HEADER.replace(";OccupationRate", ""), encoding="utf-8")

    with pytest.raises(ImportFileError) as error:
        parse_sd(path)

    assert str(error.value) == "sd.csv: linje 1: Disse kolonner mangler i overskriften: OccupationRate."


def test_header_case_and_spaces_do_not_matter(tmp_path):
    path = tmp_path / "sd.csv"
    path.write_text(
        HEADER.replace("EmploymentStatusCode", " employmentstatuscode ")
        + "0101901234;Søren;Ø;1;2020-01-01;2020-01-01;;1;1;Pædagog;1;AEB\n",
        encoding="utf-8",
    )

    assert len(parse_sd(path).employments) == 1


def test_row_problems_name_the_line_and_column(tmp_path):
    path = employments_csv(
        tmp_path,
        "0101901234;Søren;Ærø;1;2024-13-01;2024-01-01;;1;5100;Pædagog;1;AEB",
        "0101901234;Søren;Ærø;2;2024-01-01;2024-01-01;;5;5100;Pædagog;1;AEB",
        "0101901234;Søren;Ærø;3;2024-01-01;2024-01-01;;1;5100;Pædagog;1,2;AEB",
        "3102991234;Åse;Møller;4;2024-01-01;2024-01-01;;1;5100;Pædagog;0,5;AEB",
        "0101901234;Søren;Ærø;5;2024-01-01",
        "0101901234;Søren;Ærø;1;2024-01-01;2024-01-01;;1;5100;Pædagog;1;AEB",
        "0101901234;;;6;2024-01-01;2024-01-01;;1;5100;Pædagog;1;",
    )

    problems = [str(problem) for problem in parse_sd(path).problems]

    assert problems == [
        "sd_ansaettelser.csv: linje 2, kolonne EmploymentDate: '2024-13-01' er ikke en gyldig dato (skriv ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ).",
        "sd_ansaettelser.csv: linje 3, kolonne EmploymentStatusCode: Statuskoden er '5'; SD's statuskoder er 0, 1, 3, 4, 7, 8, 9 og S.",
        "sd_ansaettelser.csv: linje 4, kolonne OccupationRate: Beskæftigelsesbrøken '1,2' skal ligge mellem 0 og 1 (fx 0,8108 for 30 timer).",
        "sd_ansaettelser.csv: linje 5, kolonne PersonCivilRegistrationIdentifier: CPR-nummeret 310299-xxxx begynder ikke med en gyldig dato.",
        "sd_ansaettelser.csv: linje 6: Linjen har 5 felter, men overskriften har 12.",
        "sd_ansaettelser.csv: linje 7, kolonne EmploymentIdentifier: Ansættelsen '1' står også i linje 2; hvert id må kun stå én gang.",
        "sd_ansaettelser.csv: linje 8, kolonne PersonSurnameName: Personen har intet navn: PersonGivenName og PersonSurnameName er tomme.",
        "sd_ansaettelser.csv: linje 8, kolonne DepartmentIdentifier: Afdelingen mangler; ansættelsen skal høre til en afdeling.",
    ]


def test_an_ended_status_without_its_date_is_reported(tmp_path):
    path = employments_csv(tmp_path, "0101901234;Søren;Ærø;1;2024-01-01;;;8;5100;Pædagog;1;AEB")

    [problem] = parse_sd(path).problems

    assert problem.location == "linje 2, kolonne ActivationDate"
    assert problem.message == "ActivationDate skal angive, hvornår status 8 (fratrådt) begyndte."


def test_departments_are_read_from_sd_xml():
    units = by_id(parse_sd(DATA / "GetDepartment20111201.xml").units)

    assert list(units) == ["RK", "AEB", "OEV"]
    assert units["AEB"].parent_source_id == "RK"  # from <DepartmentReference>
    assert units["OEV"].parent_source_id == "RK"  # from <ParentDepartmentIdentifier>
    assert units["AEB"].p_number == "1012345678"
    assert units["AEB"].location == "<Department> AEB linje 20"


def test_employments_from_sd_xml_use_the_period_valid_on_the_day():
    in_june = by_id(parse_sd(DATA / "GetEmployment20111201.xml", as_of=date(2024, 6, 1)).employments)
    in_january = by_id(parse_sd(DATA / "GetEmployment20111201.xml", as_of=date(2025, 1, 2)).employments)

    assert in_june["31815"].fte == Decimal("0.4054")
    assert in_january["31815"].fte == Decimal("0.5405")
    assert in_january["31815"].unit_source_id == "AEB"
    assert in_january["31815"].job_title == "Pædagogmedhjælper"
    assert (in_january["31815"].first_name, in_january["31815"].last_name) == ("Åse", "Møller")


def test_an_sd_xml_employment_ends_the_day_before_status_8():
    parsed = parse_sd(DATA / "GetEmployment20111201.xml", as_of=date(2025, 1, 2))
    employment = by_id(parsed.employments)["31990"]

    assert parsed.problems == []
    assert employment.end == date(2025, 1, 31)
    assert employment.status_code == "1"
    assert (
        by_id(parse_sd(DATA / "GetEmployment20111201.xml", as_of=date(2025, 3, 1)).employments)["31990"].status_code
        == "8"
    )


def test_an_sd_xml_employment_with_status_s_is_cancelled():
    employment = by_id(parse_sd(DATA / "GetEmployment20111201.xml", as_of=date(2025, 1, 2)).employments)["32001"]

    assert employment.cancelled
    assert employment.cpr == "0303034567"
    assert employment.start == date(2025, 1, 6)


def test_an_sd_xml_period_without_activation_date_is_reported(tmp_path):
    path = tmp_path / "GetEmployment20111201.xml"
    path.write_text(
        "<GetEmployment20111201>\n<Person>\n<PersonCivilRegistrationIdentifier>0101901234</PersonCivilRegistrationIdentifier>\n"
        "<PersonGivenName>Søren</PersonGivenName>\n<Employment>\n<EmploymentIdentifier>31207</EmploymentIdentifier>\n"
        "<WorkingTime>\n<OccupationRate>0,5</OccupationRate>\n</WorkingTime>\n</Employment>\n</Person>\n</GetEmployment20111201>\n",
        encoding="utf-8",
    )

    [problem] = parse_sd(path).problems

    assert problem.location == "<Employment> 31207 linje 7, felt <WorkingTime>/<ActivationDate>"
    assert problem.message == "<WorkingTime> mangler <ActivationDate>."


def test_an_sd_xml_file_of_another_kind_is_refused(tmp_path):
    path = tmp_path / "GetProfession20080201.xml"
    path.write_text("<GetProfession20080201><Profession/></GetProfession20080201>", encoding="utf-8")

    with pytest.raises(ImportFileError) as error:
        parse_sd(path)

    assert error.value.problems[0].message == (
        "Filen er ikke et svar fra SD Løns webservice (GetOrganization20111201, GetDepartment20111201, "
        "GetPerson20111201 eller GetEmployment20111201/GetEmploymentChanged20111201/"
        "GetEmploymentChangedAtDate20111201): den begynder med elementet <GetProfession20080201>, men skal begynde "
        "med <GetOrganization…> eller <GetDepartment…> eller <GetPerson…> eller <GetEmployment…>."
    )


def test_namespaced_sd_xml_is_read(tmp_path):
    path = tmp_path / "GetDepartment20111201.xml"
    path.write_text(
        '<sd:GetDepartment20111201 xmlns:sd="urn:sd"><sd:Department><sd:DepartmentIdentifier>RK</sd:DepartmentIdentifier>'
        "<sd:DepartmentName>Rummelby Kommune</sd:DepartmentName></sd:Department></sd:GetDepartment20111201>",
        encoding="utf-8",
    )

    assert [unit.name for unit in parse_sd(path).units] == ["Rummelby Kommune"]
