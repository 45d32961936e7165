"""SD Løn's web-service answers, read together as SD sends them (fictitious people, SD's real shape)."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from rummelig.imports.parsers import ImportFileError, parse_sd_files

from .conftest import by_id

ANSWERS = Path(__file__).parent / "data" / "sd_web"
ALL = (
    "GetOrganization20111201.xml",
    "GetDepartment20111201.xml",
    "GetPerson20111201.xml",
    "GetEmployment20111201.xml",
    "GetEmploymentChanged20111201.xml",
)
DAY = date(2025, 1, 2)


def read(*names, as_of=DAY, folder=ANSWERS):
    return parse_sd_files([(folder / name, name) for name in names], as_of=as_of)


def test_names_come_from_get_person_since_employment_answers_have_none():
    parsed = read(*ALL)
    employments = by_id(parsed.employments)

    assert parsed.problems == []
    assert (employments["40001"].first_name, employments["40001"].last_name) == ("Åse", "Møller")
    assert (employments["40002"].first_name, employments["40002"].last_name) == ("Jørgen", "Kjærsgaard")


def test_an_employment_answer_without_get_person_is_refused_naming_the_employment():
    problems = read("GetEmployment20111201.xml").problems
    messages = {problem.message for problem in problems}

    assert problems[0].file == "GetEmployment20111201.xml"
    assert problems[0].location.startswith("<Person> (ansættelse 40001) linje ")
    assert (
        "Personen med ansættelse 40001 har intet navn: GetEmployment-svarene har ingen navne, så indlæs "
        "GetPerson20111201 sammen med dem (eller tilføj <PersonGivenName>/<PersonSurnameName>)." in messages
    )


def test_the_hierarchy_comes_from_get_organization_for_the_day():
    units = by_id(read(*ALL).units)
    units_2024 = by_id(read(*ALL, as_of=date(2024, 6, 1)).units)

    assert units["AEB"].parent_source_id == "BU"
    assert units["BU"].parent_source_id is None
    assert units["PAE"].parent_source_id == "TM"  # moved under Teknik og Miljø on 1 January 2025
    assert units_2024["PAE"].parent_source_id == "BU"


def test_without_get_organization_the_departments_have_no_parent():
    units = by_id(read("GetDepartment20111201.xml").units)

    assert units["AEB"].parent_source_id is None


def test_get_organization_alone_is_refused():
    with pytest.raises(ImportFileError) as error:
        read("GetOrganization20111201.xml")

    assert "Indlæs de to svar sammen" in error.value.problems[0].message


def test_a_department_over_a_period_is_one_unit_named_for_the_day():
    parsed = read("GetDepartment20111201.xml")
    units = by_id(parsed.units)
    units_2024 = by_id(read("GetDepartment20111201.xml", as_of=date(2024, 6, 1)).units)

    assert parsed.problems == []
    assert [unit.source_id for unit in parsed.units] == ["BU", "AEB", "TM", "PAE"]
    assert units["AEB"].name == "Børnehuset Æblegården"
    assert units_2024["AEB"].name == "Børnehuset Æbletræet"
    assert (units["AEB"].valid_from, units["AEB"].valid_to) == (date(2012, 8, 1), None)
    assert units["AEB"].p_number == "1012345678"


def test_the_same_department_period_twice_is_refused(tmp_path):
    text = (ANSWERS / "GetDepartment20111201.xml").read_text(encoding="utf-8")
    first = text.index("  <Department>")
    second = text.index("  <Department>", first + 1)
    path = tmp_path / "GetDepartment20111201.xml"
    path.write_text(text.replace("</GetDepartment20111201>", text[first:second] + "</GetDepartment20111201>"))

    [problem] = read("GetDepartment20111201.xml", folder=tmp_path).problems

    assert problem.location.startswith("<Department> BU linje ")
    assert "Afdelingen 'BU fra 01-01-2010' står også i linje 13" in problem.message


def test_a_snapshot_period_end_on_an_employed_status_is_not_an_end():
    employments = by_id(read(*ALL).employments)

    assert employments["40001"].end is None  # status 1 shown until 30-06-2025: the next change, not an end
    assert employments["40002"].end is None  # status 3 (leave) until 31-03-2025: still employed
    assert employments["40002"].status_code == "3"
    assert employments["40002"].start == date(2019, 4, 1)


def test_status_8_in_the_history_ends_the_day_before():
    employment = by_id(read(*ALL).employments)["40004"]

    assert employment.end == date(2024, 12, 31)
    assert employment.status_code == "8"


def test_a_rehire_on_the_same_employment_id_is_a_new_period():
    parsed = read(*ALL)
    employment = by_id(parsed.employments)["40003"]
    snapshot_only = by_id(read(*ALL[:4]).employments)["40003"]

    assert employment.start == date(2024, 3, 1)  # not 2020: 14 months without employment lie between
    assert employment.end is None
    assert snapshot_only.start == date(2020, 1, 1)  # the snapshot alone shows no re-hire
    assert any(
        notice.message.startswith("Ansættelse 40003 er genansat 01-03-2024 efter en fratrædelse")
        for notice in parsed.notices
    )


def test_sd_fictional_persons_are_skipped_with_a_notice():
    parsed = read(*ALL)

    assert "40005" not in by_id(parsed.employments)
    [notice] = [notice for notice in parsed.notices if "40005" in notice.location]
    assert notice.message == "SD's fiktive person (CPR-nummeret slutter på 0000) er sprunget over, som OS2mo gør."
    assert "0000" not in notice.location


def test_status_s_is_cancelled_and_occupation_rate_gives_the_hours():
    employments = by_id(read(*ALL).employments)

    assert employments["40006"].cancelled
    assert employments["40001"].fte == Decimal("0.5405")
    assert employments["40001"].weekly_hours == Decimal("20.00")  # 0.5405 × 37
    assert employments["40003"].weekly_hours == Decimal("30.00")


def employment_answer(tmp_path, statuses):
    rows = "".join(
        f"<EmploymentStatus><ActivationDate>{start}</ActivationDate><DeactivationDate>{end}</DeactivationDate>"
        f"<EmploymentStatusCode>{code}</EmploymentStatusCode></EmploymentStatus>"
        for start, end, code in statuses
    )
    path = tmp_path / "GetEmploymentChanged20111201.xml"
    path.write_text(
        "<GetEmploymentChanged20111201><Person><PersonCivilRegistrationIdentifier>1502854321"
        "</PersonCivilRegistrationIdentifier><Employment><EmploymentIdentifier>40001</EmploymentIdentifier>"
        "<EmploymentDate>2024-03-01</EmploymentDate><EmploymentDepartment><ActivationDate>2024-03-01</ActivationDate>"
        "<DeactivationDate>9999-12-31</DeactivationDate><DepartmentIdentifier>AEB</DepartmentIdentifier>"
        "</EmploymentDepartment><WorkingTime><ActivationDate>2024-03-01</ActivationDate><DeactivationDate>9999-12-31"
        f"</DeactivationDate><OccupationRate>1</OccupationRate></WorkingTime>{rows}</Employment></Person>"
        "</GetEmploymentChanged20111201>",
        encoding="utf-8",
    )
    [employment] = read("GetPerson20111201.xml", path.name, folder=tmp_path).employments
    return employment


@pytest.mark.parametrize(
    ("code", "end", "cancelled"),
    [
        ("0", None, False),
        ("1", None, False),
        ("3", None, False),
        ("4", None, False),
        ("7", date(2024, 12, 31), False),
        ("8", date(2024, 12, 31), False),
        ("9", date(2024, 12, 31), False),
        ("S", None, True),
    ],
)
def test_each_status_after_an_employed_period(tmp_path, code, end, cancelled):
    (tmp_path / "GetPerson20111201.xml").write_bytes((ANSWERS / "GetPerson20111201.xml").read_bytes())

    employment = employment_answer(tmp_path, [("2024-03-01", "2024-12-31", "1"), ("2025-01-01", "9999-12-31", code)])

    assert (employment.end, employment.cancelled, employment.status_code) == (end, cancelled, code)


def test_sd_fictional_persons_are_skipped_in_the_csv_too(tmp_path):
    path = tmp_path / "sd_ansaettelser.csv"
    header = (ANSWERS.parent / "sd_ansaettelser.csv").read_text(encoding="utf-8").splitlines()[0]
    path.write_text(header + "\n0101010000;Test;Testesen;40005;2020-01-01;2020-01-01;9999-12-31;1;5100;Pædagog;1;AEB\n")

    parsed = read(path.name, folder=tmp_path)

    assert parsed.employments == [] and parsed.problems == []
    assert [notice.location for notice in parsed.notices] == ["linje 2"]


def test_a_zip_of_the_answers_is_read_like_the_files(tmp_path):
    import zipfile

    archive = tmp_path / "sd.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for name in ALL:
            out.write(ANSWERS / name, f"svar/{name}")

    parsed = read("sd.zip", folder=tmp_path)

    assert parsed.problems == []
    assert by_id(parsed.employments)["40003"].start == date(2024, 3, 1)
    assert by_id(parsed.units)["AEB"].parent_source_id == "BU"
    assert any(notice.file == "GetEmployment20111201.xml (i sd.zip)" for notice in parsed.notices)


def test_a_broken_zip_is_refused(tmp_path):
    (tmp_path / "sd.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 40)

    with pytest.raises(ImportFileError) as error:
        read("sd.zip", folder=tmp_path)

    assert error.value.problems[0].message == "Zip-filen kan ikke åbnes; den er ødelagt eller ikke en zip-fil."


def test_sd_has_no_manager_flag_so_the_manager_positions_mark_managers(tmp_path):
    employment = (ANSWERS / "GetEmployment20111201.xml").read_text(encoding="utf-8")
    (tmp_path / "GetEmployment20111201.xml").write_text(
        employment.replace("<JobPositionIdentifier>5190<", "<JobPositionIdentifier>1040<"), encoding="utf-8"
    )
    (tmp_path / "GetPerson20111201.xml").write_bytes((ANSWERS / "GetPerson20111201.xml").read_bytes())

    employments = by_id(read("GetPerson20111201.xml", "GetEmployment20111201.xml", folder=tmp_path).employments)

    assert [record.source_id for record in employments.values() if record.is_manager] == ["40001"]
    assert all(record.account_name == "" for record in employments.values())  # SD has no user name


CHANGED_AT = """<?xml version="1.0" encoding="UTF-8"?>
<GetEmploymentChangedAtDate20111201 creationDateTime="2025-01-02T06:30:00">
  <Person>
    <PersonCivilRegistrationIdentifier>1502854321</PersonCivilRegistrationIdentifier>
    <Employment>
      <EmploymentIdentifier>40001</EmploymentIdentifier>
      <WorkingTime changedAtDate="2025-01-02">
        <ActivationDate>2025-01-01</ActivationDate>
        <DeactivationDate>9999-12-31</DeactivationDate>
        <OccupationRate>0.5000</OccupationRate>
      </WorkingTime>
    </Employment>
    <Employment>
      <EmploymentIdentifier>40099</EmploymentIdentifier>
      <WorkingTime changedAtDate="2025-01-02">
        <ActivationDate>2025-01-01</ActivationDate>
        <DeactivationDate>9999-12-31</DeactivationDate>
        <OccupationRate>0.5000</OccupationRate>
      </WorkingTime>
    </Employment>
  </Person>
</GetEmploymentChangedAtDate20111201>
"""


def test_changes_registered_since_a_time_add_to_the_snapshot_and_a_part_alone_waits(tmp_path):
    for name in ALL:
        (tmp_path / name).write_bytes((ANSWERS / name).read_bytes())
    (tmp_path / "GetEmploymentChangedAtDate20111201.xml").write_text(CHANGED_AT, encoding="utf-8")

    parsed = read(*ALL, "GetEmploymentChangedAtDate20111201.xml", folder=tmp_path)
    employments = by_id(parsed.employments)

    assert parsed.problems == []
    assert employments["40001"].fte == Decimal("0.5000")  # the new working time joins the snapshot's employment
    assert "40099" not in employments
    assert any("Ansættelse 40099 står kun i GetEmploymentChangedAtDate20111201" in n.message for n in parsed.notices)
