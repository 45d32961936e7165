"""sync_sd against recorded answers served by a local HTTP server started here (never against SD)."""

import base64
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from rummelig.audit.models import AuditEntry
from rummelig.imports.models import ImportRun, SourceKind
from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person

from .conftest import register_counts

ANSWERS = Path(__file__).parent / "data" / "sd_web"
USER, PASSWORD, INSTITUTION = "rummelig-sd", "hemmeligt", "RB"
FAULT = b"""<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>
<faultcode>soap:Client</faultcode><faultstring>Institutionen RX findes ikke</faultstring>
</soap:Fault></soap:Body></soap:Envelope>"""


def recorded(operation: str) -> bytes:
    """The recorded answer to an operation; ChangedAtDate has the shape of GetEmploymentChanged."""
    if operation == "GetEmploymentChangedAtDate20111201":
        body = (ANSWERS / "GetEmploymentChanged20111201.xml").read_bytes()
        return body.replace(b"GetEmploymentChanged20111201", operation.encode())
    return (ANSWERS / f"{operation}.xml").read_bytes()


class FakeSd:
    """What the test server answers and what it was asked."""

    def __init__(self):
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.mode = "ok"  # "ok", "fault", "slow"


@pytest.fixture
def fake_sd(monkeypatch):
    state = FakeSd()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            parts = urllib.parse.urlsplit(self.path)
            operation = parts.path.rsplit("/", 1)[-1]
            params = dict(urllib.parse.parse_qsl(parts.query))
            expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            if self.headers.get("Authorization") != expected:
                self._send(401, b"Unauthorized")
                return
            state.requests.append((operation, params))
            if state.mode == "slow":
                time.sleep(1.5)
            if state.mode == "fault":
                self._send(500, FAULT)
                return
            try:
                body = recorded(operation)
            except FileNotFoundError:
                self._send(404, b"")
                return
            self._send(200, body)

        def _send(self, status, body):
            self.send_response(status)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("SD_BASE_URL", f"http://127.0.0.1:{server.server_address[1]}/sdws/")
    monkeypatch.setenv("SD_INSTITUTION_IDENTIFIER", INSTITUTION)
    monkeypatch.setenv("SD_USER", USER)
    monkeypatch.setenv("SD_PASSWORD", PASSWORD)
    monkeypatch.delenv("SD_PASSWORD_FILE", raising=False)
    monkeypatch.delenv("SD_TIMEOUT", raising=False)
    yield state
    server.shutdown()
    server.server_close()
    thread.join()


def sync(*args):
    call_command("sync_sd", *args, stdout=_Sink())
    return ImportRun.objects.filter(source=SourceKind.SD).order_by("-pk").first()


class _Sink:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_a_sync_for_a_date_imports_sds_answers_like_files(fake_sd, sd_codes):
    run = sync("--date", "2025-01-02")

    assert run.status == ImportRun.Status.DONE, run.problems
    assert not run.dry_run and run.file_name == "SD Løn webservice RB 02.01.2025"
    assert run.reference_date.isoformat() == "2025-01-02"
    assert Unit.objects.get(payroll_id="AEB").parent.payroll_id == "BU"
    assert Person.objects.filter(first_name="Åse", last_name="Møller").exists()
    assert Employment.objects.filter(payroll_number="40001").exists()
    assert not Person.objects.filter(cpr__endswith="0000").exists()
    audit = AuditEntry.objects.get(action=AuditEntry.Action.IMPORT, object_id=str(run.pk))
    assert "SD Løn webservice RB" in audit.detail


