"""Importing SD Løn files: departments first, then employments, as CSV or as SD's XML."""

from datetime import date
from decimal import Decimal

import pytest

from rummelig.imports.models import ImportRun, SourceKind
from rummelig.imports.service import import_file
from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person

from .conftest import DATA, register_counts

pytestmark = pytest.mark.django_db

DEPARTMENTS = DATA / "sd_afdelinger.csv"
EMPLOYMENTS = DATA / "sd_ansaettelser.csv"


def sd(path, **options):
    return import_file(SourceKind.SD, path, **options).run


def test_departments_become_a_unit_tree(sd_codes):
    run = sd(DEPARTMENTS)

    assert run.status == ImportRun.Status.DONE and run.units_added == 4
    units = {unit.payroll_id: unit for unit in Unit.objects.all()}
    assert units["AEB"].parent == units["BU"] and units["BU"].parent == units["RK"]
    assert units["AEB"].valid_from == date(2012, 8, 1) and units["AEB"].p_number == "1012345678"
    assert units["OEV"].valid_to == date(2025, 6, 30)
    assert units["OEV"].kind == Unit.Kind.WORKPLACE and units["BU"].kind == Unit.Kind.AREA


def test_employments_after_departments_with_status_codes(sd_codes):
    sd(DEPARTMENTS)

    run = sd(EMPLOYMENTS)

    assert run.status == ImportRun.Status.DONE
    assert run.employments_added == 5  # Bodil (status S, slettet) is never created
    assert not Employment.objects.filter(payroll_number="32001").exists()
    mette = Employment.objects.get(payroll_number="30412")  # status 3: still employed
    assert mette.end is None and mette.fte == Decimal("0.8108") and mette.start == date(2010, 5, 1)
    bjoern = Employment.objects.get(payroll_number="29877")  # status 8 from 2025-01-01: left the day before
    assert bjoern.end == date(2024, 12, 31)
    flex = Employment.objects.get(payroll_number="31815")
    assert flex.subsidised and flex.payroll_placement_link.placement.scheme.code == "fleksjob"
    assert Person.objects.get(cpr="1502854321").full_name == "Åse Møller"


def test_employments_before_their_departments_are_refused(sd_codes):
    before = register_counts()

    run = sd(EMPLOYMENTS)

    assert run.status == ImportRun.Status.FAILED
    assert register_counts() == before
    assert run.problems[0]["message"] == "Enheden 'AEB' findes hverken i filen eller i Rummelig."
    assert run.problems[0]["location"] == "linje 2"


def test_sd_xml_files_import_too(sd_codes):
    sd(DATA / "GetDepartment20111201.xml")

    run = sd(DATA / "GetEmployment20111201.xml")

    assert run.status == ImportRun.Status.DONE, run.problems
    assert Employment.objects.filter(payroll_number="31815").exists()


def test_the_same_sd_file_on_the_same_day_is_not_read_again(sd_codes):
    sd(DEPARTMENTS)

    again = sd(DEPARTMENTS)

    assert again.same_as is not None and not again.changed_anything
