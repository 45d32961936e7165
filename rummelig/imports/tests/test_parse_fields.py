"""The field rules are the same in every format (parsers/fields.py, FORMATS.md "Fields")."""

from datetime import date
from decimal import Decimal

import pytest

from rummelig.imports.models import ImportRun, SourceKind
from rummelig.imports.parsers import EmploymentRecord, Problems, UnitRecord, parse_opus, parse_sd, parse_spreadsheet
from rummelig.imports.parsers.os2mo import units_from_objects
from rummelig.imports.service import import_file, import_staged
from rummelig.imports.sources import Staged
from rummelig.organisation.models import Unit
from rummelig.people.models import Employment

from .conftest import opus_xml


def parsed_file(parse, path, text):
    path.write_text(text, encoding="utf-8")
    return parse(path)


def opus_unit(tmp_path, p_number):
    text = opus_xml('<orgUnit id="1"><startDate>2020-01-01</startDate>'
                    f"<longName>Solsikken</longName><pNr>{p_number}</pNr></orgUnit>\n")  # fmt: skip
    return parsed_file(parse_opus, tmp_path / "ZLPE20250101000000_delta.xml", text)


def sd_unit(tmp_path, p_number):
    text = ("DepartmentIdentifier;DepartmentUUIDIdentifier;DepartmentName;DepartmentLevelIdentifier;"
            "ParentDepartmentIdentifier;ProductionUnitIdentifier;CostCentre;ActivationDate;DeactivationDate\n"
            f"1;;Solsikken;;;{p_number};;2020-01-01;\n")  # fmt: skip
    return parsed_file(parse_sd, tmp_path / "sd_afdelinger.csv", text)


def spreadsheet_unit(tmp_path, p_number):
    text = f"enheds-id;overordnet enhed;navn;P-nummer;omkostningssted;gyldig fra;gyldig til\n1;;Solsikken;{p_number};;;\n"
    return parsed_file(parse_spreadsheet, tmp_path / "enheder.csv", text)


class Os2moParsed:
    def __init__(self, units, problems):
        self.units, self.problems, self.notices = units, problems.as_list(), list(problems.notices)


def os2mo_unit(tmp_path, p_number):
    problems = Problems("OS2mo")
    validity = {
        "validity": {"from": "2020-01-01", "to": None},
        "name": "Solsikken",
        "addresses": [{"address_type": {"scope": "PNUMBER"}, "value": p_number}],
    }
    units = list(units_from_objects([{"uuid": "1", "validities": [validity]}], problems, as_of=date(2025, 1, 1)))
    return Os2moParsed(units, problems)


FORMATS = [opus_unit, sd_unit, spreadsheet_unit, os2mo_unit]


@pytest.mark.parametrize("read", FORMATS, ids=["opus", "sd", "spreadsheet", "os2mo"])
def test_a_p_number_that_is_not_ten_digits_is_left_out_with_a_notice_in_every_format(tmp_path, read):
    parsed = read(tmp_path, "12 34")

    assert parsed.problems == []
    [unit] = parsed.units
    assert unit.name == "Solsikken" and unit.p_number is None  # not known: the register keeps its own
    assert [notice.message for notice in parsed.notices] == ["P-nummeret '1234' er ikke 10 cifre og er ikke indlæst."]


@pytest.mark.parametrize("read", FORMATS, ids=["opus", "sd", "spreadsheet", "os2mo"])
@pytest.mark.parametrize(("written", "read_as"), [("0000000000", ""), ("1012 345678", "1012345678")])
def test_ten_zeros_mean_no_p_number_and_spaces_are_ignored_in_every_format(tmp_path, read, written, read_as):
    parsed = read(tmp_path, written)

    assert (parsed.problems, parsed.notices) == ([], [])
    assert parsed.units[0].p_number == read_as


@pytest.mark.django_db
def test_a_spreadsheet_with_a_bad_p_number_is_imported_and_the_notice_kept(tmp_path):
    path = tmp_path / "enheder.csv"
    path.write_text(
        "enheds-id;overordnet enhed;navn;P-nummer;omkostningssted;gyldig fra;gyldig til\n"
        "1000;;Rummelby Kommune;;;01-04-1970;\n1200;1000;Solsikken Børnehus;123;4711;01-08-2012;\n",
        encoding="utf-8",
    )

    run = import_file(SourceKind.SPREADSHEET, path).run

    assert run.status == ImportRun.Status.DONE and run.units_added == 2
    assert Unit.objects.get(payroll_id="1200").p_number == ""
    assert [notice["message"] for notice in run.notices] == ["P-nummeret '123' er ikke 10 cifre og er ikke indlæst."]


@pytest.mark.django_db
def test_a_bad_p_number_in_a_later_file_keeps_the_p_number_the_unit_has(tmp_path):
    def load(p_number):
        path = tmp_path / "enheder.csv"
        path.write_text(
            "enheds-id;overordnet enhed;navn;P-nummer;omkostningssted;gyldig fra;gyldig til\n"
            f"1000;;Rummelby Kommune;;;01-04-1970;\n1200;1000;Solsikken Børnehus;{p_number};4711;01-08-2012;\n",
            encoding="utf-8",
        )
        return import_file(SourceKind.SPREADSHEET, path).run

    load("1012345678")
    run = load("101234567")  # a digit lost in payroll

    assert run.status == ImportRun.Status.DONE
    assert Unit.objects.get(payroll_id="1200").p_number == "1012345678"
    assert [notice["message"] for notice in run.notices] == ["P-nummeret '101234567' er ikke 10 cifre og er ikke indlæst."]
    load("")  # an empty cell is payroll saying the unit has none
    assert Unit.objects.get(payroll_id="1200").p_number == ""


@pytest.mark.django_db
def test_hours_worked_out_from_the_fte_are_rounded_one_way_everywhere():
    """37 × 0,0050 = 0,185 hours: half up, as the parsers always rounded, gives 0,19 (the planner once gave 0,18)."""
    unit = UnitRecord(source_id="U1", name="Solsikken", valid_from=date(2020, 1, 1), location="linje 2")
    employment = EmploymentRecord(
        source_id="E1", first_name="Åse", last_name="Møller", unit_source_id="U1", start=date(2025, 1, 1),
        fte=Decimal("0.0050"), location="linje 3",
    )  # fmt: skip
    staged = Staged("spreadsheet", "x.csv", date(2025, 1, 1), units=[unit], employments=[employment])

    run = import_staged(staged).run

    assert run.status == ImportRun.Status.DONE
    assert Employment.objects.get(payroll_number="E1").weekly_hours == Decimal("0.19")
