"""The table of login groups' roles: only HR and the IT administrator see it; every change is audited."""

import pytest
from django.core.management import CommandError, call_command

from rummelig.accounts.models import Role, RoleAssignment, RoleSource
from rummelig.audit.models import AuditEntry
from rummelig.login.models import GroupRoleMapping
from rummelig.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(world):
    return make_user("it", "Ida", "Teknik", Role.ADMINISTRATOR)


@pytest.mark.parametrize("persona", ["leder_a", "tr_a", "med_a", "auditor", "outsider"])
def test_other_roles_find_no_such_page(login, world, persona):
    mapping = GroupRoleMapping.objects.create(group="RUM-HR", role=Role.HR)
    client = login(getattr(world, persona))
    assert client.get("/login-grupper/").status_code == 404
    assert client.post("/login-grupper/", {"group": "MIG", "role": "hr"}).status_code == 404
    assert client.post(f"/login-grupper/{mapping.pk}/slet/").status_code == 404
    assert list(GroupRoleMapping.objects.values_list("group", flat=True)) == ["RUM-HR"]


def test_a_leder_cannot_give_his_group_hr(login, world):
    login(world.leder_a).post("/login-grupper/", {"group": "LEDERE", "role": "hr"})
    assert not GroupRoleMapping.objects.exists()


def test_anonymous_users_are_sent_to_log_in(client, world):
    assert client.get("/login-grupper/")["Location"].startswith("/log-ind/")


@pytest.mark.parametrize("persona", ["hr", "administrator"])
def test_hr_and_the_administrator_add_a_group_and_it_is_audited(login, world, administrator, persona):
    user = administrator if persona == "administrator" else world.hr
    client = login(user)
    page = client.get("/login-grupper/").content.decode()
    assert "Login-grupper og roller" in page and "Ingen gruppe giver en rolle endnu" in page
    response = client.post("/login-grupper/", {"group": " RUM-TR-W11 ", "role": "tr", "unit": world.solsikken.pk}, follow=True)
    assert "Medlemmer af gruppen RUM-TR-W11 får rollen" in response.content.decode()
    mapping = GroupRoleMapping.objects.get()
    assert (mapping.group, mapping.role, mapping.unit, mapping.created_by) == ("RUM-TR-W11", Role.TR, world.solsikken, user)
    entry = AuditEntry.objects.get(object_type="grouprolemapping")
    assert (entry.action, entry.user) == ("create", user)
    assert entry.changes["group"] == [None, "RUM-TR-W11"]


def test_the_menu_shows_the_page_to_hr_only(login, world):
    assert 'href="/login-grupper/"' in login(world.hr).get("/").content.decode()
    assert 'href="/login-grupper/"' not in login(world.leder_a).get("/").content.decode()


def test_a_unit_role_without_a_unit_and_a_duplicate_are_refused_in_danish(login, world):
    client = login(world.hr)
    page = client.post("/login-grupper/", {"group": "RUM-LEDERE", "role": "leder"}).content.decode()
    assert "Gruppen er ikke tilføjet" in page and "gælder for en enhed: vælg enheden" in page
    GroupRoleMapping.objects.create(group="RUM-HR", role=Role.HR)
    page = client.post("/login-grupper/", {"group": "rum-hr", "role": "hr"}).content.decode()
    assert "giver allerede denne rolle" in page
    assert GroupRoleMapping.objects.count() == 1


def test_removing_a_group_takes_its_role_away_at_once_and_leaves_manual_roles(login, world):
    mapping = GroupRoleMapping.objects.create(group="RUM-HR", role=Role.HR)
    RoleAssignment.objects.create(user=world.leder_a, role=Role.HR, source=RoleSource.IDENTITY_PROVIDER)
    response = login(world.hr).post(f"/login-grupper/{mapping.pk}/slet/", follow=True)
    assert "giver ikke længere rollen" in response.content.decode()
    assert not GroupRoleMapping.objects.exists()
    assert not world.leder_a.role_assignments.filter(role=Role.HR).exists()
    assert world.hr.role_assignments.filter(role=Role.HR, source=RoleSource.MANUAL).exists()
    assert sorted(AuditEntry.objects.filter(action="delete").values_list("object_type", flat=True)) == [
        "grouprolemapping", "roleassignment"]


def test_removing_needs_a_post(login, world):
    mapping = GroupRoleMapping.objects.create(group="RUM-HR", role=Role.HR)
    assert login(world.hr).get(f"/login-grupper/{mapping.pk}/slet/").status_code == 405
    assert GroupRoleMapping.objects.exists()


class TestCommand:
    def test_add_list_and_remove(self, world, capsys):
        call_command("group_roles", "add", "RUM-HR", "hr")
        call_command("group_roles", "add", "RUM-LEDER-W11", "leder", "--unit", "W11")
        call_command("group_roles", "list")
        out = capsys.readouterr().out
        assert "RUM-HR\thr\thele kommunen" in out and "RUM-LEDER-W11\tleder\tSolsikken Børnehus (W11)" in out
        call_command("group_roles", "remove", "rum-hr", "hr")
        assert list(GroupRoleMapping.objects.values_list("group", flat=True)) == ["RUM-LEDER-W11"]
        entries = AuditEntry.objects.filter(object_type="grouprolemapping").order_by("pk")
        assert [(e.action, e.username) for e in entries] == [("create", "system"), ("create", "system"), ("delete", "system")]

    @pytest.mark.parametrize("args, message", [
        (["add", "G", "boss"], "Ukendt rolle 'boss'"),
        (["add", "G", "leder"], "gælder for en enhed"),
        (["add", "G", "tr", "--unit", "NOPE"], "Ingen enhed har lønsystemets id 'NOPE'"),
        (["remove", "G", "hr"], "Gruppen 'G' giver ikke rollen hr"),
    ])
    def test_bad_input_is_refused_in_danish(self, world, args, message):
        with pytest.raises(CommandError, match=message):
            call_command("group_roles", *args)
        assert not GroupRoleMapping.objects.exists()
