"""manage.py annual_report: writes the suppressed report as PDF, XLSX or JSON; refuses bad input."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from rummelig.audit.models import AuditEntry


def run(*args):
    out = io.StringIO()
    call_command("annual_report", *args, stdout=out)
    return out.getvalue()


def test_it_writes_the_json_of_the_whole_municipality(municipality, tmp_path):
    target = tmp_path / "rapport.json"
    output = run("--year", "2025", "--format", "json", "--out", str(target))
    assert "rapport.json" in output
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["scope"] == "Rummelig Kommune"
    assert document["made_by"] == "manage.py annual_report"
    assert document["sections"][0]["tables"][0]["rows"][-1]["cells"][-1] == {"value": 26, "previous": 14}
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.username == "system" and "command=annual_report" in entry.detail


def test_it_writes_a_pdf_and_an_xlsx(municipality, tmp_path):
    run("--year", "2025", "--format", "pdf", "--out", str(tmp_path / "r.pdf"))
    text = PdfReader(str(tmp_path / "r.pdf")).pages[0].extract_text()
    assert "Ansatte på særlige vilkår 2025" in text
    run("--year", "2025", "--format", "xlsx", "--out", str(tmp_path / "r.xlsx"))
    assert load_workbook(tmp_path / "r.xlsx").sheetnames[0] == "Om rapporten"


def test_a_user_limits_the_report_to_their_units_and_signs_it(municipality, tmp_path):
    run("--year", "2025", "--format", "json", "--out", str(tmp_path / "r.json"), "--user", "med_a")
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert document["scope"] == "Center for Børn og Unge"
    assert document["made_by"] == "Mette Dahl"


@pytest.mark.parametrize("args,message", [
    (["--year", "1999"], "--year must be between 2000"),
    (["--year", str(timezone.localdate().year + 1)], "--year must be between 2000"),
    (["--year", "2025", "--reference-date", "2024-12-31"], "is not in 2025"),
    (["--year", "2025", "--reference-date", "31-12-2025"], "must be a date as YYYY-MM-DD"),
    (["--year", "2025", "--user", "ingen"], "no active user called 'ingen'"),
    (["--year", "2025", "--user", "outsider"], "may not see any figures"),
])
def test_bad_input_is_a_command_error(world, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args, "--format", "json", "--out", str(tmp_path / "r.json"))


def test_a_missing_folder_is_a_command_error(world, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        run("--year", "2025", "--format", "pdf", "--out", str(tmp_path / "ingen" / "r.pdf"))


def test_an_unknown_format_is_refused(world, tmp_path):
    with pytest.raises(CommandError, match="invalid choice"):
        run("--year", "2025", "--format", "docx", "--out", str(tmp_path / "r.docx"))