def test_sd_is_asked_as_os2mo_asks_it(fake_sd, sd_codes):
    sync("--date", "2025-01-02")

    asked = dict(fake_sd.requests)
    assert list(asked) == [
        "GetOrganization20111201", "GetDepartment20111201", "GetPerson20111201",
        "GetEmployment20111201", "GetEmploymentChanged20111201",
    ]  # fmt: skip
    assert all(params["InstitutionIdentifier"] == "RB" for params in asked.values())
    assert asked["GetEmployment20111201"]["EffectiveDate"] == "02.01.2025"
    assert asked["GetEmployment20111201"]["StatusPassiveIndicator"] == "true"
    assert asked["GetDepartment20111201"]["DepartmentNameIndicator"] == "true"
    assert asked["GetEmploymentChanged20111201"]["DeactivationDate"] == "31.12.9999"


def test_a_dry_run_writes_nothing_but_its_run(fake_sd, sd_codes):
    before = register_counts()

    run = sync("--date", "2025-01-02", "--dry-run")

    assert run.status == ImportRun.Status.PREVIEWED and run.dry_run
    assert run.employments_added > 0
    assert register_counts() == before


def test_the_next_sync_asks_for_what_was_registered_since_the_last(fake_sd, sd_codes):
    first = sync()
    assert first.status == ImportRun.Status.DONE, first.problems
    assert "GetEmploymentChangedAtDate20111201" not in dict(fake_sd.requests)
    fake_sd.requests.clear()

    second = sync()

    asked = dict(fake_sd.requests)
    since = timezone.localtime(first.started_at)
    assert asked["GetEmploymentChangedAtDate20111201"]["ActivationDate"] == since.strftime("%d.%m.%Y")
    assert asked["GetEmploymentChangedAtDate20111201"]["ActivationTime"] == since.strftime("%H:%M")
    assert second.status == ImportRun.Status.DONE, second.problems
    assert "(ændringer siden " in second.file_name


def test_missing_settings_are_named(fake_sd, monkeypatch):
    monkeypatch.delenv("SD_USER")
    monkeypatch.delenv("SD_PASSWORD")

    with pytest.raises(CommandError) as error:
        sync()

    assert "SD_USER, SD_PASSWORD" in str(error.value)
    assert "ikke sat" in str(error.value)


def test_wrong_credentials_are_refused_with_a_danish_message_and_nothing_is_written(fake_sd, sd_codes, monkeypatch):
    monkeypatch.setenv("SD_PASSWORD", "forkert")
    before = register_counts()

    with pytest.raises(CommandError) as error:
        sync("--date", "2025-01-02")

    assert "afviste brugernavnet eller adgangskoden (HTTP 401)" in str(error.value)
    assert "forkert" not in str(error.value)
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert register_counts() == before


def test_an_error_from_sd_is_shown(fake_sd, sd_codes):
    fake_sd.mode = "fault"

    with pytest.raises(CommandError) as error:
        sync("--date", "2025-01-02")

    assert "SD Løn svarede GetOrganization20111201 med en fejl: Institutionen RX findes ikke" in str(error.value)


def test_a_timeout_is_reported(fake_sd, sd_codes, monkeypatch):
    monkeypatch.setenv("SD_TIMEOUT", "0.3")
    fake_sd.mode = "slow"

    with pytest.raises(CommandError) as error:
        sync("--date", "2025-01-02")

    assert "svarede ikke på GetOrganization20111201 inden for 0.3 sekunder" in str(error.value)


def test_sd_is_only_asked_over_https(fake_sd, monkeypatch):
    monkeypatch.setenv("SD_BASE_URL", "http://service.sd.dk/sdws/")

    with pytest.raises(CommandError) as error:
        sync()

    assert "https://" in str(error.value)


def test_a_bad_date_is_refused(fake_sd):
    with pytest.raises(CommandError) as error:
        sync("--date", "2. januar")

    assert "ikke en dato" in str(error.value)


def test_the_password_may_come_from_a_file(fake_sd, sd_codes, monkeypatch, tmp_path):
    secret = tmp_path / "sd-password"
    secret.write_text(PASSWORD + "\n")
    monkeypatch.delenv("SD_PASSWORD")
    monkeypatch.setenv("SD_PASSWORD_FILE", str(secret))

    assert sync("--date", "2025-01-02").status == ImportRun.Status.DONE
