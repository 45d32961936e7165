"""Imports run in the worker: progress every web process can read, a dead worker's run stopped in Danish,
and the garbage collector paused only there, never in a web process."""

import gc
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rummelig.imports import progress
from rummelig.imports.models import ImportRun, SourceKind
from rummelig.people.models import Employment

from .test_views_run import preview

pytestmark = pytest.mark.django_db

STOPPED = "Indlæsningen blev afbrudt: den proces, der kørte den, stoppede"


def taken_by_another_host(tmp_path, **fields):
    """A run the worker on another host took 5 minutes ago (background.claim records itself and a first beat)."""
    upload = tmp_path / "ZLPE20250101000000_delta.xml"
    upload.write_text("<x/>")
    started = timezone.now() - timedelta(minutes=5)
    return ImportRun.objects.create(
        source=SourceKind.OPUS, file_name=upload.name, status=ImportRun.Status.RUNNING, dry_run=False,
        started_at=started, heartbeat_at=started, worker="worker-host-2:4242:0a1b2c3d4e5f",
        stored_file=str(upload), progress_total=40, **fields,
    )  # fmt: skip


def test_the_progress_bar_shows_what_the_worker_published_from_another_process(world, login, tmp_path):
    run = taken_by_another_host(tmp_path)
    progress.store(run.pk, run.started_at, progress.Snapshot(12, 40, "Skriver til Rummelig"))

    bar = login(world.hr).get(reverse("imports:progress", args=[run.pk]), HTTP_HX_REQUEST="true").content.decode()

    assert "12 af 40 (30 %)" in bar and "Skriver til Rummelig" in bar
    run.refresh_from_db()
    assert run.status == ImportRun.Status.RUNNING


def test_a_run_whose_worker_stopped_beating_is_stopped_and_can_be_started_again(
    world, login, opus_codes, settings, tmp_path, django_capture_on_commit_callbacks
):
    dead = taken_by_another_host(tmp_path)
    progress.store(dead.pk, dead.started_at, progress.Snapshot(12, 40, ""))
    upload = dead.stored_file
    client = login(world.hr)
    assert client.get(reverse("imports:detail", args=[dead.pk])).status_code == 200
    dead.refresh_from_db()
    assert dead.status == ImportRun.Status.RUNNING  # it beat just now

    settings.IMPORTS_DEAD_AFTER = -1  # as if a minute had passed without a heartbeat
    page = client.get(reverse("imports:detail", args=[dead.pk])).content.decode()

    dead.refresh_from_db()
    assert dead.status == ImportRun.Status.ERROR and STOPPED in page
    assert dead.stored_file == "" and not __import__("os").path.exists(upload)
    assert not Employment.objects.exists()
    # The user uploads the file again and runs it: the stopped run blocks nothing.
    again = preview(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:run", args=[again.pk]), follow=True)
    assert "En anden indlæsning kører" not in response.content.decode()
    again.refresh_from_db()
    assert again.status == ImportRun.Status.DONE and Employment.objects.count() == 4


def test_a_run_no_worker_took_is_stopped_with_a_danish_message_after_the_queue_timeout(world, login, settings, tmp_path):
    queued = taken_by_another_host(tmp_path)
    ImportRun.objects.filter(pk=queued.pk).update(worker="", heartbeat_at=None)
    client = login(world.hr)
    client.get(reverse("imports:list"))
    queued.refresh_from_db()
    assert queued.status == ImportRun.Status.RUNNING  # 5 minutes in the queue is not too long

    settings.IMPORTS_QUEUE_TIMEOUT = 60
    client.get(reverse("imports:list"))

    queued.refresh_from_db()
    assert queued.status == ImportRun.Status.ERROR
    assert "ingen baggrundsproces tog den inden for 1 minutter" in queued.error and queued.stored_file == ""


@pytest.fixture
def reference_data(transactional_db):
    """An earlier test that committed may have flushed the schemes the migrations loaded: load them again."""
    from rummelig.testing import reload_reference_data

    reload_reference_data()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_the_worker_publishes_progress_and_heartbeats_while_it_imports(world, settings, tmp_path):
    run = taken_by_another_host(tmp_path)
    settings.IMPORTS_PROGRESS_SECONDS = 0.01
    live = progress.Progress(None, total=10)
    with progress.Publisher(run.pk, run.started_at, live):
        live.step(7)
        __import__("time").sleep(0.2)
    run.refresh_from_db()
    snapshot, beat = progress.stored(run)
    assert (snapshot.current, snapshot.total) == (7, 10)
    assert beat is not None and beat > timezone.now() - timedelta(seconds=5)


def test_only_the_worker_pauses_the_garbage_collector_never_a_web_request(
    world, login, opus_codes, monkeypatch, django_capture_on_commit_callbacks
):
    from rummelig.imports.service import import_file

    from .conftest import OPUS_DAY_1

    paused = []
    real_disable = gc.disable
    monkeypatch.setattr(gc, "disable", lambda: (paused.append(True), real_disable()))

    import_file(SourceKind.OPUS, OPUS_DAY_1, dry_run=True)  # an import called from any code outside the worker

    assert paused == [] and gc.isenabled()
    client = login(world.hr)
    run = preview(client)  # the comparison is the worker's task (run at once in tests)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:run", args=[run.pk]))  # and so is the run
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    assert paused == [True, True] and gc.isenabled()


def test_an_import_command_running_without_a_heartbeat_is_not_taken_for_dead(world, login, settings, tmp_path):
    """A nightly `import_opus` runs in its own process, with no heartbeat: while that process lives, the run lives."""
    from rummelig.imports.liveness import this_process

    settings.IMPORTS_DEAD_AFTER = -1
    command = ImportRun.objects.create(
        source=SourceKind.OPUS, file_name="ZLPE.xml", status=ImportRun.Status.RUNNING, dry_run=False,
        started_at=timezone.now() - timedelta(minutes=30), worker=this_process(),
    )  # fmt: skip

    login(world.hr).get(reverse("imports:list"))

    command.refresh_from_db()
    assert command.status == ImportRun.Status.RUNNING


def test_a_preview_that_cannot_run_keeps_no_upload(world, login, opus_codes, imports_dir, django_capture_on_commit_callbacks):
    client = login(world.hr)
    first = preview(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:run", args=[first.pk]))

    again = preview(client)  # the same file: nothing to run, so nothing kept

    again.refresh_from_db()
    assert again.same_as_id == first.pk and not again.may_run
    assert list(imports_dir.iterdir()) == []
