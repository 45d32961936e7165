"""HR imports a KMD OPUS dump in a real browser: upload, preview, run with a moving progress bar, result.

The run is queued in the database and taken by the task worker, as in production (here the worker's
loop runs in a thread of the test process, on the live server's database). Reading the file is
slowed down here (a few milliseconds per record) so the browser can watch the bar move: the sample
dump reads in a blink otherwise. The page polls the progress the worker publishes.
"""

import re
import threading
import time

import pytest

from rummelig.imports import sources
from rummelig.imports.models import ImportRun, PayrollCodeMapping, SourceKind
from rummelig.people.models import Employment
from rummelig.schemes.models import Scheme

EMPLOYEES = 120
UNITS = (
    '<orgUnit id="100"><startDate>1970-04-01</startDate><endDate>9999-12-31</endDate><parentOrgUnit/>'
    "<longName>Rummelby Kommune</longName></orgUnit>\n"
    '<orgUnit id="110"><startDate>2007-01-01</startDate><endDate>9999-12-31</endDate><parentOrgUnit>100</parentOrgUnit>'
    "<longName>Børne- og Ungeforvaltningen</longName></orgUnit>\n"
    '<orgUnit id="111"><startDate>2012-08-01</startDate><endDate>9999-12-31</endDate><parentOrgUnit>110</parentOrgUnit>'
    "<longName>Børnehuset Æblegården</longName><pNr>1012345678</pNr><costCenter>4711</costCenter></orgUnit>\n"
)
EMPLOYEE = (
    '<employee id="{id}"><entryDate>2020-01-01</entryDate><leaveDate/><cpr suppId="0">{cpr}</cpr>'
    "<firstName>Åse</firstName><lastName>Møller {n}</lastName><workContract>{code}</workContract>"
    "<workContractText>{text}</workContractText><position>Pædagog</position><isManager>false</isManager>"
    "<orgUnit>111</orgUnit><numerator>37 </numerator><denominator>37 </denominator></employee>\n"
)


@pytest.fixture
def dump(tmp_path):
    rows = []
    for n in range(EMPLOYEES):
        code, text = ("61", "Fleksjob") if n % 20 == 0 else ("08", "Ansat")
        rows.append(EMPLOYEE.format(id=5000 + n, cpr=f"{1 + n % 28:02d}0{1 + n % 9}85{4000 + n:04d}", n=n, code=code, text=text))
    path = tmp_path / "ZLPE20250102000000_delta.xml"
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<kmd>\n' + UNITS + "".join(rows) + "</kmd>\n", encoding="utf-8")
    return path


@pytest.fixture
def codes(db):
    PayrollCodeMapping.objects.create(source=SourceKind.OPUS, code="08", text="Ansat")
    PayrollCodeMapping.objects.create(
        source=SourceKind.OPUS, code="61", text="Fleksjob", scheme=Scheme.objects.get(code="fleksjob")
    )


@pytest.fixture
def worker(settings):
    """The database queue and its worker (django-tasks-db's loop, as `manage.py db_worker` runs it)."""
    from django.db import connection
    from django_tasks_db.management.commands.db_worker import Worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.IMPORTS_PROGRESS_SECONDS = 0.2
    loop = Worker(
        queue_names=["default"], interval=0.1, batch=False, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="e2e-worker", excluded_queue_names=[],
    )  # fmt: skip

    def run():
        try:
            loop.run()
        finally:
            connection.close()

    thread = threading.Thread(target=run, name="e2e-db-worker", daemon=True)
    thread.start()
    yield loop
    loop.running = False
    thread.join(timeout=30)


@pytest.fixture
def slow_reading(monkeypatch, settings, tmp_path, worker):
    """Read records slowly, so the progress bar has time to move while the browser watches."""
    settings.IMPORTS_DIR = str(tmp_path / "uploads")
    original = sources.stage

    def slowly(records, staged, progress):
        def trickle():
            for record in records:
                time.sleep(0.03)
                yield record

        return original(trickle(), staged, progress)

    monkeypatch.setattr(sources, "stage", slowly)


def progress_value(page):
    return int(page.locator("#import-progress-bar").get_attribute("value"))


def test_hr_uploads_an_opus_dump_previews_runs_and_sees_progress_and_the_result(
    world, codes, dump, slow_reading, page, log_in
):
    log_in(world.hr)
    page.get_by_role("link", name="Import").first.click()
    page.get_by_role("link", name="Indlæs en fil").click()
    page.get_by_label("KMD OPUS").check()
    page.get_by_label("Fil", exact=True).set_input_files(str(dump))
    page.get_by_role("button", name="Vis, hvad der vil ændre sig").click()

    # the preview: nothing written yet, the counts and the first changes
    page.get_by_role("heading", name="Forhåndsvisning af indlæsningen").wait_for()
    assert page.get_by_text("Intet er skrevet endnu.").is_visible()
    counts = page.get_by_test_id("counts")
    assert counts.get_by_role("row", name="Ansættelser").get_by_role("cell").first.inner_text() == str(EMPLOYEES)
    assert page.get_by_test_id("changes").get_by_text("Børnehuset Æblegården").first.is_visible()
    assert Employment.objects.count() == 0

    # the run: the progress bar moves while the import reads the file in the background
    page.get_by_role("button", name="Kør import").click()
    page.get_by_role("heading", name="Indlæsningen kører").wait_for()
    bar = page.locator("#import-progress-bar")
    bar.wait_for()
    first = progress_value(page)
    assert re.fullmatch(r"\d+ af \d+ \(\d+ %\)", page.get_by_test_id("progress-text").inner_text())
    page.wait_for_function(  # a later poll shows more records read
        f"() => Number(document.querySelector('#import-progress-bar')?.getAttribute('value')) > {first}"
    )
    assert progress_value(page) > first

    # the result: the page polls until the import is done and then shows it
    page.get_by_role("heading", name="Resultat af indlæsningen").wait_for(timeout=30_000)
    assert page.get_by_text("Indlæsningen er gennemført.").is_visible()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.DONE and run.user == world.hr
    assert Employment.objects.count() == EMPLOYEES
    assert Employment.objects.filter(subsidised=True).count() == EMPLOYEES // 20
