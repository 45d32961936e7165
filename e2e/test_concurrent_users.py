"""A handful of people using Rummelig at once on the SQLite default never see "database is locked".

Every page view writes an audit row inside the request's transaction (ATOMIC_REQUESTS), so several
users at once means several writers at once. The test fires logins, placement pages, the annual
report as PDF and form posts from several threads at pytest-django's live server (a threaded
server on the test database file) and asserts that every request succeeds.
"""

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from datetime import date

import pytest
from django.db import connection

from rummelig.audit.models import AuditEntry
from rummelig.reports.models import Target
from rummelig.testing import PASSWORD, make_placement

THREADS = 8
ROUNDS = 4


class Browser:
    """A cookie-keeping HTTP client that logs in through the real login form, as a browser does."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body, headers={"Referer": self.base_url + path})
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def csrf(self, path):
        status, page = self.request(path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert match, f"no CSRF token on {path} ({status})"
        return match.group(1).decode()

    def post(self, path, data, form_page=None):
        """Post as the form on `form_page` (default: `path`) would, or with the cookie's token."""
        if form_page is False:
            token = next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")
        else:
            token = self.csrf(form_page or path)
        return self.request(path, {"csrfmiddlewaretoken": token, **data})


@pytest.fixture
def busy_world(world):
    placements = [
        make_placement(workplace, scheme_code="loentilskud", start=date(2025, 3, 1), planned_end=date(2025, 8, 31))
        for workplace in (world.solsikken, world.skovbrynet, world.aabjerg) * 3
    ]
    return world, placements


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the locking this guards against is SQLite's")
def test_several_users_at_once_get_no_database_errors(busy_world, live_server):
    world, placements = busy_world
    users = [world.hr, world.leder_a, world.leder_b, world.auditor] * (THREADS // 4)
    in_centre_a = [p for p in placements if p.workplace.parent_id == world.centre_a.pk]
    visible = {"hr": placements, "auditor": placements, "leder_a": in_centre_a,
               "leder_b": [p for p in placements if p not in in_centre_a]}
    failures, done = [], []
    start = threading.Barrier(THREADS)

    def user_session(index, user):
        try:
            rounds(index, user)
        except Exception as exc:  # a thread's exception would otherwise only be a warning
            failures.append((user.username, "exception", repr(exc)))

    def rounds(index, user):
        browser = Browser(live_server.url)
        start.wait()
        for round_ in range(ROUNDS):
            steps = []
            status, _ = browser.post("/log-ind/", {"username": user.username, "password": PASSWORD})
            steps.append(("log in", status))
            for placement in visible[user.username][index % 2::2]:
                status, _ = browser.request(f"/ansaettelser/{placement.pk}/")
                steps.append((f"placement {placement.pk}", status))
            if round_ == 0:
                status, _ = browser.request("/rapporter/aarsrapport/eksport/pdf/?year=2025")
                steps.append(("annual report PDF", status))
            if user == world.hr:
                year = 2030 + index * ROUNDS + round_
                status, _ = browser.post("/rapporter/maaltal/nyt/", {
                    "year": year, "kind": Target.Kind.TARGET, "unit": world.kommune.pk,
                    "measure": Target.Measure.HEADCOUNT, "value": "5",
                })
                steps.append((f"target {year}", status))
            status, _ = browser.post("/log-ud/", {}, form_page=False)
            steps.append(("log out", status))
            failures.extend((user.username, step, status) for step, status in steps if status >= 400)
            done.append(len(steps))

    workers = [threading.Thread(target=user_session, args=(i, user)) for i, user in enumerate(users)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert failures == []
    assert len(done) == THREADS * ROUNDS
    hr_threads = users.count(world.hr)
    assert Target.objects.count() == hr_threads * ROUNDS
    assert AuditEntry.objects.filter(object_type="annual_report").count() == THREADS


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the locking this guards against is SQLite's")
def test_the_import_progress_answers_while_an_import_holds_the_write_lock(world, client):
    """An import writes in one long transaction; the page polling its progress must not wait for it."""
    import sqlite3
    import time

    from rummelig.imports.liveness import this_process
    from rummelig.imports.models import ImportRun, SourceKind

    run = ImportRun.objects.create(source=SourceKind.OPUS, file_name="x.xml", status=ImportRun.Status.RUNNING,
                                   dry_run=False, worker=this_process(), progress_total=10)
    client.force_login(world.hr)
    importer = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    importer.execute("BEGIN IMMEDIATE")  # as imports.service._prepare_sqlite does for the whole import
    try:
        began = time.monotonic()
        progress = client.get(f"/import/{run.pk}/fremdrift/", HTTP_HX_REQUEST="true")
        detail = client.get(f"/import/{run.pk}/")
        seconds = time.monotonic() - began
    finally:
        importer.execute("ROLLBACK")
        importer.close()
    assert (progress.status_code, detail.status_code) == (200, 200)
    assert "Indlæsningen kører" in detail.content.decode()
    assert seconds < 5
