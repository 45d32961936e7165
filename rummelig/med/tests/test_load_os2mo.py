"""The MED organisation read from OS2mo (recorded GraphQL answers) and loaded like the spreadsheet."""

import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from rummelig.accounts.access import access_for
from rummelig.accounts.models import Role, RoleAssignment
from rummelig.med.loading import run_load
from rummelig.med.models import Committee, Membership
from rummelig.med.os2mo import read_os2mo_med

pytestmark = pytest.mark.django_db
RECORDED = Path(__file__).parent / "data" / "os2mo"
PAGES = ("med_units.json", "med_units_side2.json", "associations.json", "associations_side2.json")
LOKAL = "a0000000-0000-4000-8000-000000000004"
CENTER = "a0000000-0000-4000-8000-000000000003"
HOVED = "a0000000-0000-4000-8000-000000000002"


class Replay:
    def __init__(self, *names):
        self.responses = [json.loads((RECORDED / name).read_text(encoding="utf-8")) for name in names]
        self.bodies = []

    def __call__(self, body):
        self.bodies.append(body)
        return self.responses.pop(0)


def test_med_units_and_associations_become_committees_and_seats():
    replay = Replay(*PAGES)
    source = read_os2mo_med(replay, as_of=date(2026, 1, 1), key="user_key")
    assert [body["variables"]["cursor"] for body in replay.bodies] == [None, "c2lkZTI=", None, "YXNzMg=="]
    assert "associations(limit: $limit" in replay.bodies[2]["query"]
    committees = {row.key: row for row in source.committees}  # the root, a line unit and a closed one are no committees
    assert set(committees) == {HOVED, CENTER, LOKAL}
    assert (committees[LOKAL].kind, committees[LOKAL].parent_key, committees[LOKAL].unit_ids) == ("lokal", CENTER, ("W11",))
    assert (committees[HOVED].kind, committees[HOVED].parent_key, committees[CENTER].kind) == ("hovedudvalg", "", "omraade")
    seats = {(row.username or row.email): row for row in source.seats}
    assert set(seats) == {"trine", "LEDER_A", "arne@kommune.invalid"}  # the line unit's association is no seat
    assert (seats["trine"].seat, seats["trine"].union, seats["trine"].term_from) == ("tr", "BUPL", date(2025, 1, 1))
    assert (seats["LEDER_A"].seat, seats["LEDER_A"].term_until) == ("formand", date(2026, 12, 31))
    assert (seats["arne@kommune.invalid"].seat, seats["arne@kommune.invalid"].substitute) == ("amr", True)
    assert [n.message for n in source.notices] == [
        "Tilknytningsrollen 'Kaffeansvarlig' svarer ikke til en plads i et MED-udvalg; tilknytningen er ikke indlæst."]
    assert not source.problems


def test_the_os2mo_seats_give_their_roles(world):
    result = run_load(read_os2mo_med(Replay(*PAGES), as_of=date(2026, 1, 1), key="user_key"))
    assert not result.problems
    assert Committee.objects.get(key=LOKAL).parent == Committee.objects.get(key=CENTER)
    assert Membership.objects.get(user=world.leder_a).seat == "formand"  # AD user name, any case
    trine = get_user_model().objects.get(username="trine")
    assert access_for(trine).represents(world.solsikken)
    assert RoleAssignment.objects.filter(user__email="arne@kommune.invalid", role=Role.AMR, unit=world.centre_a).exists()
    again = run_load(read_os2mo_med(Replay(*PAGES), as_of=date(2026, 1, 1), key="user_key"))
    assert again.changes == []


def test_sync_os2mo_med_dry_run_writes_nothing(world, monkeypatch, tmp_path):
    replay = Replay(*PAGES)
    monkeypatch.setattr("rummelig.imports.management.commands.sync_os2mo.make_transport", lambda url, token: replay)
    token = tmp_path / "token"
    token.write_text("hemmelig")
    out = io.StringIO()
    call_command("sync_os2mo_med", "--url", "https://mo.rummelby.invalid/graphql/v22", "--token-file", str(token),
                 "--key", "user_key", "--dry-run", stdout=out)  # fmt: skip
    assert "Prøvekørsel" in out.getvalue() and "Kaffeansvarlig" in out.getvalue()
    assert not Committee.objects.exists()
