"""HR downloads the spreadsheet template from the import pages."""

import io

import openpyxl
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_template_is_a_workbook_with_the_three_sheets(world, login):
    response = login(world.hr).get(reverse("imports:template"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="rummelig-importskabelon.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Enheder", "Ansættelser", "Vejledning"]
    assert [cell.value for cell in book["Ansættelser"][1]][:2] == ["ansættelsesnummer", "CPR"]
