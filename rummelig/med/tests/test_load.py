"""Loading MED committees and seats from the MED spreadsheet: the tree, the seats, the roles they give."""

import io
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from rummelig.accounts.access import access_for
from rummelig.accounts.models import Role, RoleAssignment, RoleSource
from rummelig.audit.models import AuditEntry
from rummelig.med.loading import run_load
from rummelig.med.models import Committee, Membership
from rummelig.med.sheet import read_med_workbook, write_template
from rummelig.testing import make_user

pytestmark = pytest.mark.django_db

COMMITTEE_HEADER = ["udvalgs-id", "navn", "type", "overordnet udvalg", "enheder"]
MEMBER_HEADER = ["udvalgs-id", "brugernavn eller e-mail", "navn", "plads", "faglig organisation", "suppleant",
                 "periode fra", "periode til"]  # fmt: skip
COMMITTEES = [
    ["HMED", "Hovedudvalget", "hovedudvalg", "", "K1"],
    ["OMED-BU", "OmrådeMED Børn og Unge", "Område", "HMED", "C1"],
    ["LMED-SOL", "LokalMED Solsikken", "lokal", "OMED-BU", "W11, W12"],
]
MEMBERS = [
    ["LMED-SOL", "trine", "Trine Hansen", "TR", "BUPL", "nej", "01-01-2025", ""],
    ["LMED-SOL", "leder_a", "", "formand", "", "", date(2025, 1, 1), None],
    ["OMED-BU", "arne@kommune.invalid", "Arne Holm", "AMR", "FOA", "ja", "01-01-2025", "31-12-2030"],
]


