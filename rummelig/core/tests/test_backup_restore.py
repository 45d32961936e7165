"""`backup FILE` and `restore FILE`: restored into an emptied database, every unit, person, placement,
audit entry and import run is back (SQLite here; PostgreSQL when DATABASE_URL is postgres, as in CI)."""

import stat

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from rummelig.audit.models import AuditEntry
from rummelig.imports.models import ImportRun, SourceKind
from rummelig.imports.service import import_file
from rummelig.imports.tests.conftest import OPUS_CODES, OPUS_DAY_1, map_codes
from rummelig.organisation.models import Unit
from rummelig.people.models import Person
from rummelig.placements.models import Placement
from rummelig.testing import build_world, make_placement, reload_reference_data


def contents():
    managers = {"units": Unit.objects, "people": Person.objects, "placements": Placement.with_annulled,
                "audit": AuditEntry.objects, "imports": ImportRun.objects}  # fmt: skip
    return {name: sorted(manager.values_list("pk", flat=True)) for name, manager in managers.items()}


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_has_every_unit_person_placement_audit_entry_and_import_run(tmp_path, capsys):
    reload_reference_data()
    world = build_world()
    make_placement(world.solsikken)
    make_placement(world.aabjerg, scheme_code="loentilskud")
    map_codes(SourceKind.OPUS, OPUS_CODES)
    run = import_file(SourceKind.OPUS, OPUS_DAY_1, user=world.hr).run
    assert run.status == ImportRun.Status.DONE
    before = contents()
    assert all(before.values()) and len(before["people"]) > 2
    target = tmp_path / "rummelig.backup"

    call_command("backup", str(target))

    assert "Sikkerhedskopien er skrevet til" in capsys.readouterr().out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # it holds personal data
    call_command("flush", "--noinput", verbosity=0)
    assert not any(contents().values())  # an empty database

    call_command("restore", str(target), "--yes")

    connection.close()
    assert contents() == before
    restored = ImportRun.objects.get(pk=run.pk)
    assert restored.file_name == OPUS_DAY_1.name and restored.status == ImportRun.Status.DONE
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).count() == 1


@pytest.mark.django_db
def test_restore_asks_before_it_replaces_the_database_and_refuses_a_file_that_is_no_backup(tmp_path):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")

    with pytest.raises(CommandError, match="bekræft med --yes"):
        call_command("restore", str(not_a_backup))
    with pytest.raises(CommandError, match="ikke en"):
        call_command("restore", str(not_a_backup), "--yes")
    with pytest.raises(CommandError, match="findes ikke"):
        call_command("restore", str(tmp_path / "missing.backup"), "--yes")
    with pytest.raises(CommandError, match="findes ikke; opret den først"):
        call_command("backup", str(tmp_path / "no" / "such" / "dir.backup"))
