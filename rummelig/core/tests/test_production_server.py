"""Rummelig as it runs in production: gunicorn (2 worker processes) with the example production settings
behind an HTTPS proxy (played by the X-Forwarded-Proto header), and the task worker (`db_worker`).

An HR user logs in, uploads an OPUS file through the upload form, starts the run, and polls its
progress the way the page does (htmx), several polls at once so both gunicorn processes answer;
every one of them sees the run finish. Both servers are then stopped. Also: `check --deploy` passes
with deploy/production.env.example.
"""

import concurrent.futures
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
OPUS_FILE = ROOT / "rummelig/imports/tests/data/ZLPE20250101000000_delta.xml"
SETUP = """
from rummelig.imports.models import SourceKind
from rummelig.imports.tests.conftest import OPUS_CODES, map_codes
from rummelig.testing import build_world
build_world()
map_codes(SourceKind.OPUS, OPUS_CODES)
"""


@pytest.fixture
def database_url(tmp_path):
    """A new, empty database: SQLite in tmp_path; on PostgreSQL (DATABASE_URL set, as in CI) a new database beside it."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path}/rummelig.sqlite3"
        return
    name = f"rummelig_server_{uuid.uuid4().hex[:8]}"
    new_url = url.rsplit("/", 1)[0] + "/" + name
    yield new_url  # created by `prepare_database`, as `make run` does
    import dj_database_url

    config = dj_database_url.parse(new_url)
    subprocess.run(
        ["dropdb", "--if-exists", "-h", config["HOST"] or "localhost", "-p", str(config["PORT"] or 5432),
         "-U", config["USER"] or "postgres", name],
        env={**os.environ, "PGPASSWORD": config["PASSWORD"] or ""}, timeout=60,
    )  # fmt: skip


def production_env(tmp_path, port, database_url="sqlite:///unused.sqlite3"):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "SECRET_KEY"))}
    for line in (ROOT / "deploy/production.env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _sep, value = line.partition("=")
            env[key.strip()] = value.strip()
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50), DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1", CSRF_TRUSTED_ORIGINS=f"https://127.0.0.1:{port}", MEDIA_ROOT=str(tmp_path / "media"),
        IMPORTS_DIR=str(tmp_path / "imports"), EXPORTS_DIR=str(tmp_path / "exports"), GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="2",
        GUNICORN_ACCESSLOG=str(tmp_path / "access.log"), LOG_LEVEL="WARNING", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )  # fmt: skip
    return env


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """Just enough of a browser behind the proxy: cookies, CSRF token, the proxy's header, no redirects followed."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            sent.setdefault("Origin", f"https://127.0.0.1:{self.port}")
            sent.setdefault("Referer", f"https://127.0.0.1:{self.port}{path}")
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _sep, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
                assert "Secure" in value, value  # cookies only over HTTPS
        return response, content

    def csrf(self, page):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def post_form(self, path, fields, page):
        body = "&".join(f"{k}={v}" for k, v in {**fields, "csrfmiddlewaretoken": self.csrf(page)}.items())
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def post_file(self, path, fields, file, page):
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in {**fields, "csrfmiddlewaretoken": self.csrf(page)}.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file.name}"\r\n'
            f"Content-Type: application/xml\r\n\r\n".encode() + file.read_bytes() + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def wait_for_health(browser, server, deadline):
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn stopped"
        try:
            response, body = browser.request("GET", "/health/")
            if response.status == 200:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail("gunicorn did not answer /health/ in time")


