"""Running a previewed import: the progress bar, the result, and the run as a task of the database queue."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rummelig.audit.models import AuditEntry
from rummelig.imports import progress
from rummelig.imports.models import ImportRun, SourceKind
from rummelig.people.models import Employment

from .conftest import OPUS_DAY_1

pytestmark = pytest.mark.django_db


def preview(client, path=OPUS_DAY_1):
    client.post(
        reverse("imports:upload"), {"source": SourceKind.OPUS, "file": SimpleUploadedFile(path.name, path.read_bytes())}
    )
    return ImportRun.objects.latest("pk")


def test_running_a_preview_imports_and_shows_the_result(world, login, opus_codes, imports_dir, django_capture_on_commit_callbacks):
    client = login(world.hr)
    run = preview(client)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:run", args=[run.pk]))

    assert response["Location"] == reverse("imports:detail", args=[run.pk])
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and not run.dry_run
    assert Employment.objects.count() == 4
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT, username="hr").count() == 1
    assert list(imports_dir.iterdir()) == []  # the kept file is gone
    page = client.get(response["Location"]).content.decode()
    assert "Resultat af indlæsningen" in page
    assert "Indlæsningen er gennemført" in page
    assert "Kør import" not in page


def test_a_run_cannot_be_started_twice(world, login, opus_codes, django_capture_on_commit_callbacks):
    client = login(world.hr)
    run = preview(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:run", args=[run.pk]))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("imports:run", args=[run.pk]), follow=True)

    assert callbacks == []
    assert "Denne indlæsning kan ikke køres" in response.content.decode()
    assert Employment.objects.count() == 4


def test_the_progress_endpoint_shows_the_bar_while_running(world, login):
    run = ImportRun.objects.create(source=SourceKind.OPUS, file_name="x.xml", status=ImportRun.Status.RUNNING)
    live = progress.Progress(run.pk, total=200)
    live.step(50)
    live._publish(force=True)
    client = login(world.hr)

    try:
        response = client.get(reverse("imports:progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    finally:
        live.done()

    content = response.content.decode()
    assert '<progress id="import-progress-bar" max="200" value="50"' in content
    assert "50 af 200 (25 %)" in content
    assert 'hx-trigger="every 1s"' in content


def test_the_progress_endpoint_sends_the_browser_to_the_result_when_done(world, login):
    run = ImportRun.objects.create(source=SourceKind.OPUS, file_name="x.xml", status=ImportRun.Status.DONE)
    client = login(world.hr)

    response = client.get(reverse("imports:progress", args=[run.pk]), HTTP_HX_REQUEST="true")

    assert response["HX-Redirect"] == reverse("imports:detail", args=[run.pk])
    plain = client.get(reverse("imports:progress", args=[run.pk]))
    assert plain.status_code == 302 and plain["Location"] == reverse("imports:detail", args=[run.pk])


def test_the_detail_page_of_a_running_import_polls_for_progress(world, login):
    run = ImportRun.objects.create(
        source=SourceKind.OPUS, file_name="x.xml", status=ImportRun.Status.RUNNING, progress_total=10, progress_current=3
    )

    content = login(world.hr).get(reverse("imports:detail", args=[run.pk])).content.decode()

    assert f'hx-get="{reverse("imports:progress", args=[run.pk])}"' in content
    assert "Indlæsningen kører" in content


@pytest.fixture
def reference_data(transactional_db):
    """An earlier test that committed may have flushed the schemes the migrations loaded: load them again."""
    from rummelig.testing import reload_reference_data

    reload_reference_data()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_a_queued_run_waits_for_the_worker_which_imports_it(world, settings, login, opus_codes):
    """With the database queue, the run page only queues the run; `db_worker` runs it, in its own transaction."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.SECRET_KEY = "a-production-key-the-worker-accepts-" + "x" * 30
    client = login(world.hr)
    work = lambda: call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)  # noqa: E731
    run = preview(client)  # the upload is queued to be compared, by the worker too

    run.refresh_from_db()
    assert run.status == ImportRun.Status.RUNNING and run.dry_run and run.worker == ""
    assert "Filen sammenlignes med Rummelig" in client.get(reverse("imports:detail", args=[run.pk])).content.decode()
    work()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEWED and run.may_run and not Employment.objects.exists()

    client.post(reverse("imports:run", args=[run.pk]))

    run.refresh_from_db()
    assert run.status == ImportRun.Status.RUNNING and run.worker == ""
    assert not Employment.objects.exists()
    bar = client.get(reverse("imports:progress", args=[run.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "venter på baggrundsprocessen" in bar
    assert DBTaskResult.objects.ready().count() == 1

    work()

    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE, (run.problems, run.error)
    assert Employment.objects.count() == 4
    assert run.stored_file == "" and run.worker.split(":")[1].isdigit()
    assert DBTaskResult.objects.successful().count() == 2


def test_reading_a_file_publishes_progress_as_records_arrive():
    from rummelig.imports.sources import Staged, stage

    seen = []
    live = progress.Progress(4711, total=100, interval=0)
    staged = Staged(source="opus", file="x.xml", reference_date=None)

    def records():
        for number in range(100):
            if number % 25 == 0:
                seen.append(progress.read(4711).current)
            yield object()

    try:
        stage(records(), staged, live)
    finally:
        live.done()

    assert seen == [0, 25, 50, 75]
    assert live.current == 100 and progress.read(4711) is None


def test_another_running_import_blocks_a_new_run_until_it_is_stale(world, login, opus_codes, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    client = login(world.hr)
    other = ImportRun.objects.create(
        source=SourceKind.SD, file_name="sd.csv", status=ImportRun.Status.RUNNING, started_at=timezone.now()
    )
    run = preview(client)

    response = client.post(reverse("imports:run", args=[run.pk]), follow=True)

    assert "En anden indlæsning kører" in response.content.decode()
    other.started_at = timezone.now() - timedelta(hours=2)  # its process died long ago
    other.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:run", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE


def test_the_preview_page_shows_the_leder_role_payroll_would_give(world, login, opus_codes):
    client = login(world.hr)
    run = preview(client)  # Søren (userId SAEROE) is the manager of unit 111

    page = client.get(reverse("imports:detail", args=[run.pk])).content.decode()

    assert "Leder-roller fra lønsystemet" in page
    assert "Leder-rolle fra lønsystemet" in page and "SAEROE" in page
