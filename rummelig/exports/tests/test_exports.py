"""A big export is made by the worker: the user waits on its page, then downloads it once, alone."""

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rummelig.accounts.models import Role, RoleAssignment
from rummelig.audit.models import AuditEntry
from rummelig.exports import service
from rummelig.exports.models import Export
from rummelig.testing import downloaded, make_person, make_placement, make_user

URL = reverse("placements:export")
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}


@pytest.fixture
def placed(world):
    make_placement(world.solsikken, "fleksjob", person=make_person("Åse", "Ærøskøbing", cpr="0101901234"))
    make_placement(world.aabjerg, "fleksjob", person=make_person("Bjørn", "Østergård"))


def export_of(response):
    assert response.status_code == 302
    return Export.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def urls(export):
    return [reverse(f"exports:{name}", args=[export.pk]) for name in ("status", "progress", "download")]


@pytest.mark.django_db
class TestWaitingForTheWorker:
    def test_the_page_says_the_export_is_being_made_and_polls_until_the_file_is_ready(self, world, placed, login, settings):
        settings.TASKS = DUMMY  # queued, not run: the worker has not come yet
        client = login(world.hr)
        export = export_of(client.get(URL, {"scheme": ""}))
        page = client.get(reverse("exports:status", args=[export.pk])).content.decode()
        assert "Eksporten bliver lavet…" in page and 'hx-trigger="every 1s"' in page
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()
        assert client.get(reverse("exports:download", args=[export.pk])).status_code == 404

        service.execute(str(export.pk))  # what the worker does

        part = client.get(reverse("exports:progress", args=[export.pk]), HTTP_HX_REQUEST="true").content.decode()
        assert "hx-trigger" not in part, "polling stops"
        assert "Filen er klar: 2 rækker." in part and "Hent ansaettelser-" in part
        entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
        assert (entry.user, entry.detail) == (world.hr, "Filter: scheme=; 2 rækker")


@pytest.mark.django_db
class TestOnlyTheUserWhoAsked:
    def test_another_user_finds_no_such_export_not_even_hr(self, world, placed, login):
        export = export_of(login(world.hr).get(URL))
        other_hr = make_user("hr2", "Anden", "HR", Role.HR, world.kommune)
        for user in (other_hr, world.leder_a, world.auditor, world.outsider):
            client = Client()
            client.force_login(user)
            assert [client.get(url).status_code for url in urls(export)] == [404, 404, 404], user
        assert Path(Export.objects.get().stored_file).exists()

    def test_a_user_who_lost_the_role_cannot_download_it(self, world, placed, login):
        client = login(world.leder_a)
        export = export_of(client.get(URL))
        RoleAssignment.objects.filter(user=world.leder_a).delete()
        assert [client.get(url).status_code for url in urls(export)] == [404, 404, 404]

    def test_the_worker_makes_no_file_for_a_user_who_lost_the_role_meanwhile(self, world, placed, login, settings):
        settings.TASKS = DUMMY
        export = export_of(login(world.leder_a).get(URL))
        RoleAssignment.objects.filter(user=world.leder_a).delete()
        service.execute(str(export.pk))
        export.refresh_from_db()
        assert export.status == Export.Status.FAILED and export.stored_file == ""
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()

    def test_the_leder_gets_only_their_own_centre_as_before(self, world, placed, login):
        from io import BytesIO

        from openpyxl import load_workbook

        file = downloaded(login(world.leder_a).get(URL))
        names = [row[0] for row in load_workbook(BytesIO(file.content)).active.iter_rows(min_row=2, values_only=True)]
        assert names == ["Åse"]


@pytest.mark.django_db
class TestTheFileIsPrivateAndShortLived:
    def test_it_waits_outside_media_and_static_readable_by_rummelig_alone_without_the_search_text(self, world, placed, login, settings):
        client = login(world.hr)
        address = client.post(reverse("placements:list"), {"q": "0101901234"})["Location"]
        export = export_of(client.get(URL + "?" + address.split("?")[1]))
        assert export.status == Export.Status.DONE and export.rows == 1
        path = Path(export.stored_file)
        assert path.parent == Path(settings.EXPORTS_DIR)
        for served in (django_settings.MEDIA_ROOT, django_settings.STATIC_ROOT):
            assert not path.is_relative_to(served)
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
        assert export.params == {}, "the search text (here a CPR number) is not kept once the file is made"
        assert "0101901234" not in AuditEntry.objects.get(action=AuditEntry.Action.EXPORT).detail

    def test_it_is_deleted_when_downloaded_and_the_download_is_audited(self, world, placed, login):
        client = login(world.hr)
        response = client.get(URL)
        export = export_of(response)
        file = downloaded(response)
        assert file.status_code == 200 and file.content.startswith(b"PK")
        assert 'filename="ansaettelser-' in file["Content-Disposition"]
        assert not Path(export.stored_file).exists()
        assert client.get(reverse("exports:download", args=[export.pk])).status_code == 404
        assert "Filen er hentet og slettet fra Rummelig" in client.get(reverse("exports:status", args=[export.pk])).content.decode()
        entries = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, user=world.hr, object_type="placement").order_by("pk")
        made, fetched = entries.values_list("detail", flat=True)
        assert made == "Filter: ingen; 2 rækker"
        assert fetched.startswith("Hentede ansaettelser-") and "(2 rækker" in fetched

    def test_it_is_gone_after_the_keep_period(self, world, placed, login, settings):
        client = login(world.hr)
        export = export_of(client.get(URL))
        path = Path(export.stored_file)
        Export.objects.filter(pk=export.pk).update(created_at=timezone.now() - timedelta(hours=settings.EXPORTS_KEEP_HOURS, minutes=1))
        assert [client.get(url).status_code for url in urls(export)] == [404, 404, 404]
        assert path.exists()
        call_command("discard_expired_exports", verbosity=0)
        assert not path.exists() and not Export.objects.exists()

    def test_the_worker_deletes_expired_exports_as_it_goes(self, world, placed, login):
        client = login(world.hr)
        old = export_of(client.get(URL))
        Export.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
        export_of(client.get(URL))
        assert not Path(old.stored_file).exists()
        assert list(Export.objects.values_list("rows", flat=True)) == [2]


@pytest.fixture
def reference_data(transactional_db):
    """An earlier test that committed may have flushed the schemes the migrations loaded: load them again."""
    from rummelig.testing import reload_reference_data

    reload_reference_data()


@pytest.mark.django_db(transaction=True)  # the worker works in transactions of its own
def test_with_the_database_queue_the_request_only_queues_and_the_worker_makes_the_file(reference_data, world, placed, login, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.SECRET_KEY = "a-production-key-the-worker-accepts-" + "x" * 30
    export = export_of(login(world.hr).get(URL))
    export.refresh_from_db()
    assert export.status == Export.Status.QUEUED and export.stored_file == ""
    assert DBTaskResult.objects.ready().count() == 1
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)
    export.refresh_from_db()
    assert export.status == Export.Status.DONE and export.rows == 2
    assert DBTaskResult.objects.successful().count() == 1