def workbook(committees=COMMITTEES, members=MEMBERS, name="med.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.title = "Udvalg"
    for row in [COMMITTEE_HEADER, *committees]:
        sheet.append(row)
    members_sheet = book.create_sheet("Medlemmer")
    for row in [MEMBER_HEADER, *members]:
        members_sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


def load(dry_run=False, **kwargs):
    return run_load(read_med_workbook(workbook(**kwargs)), dry_run=dry_run)


def problems(**kwargs):
    result = load(**kwargs)
    return [f"{p.location}: {p.message}" for p in result.problems]


def _access(user):
    return access_for(type(user).objects.get(pk=user.pk))


def test_the_spreadsheet_builds_the_tree_the_seats_and_their_roles(world):
    result = load()
    assert not result.problems
    local = Committee.objects.get(key="LMED-SOL")
    assert (local.name, local.kind, local.parent.key, local.parent.parent.key) == (
        "LokalMED Solsikken", Committee.Kind.LOCAL, "OMED-BU", "HMED")
    assert set(local.units.all()) == {world.solsikken, world.skovbrynet}
    trine = get_user_model().objects.get(username="trine")  # no user before: one without a password
    assert not trine.has_usable_password() and (trine.first_name, trine.last_name) == ("Trine", "Hansen")
    seat = trine.med_memberships.get()
    assert (seat.seat, seat.union, seat.substitute, seat.term_from) == ("tr", "BUPL", False, date(2025, 1, 1))
    assert _access(trine).represents(world.solsikken)  # the TR seat gives the TR role for the area
    assert set(RoleAssignment.objects.filter(user=trine, source=RoleSource.MED_SEAT).values_list("role", "unit")) == {
        (Role.MED, world.solsikken.pk), (Role.MED, world.skovbrynet.pk),
        (Role.TR, world.solsikken.pk), (Role.TR, world.skovbrynet.pk)}  # fmt: skip
    assert world.leder_a.med_memberships.get().seat == "formand"  # matched by user name
    arne = get_user_model().objects.get(email="arne@kommune.invalid")
    assert arne.med_memberships.get().substitute and RoleAssignment.objects.filter(user=arne, role=Role.AMR).exists()
    entities = {(c.entity, c.action) for c in result.changes}
    assert {("Udvalg", "Tilføjet"), ("Plads", "Tilføjet"), ("Rolle", "Tilføjet"), ("Bruger", "Tilføjet")} <= entities
    assert AuditEntry.objects.filter(object_type="committee", action=AuditEntry.Action.CREATE).count() == 3
    assert AuditEntry.objects.filter(object_type="roleassignment", object_repr__startswith="trine:").count() == 4


def test_a_seat_matched_by_email_uses_the_existing_user(world):
    anna = make_user("anna", "Anna", "Andersen")
    load(members=[["LMED-SOL", "anna@kommune.invalid", "", "medarbejderrepræsentant", "", "", "01-01-2025", ""]])
    assert anna.med_memberships.get().seat == "medarbejder"


def test_loading_the_same_file_again_changes_nothing(world):
    load()
    entries = AuditEntry.objects.count()
    again = load()
    assert again.changes == [] and not again.problems
    assert AuditEntry.objects.count() == entries


def test_a_seat_left_out_is_ended_yesterday_and_its_role_ends_with_it(world):
    load()
    trine = get_user_model().objects.get(username="trine")
    result = load(members=MEMBERS[1:])
    yesterday = timezone.localdate() - timedelta(days=1)
    seat = trine.med_memberships.get()  # ended, not deleted
    assert seat.term_until == yesterday
    assert ("Plads", "Ophørt") in {(c.entity, c.action) for c in result.changes}
    assert not _access(trine).represents(world.solsikken)
    assert set(RoleAssignment.objects.filter(user=trine).values_list("valid_until", flat=True)) == {yesterday}
    assert load(members=MEMBERS[1:]).changes == []  # and loading that file again changes nothing more


def test_a_committee_left_out_is_reported_and_kept(world):
    load()
    result = load(committees=COMMITTEES[:2], members=[])
    assert Committee.objects.filter(key="LMED-SOL").exists()
    assert any("LokalMED Solsikken" in n.message and "ikke i filen" in n.message for n in result.notices)


def test_a_committee_made_by_hand_is_taken_over_by_the_file_not_doubled(world):
    """HR made the Hovedudvalg by hand (no udvalgs-id); the first file names it HMED: one Hovedudvalg, now with the id."""
    by_hand = Committee.objects.create(name="Hovedudvalget", kind=Committee.Kind.HOVEDUDVALG)
    result = load()
    assert Committee.objects.filter(name="Hovedudvalget").count() == 1
    by_hand.refresh_from_db()
    assert by_hand.key == "HMED" and Committee.objects.get(key="OMED-BU").parent == by_hand
    assert ("Udvalg", "Ændret", "HMED") in {(c.entity, c.action, c.key) for c in result.changes}
    assert load().changes == []


def test_a_change_of_name_units_and_term_is_a_change(world):
    load()
    committees = [*COMMITTEES[:2], ["LMED-SOL", "LokalMED Solsikken og Skovbrynet", "lokal", "OMED-BU", "W11"]]
    members = [["LMED-SOL", "trine", "Trine Hansen", "TR", "BUPL", "nej", "01-01-2025", "31-12-2026"], *MEMBERS[1:]]
    result = load(committees=committees, members=members)
    local = Committee.objects.get(key="LMED-SOL")
    assert local.name == "LokalMED Solsikken og Skovbrynet" and list(local.units.all()) == [world.solsikken]
    assert Membership.objects.get(user__username="trine").term_until == date(2026, 12, 31)
    assert not RoleAssignment.objects.filter(user__username="trine", unit=world.skovbrynet).exists()
    actions = {(c.entity, c.action) for c in result.changes}
    assert {("Udvalg", "Ændret"), ("Plads", "Ændret"), ("Rolle", "Fjernet")} <= actions


def test_a_dry_run_writes_nothing_but_shows_the_roles(world):
    result = load(dry_run=True)
    assert not Committee.objects.exists() and not Membership.objects.exists()
    assert not get_user_model().objects.filter(username="trine").exists()
    assert not RoleAssignment.objects.filter(source=RoleSource.MED_SEAT).exists()
    assert ("Rolle", "Tilføjet") in {(c.entity, c.action) for c in result.changes}


@pytest.mark.parametrize(("committees", "members", "expected"), [
    ([["HMED", "Hoved", "hovedudvalg", "", "X9"]], [],
     "Arket 'Udvalg', række 2, kolonne 'enheder': Enheden 'X9' findes ikke i Rummelig."),
    ([["HMED", "Hoved", "hovedudvalg", "NOPE", "K1"]], [],
     "Arket 'Udvalg', række 2, kolonne 'overordnet udvalg': Det overordnede udvalg 'NOPE' findes hverken i filen eller i Rummelig."),
    ([["A", "A", "lokal", "B", ""], ["B", "B", "lokal", "A", ""]], [],
     "Arket 'Udvalg', række 2, kolonne 'overordnet udvalg': Udvalget 'A' ligger under sig selv (A → B → A).\n"
     "Arket 'Udvalg', række 3, kolonne 'overordnet udvalg': Udvalget 'B' ligger under sig selv (B → A → B)."),
    ([["HMED", "Hoved", "bestyrelse", "", ""]], [],
     "Arket 'Udvalg', række 2, kolonne 'type': 'bestyrelse' er ikke en udvalgstype; skriv hovedudvalg, område, lokal eller personalemøde."),
    ([["HMED", "Hoved", "hovedudvalg", "", ""], ["HMED", "Igen", "lokal", "", ""]], [],
     "Arket 'Udvalg', række 3, kolonne 'udvalgs-id': 'HMED' står også i række 2; hvert udvalgs-id må kun stå én gang."),
    ([["HMED", "Hoved", "hovedudvalg", "", ""]], [["HMED", "trine", "", "kasserer", "", "", "01-01-2025", ""]],
     "Arket 'Medlemmer', række 2, kolonne 'plads': 'kasserer' er ikke en plads; skriv formand, næstformand, leder, TR, AMR eller medarbejderrepræsentant."),
    ([["HMED", "Hoved", "hovedudvalg", "", ""]], [["HMED", "trine", "", "TR", "", "", "31-02-2025", ""]],
     "Arket 'Medlemmer', række 2, kolonne 'periode fra': '31-02-2025' er ikke en gyldig dato (skriv dd-mm-åååå)."),
    ([["HMED", "Hoved", "hovedudvalg", "", ""]], [["HMED", "trine", "", "TR", "", "", "01-01-2025", "31-12-2024"]],
     "Arket 'Medlemmer', række 2, kolonne 'periode til': Periodens slutning (31-12-2024) ligger før dens begyndelse (01-01-2025)."),
    ([["HMED", "Hoved", "hovedudvalg", "", ""]], [["LMED", "trine", "", "TR", "", "", "01-01-2025", ""]],
     "Arket 'Medlemmer', række 2, kolonne 'udvalgs-id': Udvalget 'LMED' står ikke blandt udvalgene."),
])  # fmt: skip
def test_bad_input_names_sheet_row_and_column_and_nothing_is_written(world, committees, members, expected):
    assert problems(committees=committees, members=members) == expected.split("\n")
    assert not Committee.objects.exists() and not get_user_model().objects.filter(username="trine").exists()


def test_one_bad_row_stops_the_whole_load(world):
    members = [*MEMBERS, ["LMED-SOL", "bo", "", "TR", "", "måske", "01-01-2025", ""]]
    assert problems(members=members) == ["Arket 'Medlemmer', række 5, kolonne 'suppleant': 'måske' er hverken ja eller nej."]
    assert not Committee.objects.exists() and not Membership.objects.exists()


def test_the_template_has_the_sheets_and_a_guide_to_every_column():
    buffer = io.BytesIO()
    write_template(buffer)
    book = load_workbook(buffer)
    assert book.sheetnames == ["Udvalg", "Medlemmer", "Vejledning"]
    assert [c.value for c in book["Medlemmer"][1]] == MEMBER_HEADER
    guided = {(row[0], row[1]) for row in book["Vejledning"].iter_rows(min_row=2, values_only=True) if row[1]}
    assert {("Udvalg", h) for h in COMMITTEE_HEADER} | {("Medlemmer", h) for h in MEMBER_HEADER} <= guided


def test_the_blank_template_loads_and_changes_nothing(world):
    buffer = io.BytesIO()
    write_template(buffer)
    buffer.seek(0)
    result = run_load(read_med_workbook(buffer, name="skabelon.xlsx"))
    assert not result.problems and result.changes == []


def test_hr_previews_then_loads_on_the_page(world, login):
    client = login(world.hr)
    assert client.get(reverse("med:load_template")).status_code == 200
    preview = client.post(reverse("med:load"), {"file": workbook()})
    assert preview.status_code == 200 and "Intet er skrevet endnu." in preview.text
    assert not Committee.objects.exists()
    token = preview.context["token"]
    done = client.post(reverse("med:load"), {"token": token})
    assert "Filen er indlæst" in done.text
    assert Committee.objects.count() == 3 and Membership.objects.count() == 3
    assert AuditEntry.objects.filter(user=world.hr, object_type="membership").count() == 3
    again = client.post(reverse("med:load"), {"token": token})  # the stored file is gone after the load
    assert again.status_code == 302 and Membership.objects.count() == 3


def test_a_file_that_changes_nothing_offers_no_load(world, login):
    client = login(world.hr)
    client.post(reverse("med:load"), {"token": client.post(reverse("med:load"), {"file": workbook()}).context["token"]})
    again = client.post(reverse("med:load"), {"file": workbook()})
    assert again.context["result"].changes == [] and not again.context["token"]
    assert "Filen ændrer intet i Rummelig" in again.text and 'data-testid="apply"' not in again.text


def test_the_page_shows_problems_and_offers_no_load(world, login):
    client = login(world.hr)
    response = client.post(reverse("med:load"), {"file": workbook(committees=[["HMED", "Hoved", "hovedudvalg", "", "X9"]], members=[])})
    assert "Enheden &#x27;X9&#x27; findes ikke i Rummelig." in response.text and not response.context["token"]


@pytest.mark.parametrize("persona", ["leder_a", "tr_a", "med_a", "auditor"])
def test_only_hr_loads(world, login, persona):
    client = login(getattr(world, persona))
    assert client.get(reverse("med:load")).status_code == 404
    assert client.post(reverse("med:load"), {"file": workbook()}).status_code == 404
    assert client.get(reverse("med:load_template")).status_code == 404
    assert not Committee.objects.exists()


def test_the_command_dry_runs_and_loads(world, tmp_path):
    path = tmp_path / "med.xlsx"
    path.write_bytes(workbook().getvalue())
    out = io.StringIO()
    call_command("import_med", str(path), "--dry-run", stdout=out)
    assert "intet skrevet" in out.getvalue() and not Committee.objects.exists()
    call_command("import_med", str(path), stdout=io.StringIO())
    assert Committee.objects.count() == 3
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook(committees=[["HMED", "Hoved", "hovedudvalg", "", "X9"]], members=[]).getvalue())
    with pytest.raises(CommandError, match="Enheden 'X9' findes ikke i Rummelig"):
        call_command("import_med", str(bad), stdout=io.StringIO())
