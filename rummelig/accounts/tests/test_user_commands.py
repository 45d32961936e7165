"""The commands for automation: grant_role, revoke_role, deactivate_user, api_tokens, create_first_admin."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from rummelig.accounts.models import ApiToken, Role, RoleAssignment, RoleSource
from rummelig.audit.models import AuditEntry

User = get_user_model()


def run(*args, **options):
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
class TestGrantAndRevoke:
    def test_grant_a_tr_role_for_a_unit_with_a_term(self, world):
        output = run("grant_role", "outsider", "tr", "--unit", "W12", "--from", "2026-01-01", "--until", "2029-12-31")
        assignment = RoleAssignment.objects.get(user=world.outsider)
        assert (assignment.role, assignment.unit, assignment.source) == (Role.TR, world.skovbrynet, RoleSource.MANUAL)
        assert (assignment.valid_from, assignment.valid_until) == (date(2026, 1, 1), date(2029, 12, 31))
        assert "outsider har nu rollen tr for Skovbrynet Skole" in output
        entry = AuditEntry.objects.get(object_type="roleassignment")
        assert entry.username == "system" and entry.action == "create"

    def test_grant_again_changes_the_period(self, world):
        run("grant_role", "tr_a", "tr", "--unit", "W11", "--until", "2027-03-31")
        run("grant_role", "tr_a", "tr", "--unit", "W11", "--until", "2028-03-31")
        assert RoleAssignment.objects.get(user=world.tr_a, source=RoleSource.MANUAL, valid_until__isnull=False).valid_until == date(2028, 3, 31)

    @pytest.mark.parametrize("args, message", [
        (["ukendt", "hr"], "ingen bruger med brugernavnet 'ukendt'"),
        (["outsider", "chef"], "Ukendt rolle 'chef'. Brug en af: hr, leder"),
        (["outsider", "leder", "--unit", "X99"], "ingen enhed med lønsystemets id 'X99'"),
        (["outsider", "leder"], "holdes for en enhed: vælg enheden"),
        (["outsider", "tr", "--unit", "W11", "--until", "31-12-2026"], "--until skal være en dato som 2026-12-31"),
        (["outsider", "tr", "--unit", "W11", "--from", "2027-01-01", "--until", "2026-12-31"], "er før"),
    ])
    def test_bad_input_is_refused_in_danish_and_nothing_is_written(self, world, args, message):
        with pytest.raises(CommandError, match=message):
            run("grant_role", *args)
        assert not RoleAssignment.objects.filter(user=world.outsider).exists()

    def test_revoke_a_manual_role(self, world):
        output = run("revoke_role", "leder_a", "leder", "--unit", "C1")
        assert not RoleAssignment.objects.filter(user=world.leder_a).exists()
        assert "har ikke længere rollen leder" in output
        assert AuditEntry.objects.filter(object_type="roleassignment", action="delete").count() == 1

    def test_revoke_refuses_a_role_from_payroll(self, world):
        RoleAssignment.objects.create(user=world.outsider, role=Role.LEDER, unit=world.aabjerg, source=RoleSource.PAYROLL)
        with pytest.raises(CommandError, match="fra lønsystemet"):
            run("revoke_role", "outsider", "leder", "--unit", "W21")
        assert RoleAssignment.objects.filter(user=world.outsider).exists()

    def test_revoke_a_role_the_user_does_not_have(self, world):
        with pytest.raises(CommandError, match="har ikke rollen hr for hele kommunen"):
            run("revoke_role", "outsider", "hr")


@pytest.mark.django_db
class TestDeactivateUser:
    def test_deactivate_and_reactivate(self, world):
        _token, key = ApiToken.issue(world.hr)
        api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
        assert "hr er deaktiveret" in run("deactivate_user", "hr")
        assert api.get("/api/v1/units").status_code == 401
        run("deactivate_user", "hr", "--reactivate")
        assert api.get("/api/v1/units").status_code == 200
        assert AuditEntry.objects.filter(object_type="user", action="update").count() == 2

    def test_unknown_user(self, world):
        with pytest.raises(CommandError, match="ingen bruger"):
            run("deactivate_user", "nobody")


@pytest.mark.django_db
class TestApiTokens:
    def test_create_with_days_then_list_then_revoke(self, world):
        key = run("create_api_token", "leder_a", "--days", "30", "--name", "BI").split()[-1]
        token = ApiToken.objects.get(user=world.leder_a)
        assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
        listing = run("api_tokens")
        assert f"{key[:8]}…" in listing and "leder_a" in listing and "gyldigt" in listing and key not in listing
        assert "tilbagekaldt" in run("api_tokens", "--revoke", key[:8])
        assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/units").status_code == 401
        assert "tilbagekaldt" in run("api_tokens", "leder_a")

    def test_expired_tokens_are_listed_as_such_and_refused(self, world):
        _token, key = ApiToken.issue(world.hr, expires_at=timezone.now() - timedelta(days=1))
        assert "udløbet" in run("api_tokens")
        assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/units").status_code == 401

    def test_bad_input(self, world):
        with pytest.raises(CommandError, match="Intet token begynder med"):
            run("api_tokens", "--revoke", "abcdefgh")
        with pytest.raises(CommandError, match="første 8 tegn"):
            run("api_tokens", "--revoke", "abc")
        with pytest.raises(CommandError, match="--days skal være"):
            run("create_api_token", "hr", "--days", "0")


@pytest.mark.django_db
class TestCreateFirstAdmin:
    def test_it_makes_the_first_hr_user_who_can_log_in(self, monkeypatch):
        monkeypatch.setenv("RUMMELIG_ADMIN_PASSWORD", "Foerste-kodeord-2026")
        output = run("create_first_admin", "--username", "helle", "--email", "helle@kommune.invalid")
        user = User.objects.get(username="helle")
        assert user.check_password("Foerste-kodeord-2026")
        assert RoleAssignment.objects.get(user=user).role == Role.HR
        assert RoleAssignment.objects.get(user=user).unit is None
        assert "HR-brugeren helle er oprettet" in output
        client = Client()
        assert client.login(username="helle", password="Foerste-kodeord-2026")
        assert client.get("/brugere/").status_code == 200
        assert AuditEntry.objects.filter(object_type="user", action="create").exists()

    def test_it_refuses_when_an_hr_user_exists(self, world):
        with pytest.raises(CommandError, match="allerede en HR-bruger"):
            run("create_first_admin", "--password", "Foerste-kodeord-2026")

    def test_a_weak_password_is_refused(self):
        with pytest.raises(CommandError, match="Adgangskoden kan ikke bruges"):
            run("create_first_admin", "--password", "kort")
        assert not User.objects.exists()

    def test_without_a_password_and_no_terminal_it_says_how(self, monkeypatch):
        monkeypatch.delenv("RUMMELIG_ADMIN_PASSWORD", raising=False)
        monkeypatch.setattr("os.isatty", lambda fd: False)
        with pytest.raises(CommandError, match="RUMMELIG_ADMIN_PASSWORD"):
            run("create_first_admin")
