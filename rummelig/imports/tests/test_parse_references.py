from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from rummelig.imports.parsers import (
    EmploymentRecord,
    ImportFileError,
    ImportProblem,
    Problems,
    UnitRecord,
    check_references,
    parse_opus,
)

DATA = Path(__file__).parent / "data"


def unit(source_id, parent=None):
    return UnitRecord(
        source_id=source_id, parent_source_id=parent, name=f"Enhed {source_id}", location=f"enhed {source_id}"
    )


def employment(source_id, unit_id, cancelled=False):
    return EmploymentRecord(
        source_id=source_id, first_name="Åse", last_name="Møller", unit_source_id=unit_id, start=date(2025, 1, 1),
        fte=Decimal("1.0000"), cancelled=cancelled, location=f"ansættelse {source_id}",
    )  # fmt: skip


def test_an_employee_in_a_unit_found_neither_in_the_file_nor_the_database_is_reported():
    parsed = parse_opus(DATA / "opus_bad_fields.xml")

    problems = check_references(parsed.units, parsed.employments, file=parsed.file)

    assert [str(problem) for problem in problems] == [
        "opus_bad_fields.xml: <employee id=\"5004\"> linje 36: Enheden '999' findes hverken i filen eller i Rummelig."
    ]


def test_a_unit_the_database_knows_is_not_reported():
    assert check_references([unit("1")], [employment("7", "999")], known_unit_ids={"999"}) == []


def test_a_parent_found_neither_in_the_file_nor_the_database_is_reported():
    problems = check_references([unit("2", parent="1")], [])

    assert problems == [
        ImportProblem("", "enhed 2", "Den overordnede enhed '1' findes hverken i filen eller i Rummelig.")
    ]


def test_a_unit_under_itself_is_reported():
    problems = check_references([unit("1", "3"), unit("2", "1"), unit("3", "2"), unit("4", "1")], [])

    assert [problem.message for problem in problems] == [
        "Enheden '1' ligger under sig selv (1 → 3 → 2 → 1).",
        "Enheden '2' ligger under sig selv (2 → 1 → 3 → 2).",
        "Enheden '3' ligger under sig selv (3 → 2 → 1 → 3).",
    ]


def test_a_cancelled_employment_in_an_unknown_unit_is_not_reported():
    assert check_references([], [employment("7", "999", cancelled=True)]) == []


def test_problems_keep_the_first_200_and_count_the_rest():
    problems = Problems("løn.xml")
    for line in range(1, 251):
        problems.add(f"linje {line}", "Forkert.")

    shown = problems.as_list()

    assert len(problems) == 250
    assert len(shown) == 201
    assert shown[-1].message == "… og 50 problemer mere, som ikke er vist. Ret de viste, og indlæs filen igen."


def test_raise_if_any_joins_the_problems_one_per_line():
    problems = Problems("løn.xml")
    problems.add("linje 2", "Første fejl.")
    problems.add("linje 3", "Anden fejl.")

    with pytest.raises(ImportFileError) as error:
        problems.raise_if_any()

    assert str(error.value) == "løn.xml: linje 2: Første fejl.\nløn.xml: linje 3: Anden fejl."
    assert len(error.value.problems) == 2


def test_no_problems_raise_nothing():
    Problems("løn.xml").raise_if_any()