def wait_for_preview(browser, detail, deadline):
    """The upload is compared by the worker: poll its progress, as the page does, until the preview is there."""
    while time.monotonic() < deadline:
        response, _bar = browser.request("GET", f"{detail}fremdrift/", headers={"HX-Request": "true"})
        if response.status == 204:
            response, page = browser.request("GET", detail)
            assert "Forhåndsvisning af indlæsningen" in page, page[:3000]
            return page
        time.sleep(0.2)
    pytest.fail("the preview did not finish in time")


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_check_deploy_passes_with_the_example_production_settings(tmp_path):
    env = production_env(tmp_path, 8000)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    shown = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", "from django.conf import settings as s; print(s.EMAIL_HOST, s.EMAIL_PORT, "
         "s.EMAIL_HOST_USER, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS, "
         "s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_AGE, s.SESSION_EXPIRE_AT_BROWSER_CLOSE)"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert shown.stdout.strip().splitlines()[-1] == (
        "smtp.kommune.dk 587 rummelig True False ('HTTP_X_FORWARDED_PROTO', 'https') ['https://127.0.0.1:8000'] True 28800 True"
    )


def test_gunicorn_and_the_worker_import_an_upload_and_every_web_process_shows_it_finish(tmp_path, database_url):
    port = free_port()
    env = production_env(tmp_path, port, database_url)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "prepare_database"], cwd=ROOT, env=env, check=True, timeout=120)
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=300)
    subprocess.run([*manage, "shell", "-c", SETUP], cwd=ROOT, env=env, check=True, timeout=120)
    logs = open(tmp_path / "servers.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy/gunicorn.conf.py"), "rummelig.wsgi"],
        cwd=ROOT, env=env, stdout=logs, stderr=subprocess.STDOUT,
    )  # fmt: skip
    worker = subprocess.Popen([*manage, "db_worker", "--interval", "0.2"], cwd=ROOT, env=env, stdout=logs, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 180
        browser = Browser(port)
        assert '"queue": "ok"' in wait_for_health(browser, server, deadline)

        plain = Browser(port)
        plain.request = lambda method, path, _r=plain.request: _r(method, path, headers={"X-Forwarded-Proto": "http"})
        response, _ = plain.request("GET", "/log-ind/")
        assert response.status == 301 and response.getheader("Location") == f"https://127.0.0.1:{port}/log-ind/"
        assert plain.request("GET", "/health/")[0].status == 200  # the monitor may ask over plain HTTP

        response, page = browser.request("GET", "/log-ind/")
        assert response.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload"
        response, _ = browser.post_form("/log-ind/", {"username": "hr", "password": "Rummelig-test-2026"}, page)
        assert response.status == 302, "login failed"
        session_cookie = [v for h, v in response.getheaders() if h.lower() == "set-cookie" and v.startswith("sessionid=")]
        assert session_cookie and "HttpOnly" in session_cookie[0] and "Secure" in session_cookie[0]
        response, page = browser.request("GET", "/import/ny/")
        assert response.status == 200
        response, _ = browser.post_file("/import/ny/", {"source": "opus"}, OPUS_FILE, page)
        assert response.status == 302
        detail = response.getheader("Location")
        page = wait_for_preview(browser, detail, deadline)
        response, _ = browser.post_form(f"{detail}koer/", {}, page)
        assert response.status == 302

        finished_by = set()
        answers = []
        with concurrent.futures.ThreadPoolExecutor(6) as pool:
            while time.monotonic() < deadline:
                polls = list(pool.map(lambda _n: browser.request("GET", f"{detail}fremdrift/", headers={"HX-Request": "true"}), range(6)))
                answers += [(r.status, r.getheader("HX-Redirect"), body) for r, body in polls]
                if any(r.status == 204 for r, _body in polls):
                    # Once one process saw it finish, every process says so.
                    polls = list(pool.map(lambda _n: browser.request("GET", f"{detail}fremdrift/", headers={"HX-Request": "true"}), range(6)))
                    assert all(r.status == 204 and r.getheader("HX-Redirect") == detail for r, _body in polls)
                    finished_by.update(range(6))
                    break
                assert all(r.status == 200 and "af" in body for r, body in polls), answers[-6:]
                time.sleep(0.2)
        assert finished_by, "the import did not finish in time"

        response, page = browser.request("GET", detail)
        assert "Gennemført" in page, page[:3000]
        pids = set(re.findall(r"/fremdrift/ HTTP/1.1\" \d+ \d+ \d+us pid=<?(\d+)", (tmp_path / "access.log").read_text()))
        assert len(pids) >= 2, "the progress was polled from one gunicorn process only"
        response, body = browser.request("GET", "/health/")
        assert response.status == 200
    finally:
        stop(worker)
        stop(server)
        logs.close()
    assert server.returncode is not None and worker.returncode is not None
    assert "Traceback" not in (tmp_path / "servers.log").read_text(), (tmp_path / "servers.log").read_text()[-3000:]


def big_opus_dump(path, employees):
    """An OPUS dump with many employees (the browser test's records), so the import takes seconds."""
    from e2e.test_import_opus import EMPLOYEE, UNITS

    rows = [
        EMPLOYEE.format(id=5000 + n, cpr=f"{1 + n % 28:02d}{1 + n % 12:02d}85{4000 + n % 6000:04d}", n=n, code="08", text="Ansat")
        for n in range(employees)
    ]
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<kmd>\n' + UNITS + "".join(rows) + "</kmd>\n", encoding="utf-8")
    return path


KILLED_IMPORT_ROWS = 60_000


def test_a_worker_killed_while_it_writes_leaves_nothing_half_written_and_the_run_stopped_in_danish(tmp_path, database_url):
    port = free_port()
    env = production_env(tmp_path, port, database_url)
    env["IMPORTS_PROGRESS_MILLISECONDS"] = "50"
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "prepare_database"], cwd=ROOT, env=env, check=True, timeout=120)
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=300)
    subprocess.run([*manage, "shell", "-c", SETUP], cwd=ROOT, env=env, check=True, timeout=120)
    # Big enough that writing lasts well beyond one look at the progress bar on a fast, quiet machine:
    # with 20,000 the import sometimes finished between the look and the kill.
    dump = big_opus_dump(tmp_path / "ZLPE20250103000000_delta.xml", KILLED_IMPORT_ROWS)
    logs = open(tmp_path / "servers.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy/gunicorn.conf.py"), "rummelig.wsgi"],
        cwd=ROOT, env=env, stdout=logs, stderr=subprocess.STDOUT,
    )  # fmt: skip
    worker = subprocess.Popen([*manage, "db_worker", "--interval", "0.2"], cwd=ROOT, env=env, stdout=logs, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 240
        browser = Browser(port)
        wait_for_health(browser, server, deadline)
        response, page = browser.request("GET", "/log-ind/")
        browser.post_form("/log-ind/", {"username": "hr", "password": "Rummelig-test-2026"}, page)
        response, page = browser.request("GET", "/import/ny/")
        response, _ = browser.post_file("/import/ny/", {"source": "opus"}, dump, page)
        detail = response.getheader("Location")
        page = wait_for_preview(browser, detail, deadline)
        browser.post_form(f"{detail}koer/", {}, page)

        writing = None
        while time.monotonic() < deadline and writing is None:
            response, bar = browser.request("GET", f"{detail}fremdrift/", headers={"HX-Request": "true"})
            assert response.status == 200, "the import finished before it could be stopped"
            match = re.search(r"(\d+) af (\d+)", bar)
            if "Skriver til Rummelig" in bar and match and 0 < int(match.group(1)) - KILLED_IMPORT_ROWS:
                writing = bar  # rows are being written, inside the import's transaction
            time.sleep(0.02)
        assert writing, "the import never reached the writing phase"
        worker.kill()  # SIGKILL: no goodbye, as the out-of-memory killer or a power cut would
        worker.wait()

        response, _ = browser.request("GET", f"{detail}fremdrift/", headers={"HX-Request": "true"})
        assert response.status == 204 and response.getheader("HX-Redirect") == detail
        response, page = browser.request("GET", detail)
        assert "Stoppet af en fejl" in page
        assert "Indlæsningen blev afbrudt: den proces, der kørte den, stoppede" in page
        assert os.listdir(tmp_path / "imports") == []  # its stored upload is deleted
        counted = subprocess.run(
            [*manage, "shell", "-c", "from rummelig.people.models import Employment, Person; print(Employment.objects.count(), Person.objects.count())"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=120,
        )  # fmt: skip
        assert counted.stdout.split()[-2:] == ["0", "0"]  # nothing half-written
    finally:
        stop(worker)
        stop(server)
        logs.close()
