"""Importing Rummelig's spreadsheet template, as XLSX or as one CSV file per sheet."""

from datetime import date

import openpyxl
import pytest

from rummelig.imports.models import ImportRun, SourceKind
from rummelig.imports.parsers import write_template
from rummelig.imports.service import import_file
from rummelig.people.models import Employment, Person

from .conftest import DATA, register_counts

pytestmark = pytest.mark.django_db


def spreadsheet(path, **options):
    return import_file(SourceKind.SPREADSHEET, path, **options).run


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "medarbejdere.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    book["Enheder"].append(["1000", "", "Rummelby Kommune", "", "", "01-04-1970", ""])
    book["Enheder"].append(["1200", "1000", "Børnehuset Æblegården", "1012345678", "4711", "01-08-2012", ""])
    book["Ansættelser"].append(
        ["31207", "010190-1234", "Søren", "Ærø-Østergård", "1200", "Pædagog", "ANSAT", "01-08-2019", "", "", ""]
    )
    book["Ansættelser"].append(["31990", "", "Jørgen", "Kjærsgaard", "1200", "Vejarbejder", "LØNTILSKUD",
                                "01-11-2024", "30-04-2025", "100 %", ""])  # fmt: skip
    book.save(path)
    return path


def test_the_template_workbook_imports_units_and_employments(spreadsheet_codes, workbook):
    run = spreadsheet(workbook)

    assert run.status == ImportRun.Status.DONE, run.problems
    assert (run.units_added, run.employments_added, run.placements_added) == (2, 2, 1)
    jorgen = Employment.objects.get(payroll_number="31990")
    assert jorgen.end == date(2025, 4, 30) and jorgen.subsidised


def test_a_person_without_cpr_is_found_again_by_the_employment_number(spreadsheet_codes, workbook):
    spreadsheet(workbook)

    again = spreadsheet(workbook, force=True)

    assert not again.changed_anything
    assert Person.objects.filter(first_name="Jørgen").count() == 1


def test_csv_sheets_import_one_at_a_time(spreadsheet_codes):
    spreadsheet(DATA / "enheder.csv")

    run = spreadsheet(DATA / "ansaettelser.csv")

    assert run.status == ImportRun.Status.DONE, run.problems
    assert run.employments_added == 4


def test_a_bad_row_names_sheet_row_and_column_and_nothing_is_written(spreadsheet_codes, tmp_path):
    path = tmp_path / "medarbejdere.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    book["Enheder"].append(["1000", "", "Rummelby Kommune", "", "", "01-04-1970", ""])
    book["Ansættelser"].append(["31207", "010190-1234", "Søren", "Ærø", "1000", "", "ANSAT", "31-02-2019", "", "", ""])
    book.save(path)
    before = register_counts()

    run = spreadsheet(path)

    assert run.status == ImportRun.Status.FAILED
    assert register_counts() == before
    assert run.problems[0]["location"] == "Arket 'Ansættelser', række 2, kolonne 'startdato'"
