"""An import whose process was killed blocks no new import and shows as stopped, in Danish.

The run's row says "running" with the process that ran it; the process is gone (a restart, the
out-of-memory killer). Simulated with the pid of a process that has ended, and with this process's
own pid from an earlier start of the application (another token).
"""

import socket
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from rummelig.imports import liveness
from rummelig.imports.models import ImportRun, SourceKind
from rummelig.people.models import Employment

from .test_views_run import preview

pytestmark = pytest.mark.django_db

STOPPED = "Indlæsningen blev afbrudt: den proces, der kørte den, stoppede (serveren er måske blevet genstartet)"


def ended_pid():
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def killed_run(worker, stored_file=""):
    return ImportRun.objects.create(
        source=SourceKind.SD, file_name="sd.csv", status=ImportRun.Status.RUNNING, dry_run=False,
        started_at=timezone.now(), worker=worker, stored_file=stored_file,
    )


@pytest.mark.parametrize("worker", [
    lambda: f"{socket.gethostname()}:{ended_pid()}:0a1b2c3d4e5f",
    lambda: f"{socket.gethostname()}:{__import__('os').getpid()}:from-before-a-restart",
], ids=["process-gone", "process-restarted"])
def test_a_killed_import_blocks_nothing_and_shows_as_stopped(world, login, opus_codes, imports_dir, django_capture_on_commit_callbacks, tmp_path, worker):
    leftover = tmp_path / "sd.csv"
    leftover.write_text("x")
    dead = killed_run(worker(), stored_file=str(leftover))
    client = login(world.hr)
    run = preview(client)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:run", args=[run.pk]), follow=True)

    assert "En anden indlæsning kører" not in response.content.decode()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    assert Employment.objects.count() == 4
    dead.refresh_from_db()
    assert dead.status == ImportRun.Status.ERROR and dead.finished_at is not None
    assert not leftover.exists()
    page = client.get(reverse("imports:detail", args=[dead.pk])).content.decode()
    assert STOPPED in page
    assert "Stoppet af en fejl" in client.get(reverse("imports:list")).content.decode()


def test_the_list_shows_a_killed_import_as_stopped_at_once(world, login):
    dead = killed_run(f"{socket.gethostname()}:{ended_pid()}:0a1b2c3d4e5f")

    page = login(world.hr).get(reverse("imports:list")).content.decode()

    assert "Stoppet af en fejl" in page
    dead.refresh_from_db()
    assert dead.status == ImportRun.Status.ERROR


def test_an_import_running_in_a_live_process_still_blocks_a_new_one(world, login, opus_codes, imports_dir):
    alive = killed_run(liveness.this_process())
    client = login(world.hr)
    run = preview(client)

    response = client.post(reverse("imports:run", args=[run.pk]), follow=True)

    assert "En anden indlæsning kører" in response.content.decode()
    alive.refresh_from_db()
    assert alive.status == ImportRun.Status.RUNNING
    assert not Employment.objects.exists()


def test_a_run_started_by_this_process_records_it(world, login, opus_codes, imports_dir, django_capture_on_commit_callbacks):
    client = login(world.hr)
    run = preview(client)
    assert run.worker == liveness.this_process()
