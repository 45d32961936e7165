import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from rummelig.imports.parsers import ImportFileError, parse_spreadsheet, spreadsheet, write_template

from .conftest import by_id

DATA = Path(__file__).parent / "data"


def template():
    stream = io.BytesIO()
    write_template(stream)
    stream.seek(0)
    return load_workbook(stream)


def fill(sheet, rows, first_row=2):
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=first_row + offset, column=column, value=value)


def saved(workbook):
    stream = io.BytesIO()
    workbook.save(stream)
    stream.seek(0)
    return stream


def test_the_template_has_the_two_sheets_and_a_guide_in_danish():
    workbook = template()

    assert workbook.sheetnames == ["Enheder", "Ansættelser", "Vejledning"]
    assert [cell.value for cell in workbook["Enheder"][1]] == [
        "enheds-id", "overordnet enhed", "navn", "P-nummer", "omkostningssted", "gyldig fra", "gyldig til",
    ]  # fmt: skip
    assert [cell.value for cell in workbook["Ansættelser"][1]] == [
        "ansættelsesnummer", "CPR", "fornavn", "efternavn", "enheds-id", "stilling", "ansættelseskode",
        "startdato", "slutdato", "brøk/FTE", "ugentlige timer", "Brugernavn", "leder",
    ]  # fmt: skip
    guide = {
        (row[0], row[1]): row[3] for row in workbook["Vejledning"].iter_rows(min_row=2, values_only=True) if row[1]
    }
    assert len(guide) == 20
    assert guide[("Ansættelser", "startdato")] == "Første dag i ansættelsen."


def test_the_template_can_be_written_to_a_path(tmp_path):
    path = tmp_path / "rummelig-skabelon.xlsx"

    write_template(path)

    assert load_workbook(path).sheetnames[-1] == "Vejledning"


def test_the_blank_template_reads_as_nothing_without_problems():
    parsed = parse_spreadsheet(saved(template()), name="skabelon.xlsx")

    assert (parsed.units, parsed.employments, parsed.problems) == ([], [], [])


def test_a_filled_workbook_is_read():
    workbook = template()
    fill(workbook["Enheder"], [
        ["1000", None, "Rummelby Kommune", None, None, datetime(1970, 4, 1), None],
        [1200, 1000, "Børnehuset Æblegården", "1012345678", "4711", "01-08-2012", None],
    ])  # fmt: skip
    fill(workbook["Ansættelser"], [
        ["31207", "010190-1234", "Søren", "Ærø-Østergård", "1200", "Pædagog", "ANSAT", datetime(2019, 8, 1), None, None, None],
        [31815, 1502854321, "Åse", "Møller", 1200, "Pædagogmedhjælper", "FLEKS", "2024-03-01", None, None, 15],
        ["31990", 101901234, "Jørgen", "Kjærsgaard", "1200", "Vejarbejder", "LØNTILSKUD", "01.11.2024", "30-04-2025", "80 %", None],
    ])  # fmt: skip

    parsed = parse_spreadsheet(saved(workbook), name="rummelby.xlsx")

    assert parsed.problems == []
    units, employments = by_id(parsed.units), by_id(parsed.employments)
    assert units["1200"].parent_source_id == "1000"
    assert units["1000"].valid_from == date(1970, 4, 1)
    assert units["1200"].valid_from == date(2012, 8, 1)
    assert employments["31207"].fte == Decimal("1.0000")  # both empty: full time
    assert employments["31815"].fte == Decimal("0.4054")  # from 15 hours
    assert employments["31815"].weekly_hours == Decimal("15.00")
    assert employments["31815"].cpr == "1502854321"
    assert employments["31990"].cpr == "0101901234"  # Excel dropped the leading zero
    assert employments["31990"].fte == Decimal("0.8000")
    assert employments["31990"].end == date(2025, 4, 30)
    assert employments["31990"].location == "Arket 'Ansættelser', række 4"


def test_a_date_that_does_not_exist_names_sheet_row_and_column():
    workbook = template()
    fill(
        workbook["Ansættelser"],
        [["31207", "", "Søren", "", "1200", "", "", "31-02-2024", None, None, None]],
        first_row=7,
    )

    [problem] = parse_spreadsheet(saved(workbook), name="rummelby.xlsx").problems

    assert str(problem) == (
        "rummelby.xlsx: Arket 'Ansættelser', række 7, kolonne 'startdato': "
        "'31-02-2024' er ikke en gyldig dato (skriv dd-mm-åååå)."
    )


def test_row_problems_are_all_reported():
    workbook = template()
    fill(workbook["Enheder"], [["1200", "1200", "", "123", None, "01-01-2025", "31-12-2024"]])
    fill(workbook["Ansættelser"], [
        ["1", "310299-1234", "", "", "", None, None, None, None, "1,5", None],
        ["1", None, "Åse", None, "1200", None, None, "01-01-2025", None, None, 40],
    ])  # fmt: skip

    parsed = parse_spreadsheet(saved(workbook), name="x.xlsx")
    problems = [(problem.location, problem.message) for problem in parsed.problems]

    # A bad P-number is a notice in every format (parsers/FORMATS.md, "Fields"); it stopped only this one before.
    assert [(notice.location, notice.message) for notice in parsed.notices] == [
        ("Arket 'Enheder', række 2, kolonne 'P-nummer'", "P-nummeret '123' er ikke 10 cifre og er ikke indlæst."),
    ]
    assert problems == [
        ("Arket 'Enheder', række 2, kolonne 'navn'", "Kolonnen 'navn' skal udfyldes."),
        ("Arket 'Enheder', række 2, kolonne 'overordnet enhed'", "Enheden står som sin egen overordnede enhed."),
        (
            "Arket 'Enheder', række 2, kolonne 'gyldig til'",
            "'gyldig til' (31-12-2024) ligger før 'gyldig fra' (01-01-2025).",
        ),
        ("Arket 'Ansættelser', række 2, kolonne 'CPR'", "CPR-nummeret 310299-xxxx begynder ikke med en gyldig dato."),
        ("Arket 'Ansættelser', række 2, kolonne 'efternavn'", "Udfyld fornavn eller efternavn."),
        ("Arket 'Ansættelser', række 2, kolonne 'enheds-id'", "Kolonnen 'enheds-id' skal udfyldes."),
        ("Arket 'Ansættelser', række 2, kolonne 'startdato'", "Kolonnen 'startdato' skal udfyldes."),
        (
            "Arket 'Ansættelser', række 2, kolonne 'brøk/FTE'",
            "Brøken 1,5 skal ligge mellem 0 og 1 (fx 0,8) eller skrives som procent (80 %).",
        ),
        (
            "Arket 'Ansættelser', række 3, kolonne 'ansættelsesnummer'",
            "'1' står også i række 2; hvert ansættelsesnummer må kun stå én gang.",
        ),
        (
            "Arket 'Ansættelser', række 3, kolonne 'ugentlige timer'",
            "40 timer er mere end fuld tid (37); udfyld også 'brøk/FTE'.",
        ),
    ]


def test_a_sheet_without_a_required_column_is_refused():
    workbook = template()
    workbook["Ansættelser"].delete_cols(8)  # startdato

    with pytest.raises(ImportFileError) as error:
        parse_spreadsheet(saved(workbook), name="x.xlsx")

    assert (
        str(error.value) == "x.xlsx: Arket 'Ansættelser', række 1: Disse kolonner mangler i overskriften: 'startdato'."
    )


def test_a_workbook_without_the_template_sheets_is_refused():
    workbook = template()
    for title in ("Enheder", "Ansættelser"):
        del workbook[title]

    with pytest.raises(ImportFileError, match="Regnearket skal have et ark, der hedder 'Enheder' eller 'Ansættelser'."):
        parse_spreadsheet(saved(workbook), name="x.xlsx")


def test_the_sheets_can_come_as_two_csv_files():
    units = parse_spreadsheet(DATA / "enheder.csv")
    employments = parse_spreadsheet(DATA / "ansaettelser.csv")

    assert (units.problems, employments.problems) == ([], [])
    assert [unit.name for unit in units.units] == [
        "Rummelby Kommune",
        "Børnehuset Æblegården",
        "Materielgården Østervang",
    ]
    assert by_id(employments.employments)["30412"].weekly_hours == Decimal("30.00")
    assert by_id(employments.employments)["31990"].fte == Decimal("1.0000")  # "100 %"
    assert by_id(employments.employments)["31990"].location == "Arket 'Ansættelser', række 4"


def test_a_csv_that_is_neither_sheet_is_refused(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text("Navn;Afdeling\nSøren;Æblegården\n", encoding="utf-8")

    with pytest.raises(ImportFileError, match="Filen ligner hverken arket 'Enheder' eller 'Ansættelser'"):
        parse_spreadsheet(path)


def test_a_zip_that_unpacks_too_large_is_refused(monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_UNPACKED_BYTES", 1000)

    with pytest.raises(ImportFileError, match="Regnearket er for stort, når det pakkes ud, og indlæses ikke."):
        parse_spreadsheet(saved(template()), name="x.xlsx")


def test_a_zip_that_is_not_a_workbook_is_refused():
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("noter.txt", "Ikke et regneark")
    stream.seek(0)

    with pytest.raises(ImportFileError, match=r"Filen kan ikke åbnes som et Excel-regneark \(XLSX\)"):
        parse_spreadsheet(stream, name="x.xlsx")


def test_the_template_takes_a_user_name_and_a_manager_flag():
    workbook = template()
    fill(workbook["Enheder"], [["1200", None, "Solsikken"]])
    fill(workbook["Ansættelser"], [
        ["31207", "", "Sara", "Leder", "1200", "Leder", "", "01-03-2024", None, 1, None, "sale", "ja"],
        ["31208", "", "Bo", "Ansat", "1200", "Pædagog", "", "01-03-2024", None, 1, None, None, None],
        ["31209", "", "Ib", "Ansat", "1200", "Pædagog", "", "01-03-2024", None, 1, None, None, "måske"],
    ])  # fmt: skip

    parsed = parse_spreadsheet(saved(workbook), name="skabelon.xlsx")
    employments = by_id(parsed.employments)

    assert (employments["31207"].account_name, employments["31207"].is_manager) == ("sale", True)
    assert (employments["31208"].account_name, employments["31208"].is_manager) == ("", False)
    assert [problem.message for problem in parsed.problems] == ["'måske' er hverken ja eller nej."]
    assert parsed.problems[0].location == "Arket 'Ansættelser', række 4, kolonne 'leder'"
