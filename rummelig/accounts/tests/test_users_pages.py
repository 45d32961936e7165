"""The user pages: who may open them, and what HR and the administrator may do there (every change audited)."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from rummelig.accounts.models import ApiToken, Role, RoleAssignment, RoleSource
from rummelig.audit.models import AuditEntry
from rummelig.testing import make_person, make_placement, make_user

User = get_user_model()


@pytest.fixture
def admin(world):
    return make_user("it", "Irene", "Thomsen", Role.ADMINISTRATOR)


# The attacker's tests first --------------------------------------------------------------------


@pytest.mark.django_db
class TestWhoGetsIn:
    @pytest.mark.parametrize("persona", ["leder_a", "tr_a", "med_a", "auditor", "outsider"])
    def test_only_hr_and_administrator_see_the_users_page(self, world, login, persona):
        client = login(getattr(world, persona))
        assert client.get(reverse("accounts:list")).status_code == 404
        assert client.get(reverse("accounts:detail", args=[world.hr.pk])).status_code == 404
        assert client.get(reverse("accounts:create")).status_code == 404

    def test_a_leder_of_unit_a_cannot_grant_a_role_not_even_to_himself(self, world, login):
        client = login(world.leder_a)
        url = reverse("accounts:role_grant", args=[world.leder_a.pk])
        assert client.get(url).status_code == 404
        response = client.post(url, {"role": Role.HR})
        assert response.status_code == 404
        assert not RoleAssignment.objects.filter(user=world.leder_a, role=Role.HR).exists()
        assert client.post(reverse("accounts:deactivate", args=[world.hr.pk])).status_code == 404
        world.hr.refresh_from_db()
        assert world.hr.is_active

    def test_the_administrator_sees_users_but_no_person_placement_report_or_audit(self, world, login, admin):
        placement = make_placement(world.solsikken)
        client = login(admin)
        assert client.get(reverse("accounts:list")).status_code == 200
        for url in [reverse("people:list"), reverse("people:detail", args=[placement.person_id]),
                    reverse("placements:list"), reverse("placements:detail", args=[placement.pk]),
                    reverse("reports:dashboard"), reverse("audit:list"), reverse("organisation:list"),
                    reverse("organisation:detail", args=[world.solsikken.pk]), reverse("alerts:list"),
                    reverse("own_records")]:
            assert client.get(url).status_code == 404, url
        assert admin.api_tokens.count() == 0
        token, key = ApiToken.issue(admin)
        api = client.__class__(HTTP_AUTHORIZATION=f"Bearer {key}")
        assert api.get(f"/api/v1/people/{placement.person_id}").status_code == 404
        assert api.get(f"/api/v1/placements/{placement.pk}").status_code == 404
        assert api.get("/api/v1/placements").status_code == 404

    def test_the_administrator_has_no_other_permission(self, world, admin):
        from rummelig.accounts.access import PERMISSIONS, Access

        granted = {name for name in PERMISSIONS - {"public", "login"} if getattr(Access(admin), name)}
        # The login groups' table is IT's too; it offers only the roles the administrator may give (no HR).
        # Guidelines (the personnel policy) are for every role and hold no personal data.
        assert granted == {"may_manage_users", "manages_login_groups", "reads_the_law", "reads_guidelines"}

    def test_the_administrator_cannot_reach_hr_through_a_login_group(self, world, admin, login):
        from rummelig.login.models import GroupRoleMapping

        response = login(admin).post(reverse("login:groups"), {"group": "RUM-HR", "role": "hr", "unit": ""})
        assert response.status_code == 200 and not GroupRoleMapping.objects.exists()
        login(world.hr).post(reverse("login:groups"), {"group": "RUM-HR", "role": "hr", "unit": ""})
        assert GroupRoleMapping.objects.filter(group="RUM-HR", role="hr").exists()

    def test_a_tr_whose_term_ended_sees_nothing(self, world, login):
        placement = make_placement(world.solsikken)
        RoleAssignment.objects.filter(user=world.tr_a).update(valid_until=timezone.localdate() - timedelta(days=1))
        client = login(world.tr_a)
        assert client.get(reverse("placements:detail", args=[placement.pk])).status_code == 404
        assert client.get(reverse("placements:list")).status_code == 404
        assert "Tillidsrepræsentant" not in client.get("/").content.decode()

    def test_a_tr_whose_term_has_not_begun_sees_nothing_yet(self, world, login):
        placement = make_placement(world.solsikken)
        RoleAssignment.objects.filter(user=world.tr_a).update(valid_from=timezone.localdate() + timedelta(days=1))
        assert login(world.tr_a).get(reverse("placements:detail", args=[placement.pk])).status_code == 404


@pytest.mark.django_db
class TestUserList:
    def test_it_shows_roles_units_last_login_and_status(self, world, login):
        world.leder_a.last_login = timezone.make_aware(timezone.datetime(2026, 3, 2, 9, 15))
        world.leder_a.save()
        world.outsider.is_active = False
        world.outsider.save()
        html = login(world.hr).get(reverse("accounts:list")).content.decode()
        assert "leder_a" in html and "Center for Børn og Unge" in html and "02.03.2026 09:15" in html
        assert "Deaktiveret" in html

    def test_filter_by_search_role_and_status(self, world, login):
        client = login(world.hr)
        html = client.get(reverse("accounts:list"), {"q": "Riis"}).content.decode()
        assert "tr_a" in html and "leder_a" not in html
        html = client.get(reverse("accounts:list"), {"role": Role.LEDER}).content.decode()
        assert "leder_a" in html and "leder_b" in html and "tr_a" not in html
        html = client.get(reverse("accounts:list"), {"role": "ingen"}).content.decode()
        assert "outsider" in html and "leder_a" not in html
        world.outsider.is_active = False
        world.outsider.save()
        html = client.get(reverse("accounts:list"), {"active": "nej"}).content.decode()
        assert "outsider" in html and "leder_a" not in html


@pytest.mark.django_db
class TestCreateAndEdit:
    def test_hr_creates_a_user_with_a_local_password_audited(self, world, login, client):
        response = login(world.hr).post(reverse("accounts:create"), {
            "username": "ny-hr", "first_name": "Nina", "last_name": "Nielsen", "email": "nn@kommune.invalid",
            "password1": "Langt-kodeord-2026", "password2": "Langt-kodeord-2026"})
        user = User.objects.get(username="ny-hr")
        assert response.status_code == 302 and response.url == reverse("accounts:detail", args=[user.pk])
        assert user.check_password("Langt-kodeord-2026")
        entry = AuditEntry.objects.get(object_type="user", object_id=str(user.pk))
        assert entry.action == "create" and entry.user == world.hr and "password" not in entry.changes

    def test_the_administrator_creates_users_without_a_password(self, world, login, admin):
        client = login(admin)
        assert "password1" not in client.get(reverse("accounts:create")).content.decode()
        client.post(reverse("accounts:create"), {"username": "ny", "first_name": "N", "last_name": "Y",
                                                 "password1": "Langt-kodeord-2026", "password2": "Langt-kodeord-2026"})
        assert not User.objects.get(username="ny").has_usable_password()

    def test_a_taken_user_name_is_refused_in_danish(self, world, login):
        response = login(world.hr).post(reverse("accounts:create"), {"username": "LEDER_A", "first_name": "A", "last_name": "B"})
        assert response.status_code == 200
        assert "En anden bruger har allerede brugernavnet LEDER_A." in response.content.decode()

    def test_hr_edits_a_user(self, world, login):
        login(world.hr).post(reverse("accounts:edit", args=[world.tr_a.pk]),
                             {"username": "tr_a", "first_name": "Tove", "last_name": "Riis-Hansen", "email": "tr@kommune.invalid"})
        world.tr_a.refresh_from_db()
        assert world.tr_a.last_name == "Riis-Hansen"
        entry = AuditEntry.objects.get(object_type="user", object_id=str(world.tr_a.pk))
        assert entry.changes["last_name"] == ["Riis", "Riis-Hansen"]

    def test_the_administrator_cannot_edit_a_user_who_sees_people(self, world, login, admin):
        client = login(admin)
        response = client.post(reverse("accounts:edit", args=[world.hr.pk]), {"username": "it2", "first_name": "x", "last_name": "y"})
        assert response.status_code == 404
        world.hr.refresh_from_db()
        assert world.hr.username == "hr"
        assert client.get(reverse("accounts:edit", args=[world.med_a.pk])).status_code == 200


@pytest.mark.django_db
class TestRoles:
    def test_hr_gives_a_tr_role_for_a_unit_with_a_term(self, world, login):
        response = login(world.hr).post(reverse("accounts:role_grant", args=[world.outsider.pk]), {
            "role": Role.TR, "unit": world.skovbrynet.pk, "valid_from": "2026-01-01", "valid_until": "2029-12-31"})
        assert response.status_code == 302
        assignment = RoleAssignment.objects.get(user=world.outsider)
        assert (assignment.role, assignment.unit, assignment.source, assignment.granted_by) == (
            Role.TR, world.skovbrynet, RoleSource.MANUAL, world.hr)
        assert assignment.valid_until == date(2029, 12, 31)
        entry = AuditEntry.objects.get(object_type="roleassignment")
        assert entry.action == "create" and entry.changes["role"] == [None, "tr"]

    def test_a_leder_role_needs_a_unit_and_the_administrator_role_none(self, world, login):
        client = login(world.hr)
        url = reverse("accounts:role_grant", args=[world.outsider.pk])
        html = client.post(url, {"role": Role.LEDER}).content.decode()
        assert "holdes for en enhed: vælg enheden" in html
        html = client.post(url, {"role": Role.ADMINISTRATOR, "unit": world.kommune.pk}).content.decode()
        assert "lad enheden være tom" in html
        html = client.post(url, {"role": Role.TR, "unit": world.solsikken.pk, "valid_from": "2026-05-01",
                                 "valid_until": "2026-04-01"}).content.decode()
        assert "før" in html
        assert not RoleAssignment.objects.filter(user=world.outsider).exists()

    def test_the_administrator_may_not_give_roles_that_show_people(self, world, login, admin):
        client = login(admin)
        url = reverse("accounts:role_grant", args=[world.outsider.pk])
        for role in (Role.HR, Role.AUDITOR, Role.LEDER, Role.TR):
            client.post(url, {"role": role, "unit": world.solsikken.pk})
        assert not RoleAssignment.objects.filter(user=world.outsider).exists()
        client.post(url, {"role": Role.MED, "unit": world.centre_a.pk})
        assert RoleAssignment.objects.filter(user=world.outsider, role=Role.MED).exists()
        # nor take them away
        hr_role = RoleAssignment.objects.get(user=world.hr)
        assert client.post(reverse("accounts:role_revoke", args=[world.hr.pk, hr_role.pk])).status_code == 404
        assert RoleAssignment.objects.filter(pk=hr_role.pk).exists()

    def test_no_one_changes_their_own_roles(self, world, login, admin):
        client = login(admin)
        assert client.get(reverse("accounts:role_grant", args=[admin.pk])).status_code == 404
        own = RoleAssignment.objects.get(user=admin)
        assert client.post(reverse("accounts:role_revoke", args=[admin.pk, own.pk])).status_code == 404

    def test_hr_takes_a_manual_role_away_audited(self, world, login):
        assignment = RoleAssignment.objects.get(user=world.tr_a)
        login(world.hr).post(reverse("accounts:role_revoke", args=[world.tr_a.pk, assignment.pk]))
        assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
        entry = AuditEntry.objects.get(object_type="roleassignment", action="delete")
        assert entry.changes["role"] == ["tr", None]

    def test_a_role_from_payroll_is_shown_with_its_source_and_cannot_be_taken_away(self, world, login):
        payroll = RoleAssignment.objects.create(user=world.outsider, role=Role.LEDER, unit=world.aabjerg, source=RoleSource.PAYROLL)
        client = login(world.hr)
        html = client.get(reverse("accounts:detail", args=[world.outsider.pk])).content.decode()
        assert "Fra lønsystemet (leder)" in html and "Følger sin kilde" in html
        response = client.post(reverse("accounts:role_revoke", args=[world.outsider.pk, payroll.pk]), follow=True)
        assert RoleAssignment.objects.filter(pk=payroll.pk).exists()
        assert "kan ikke fjernes her" in response.content.decode()


@pytest.mark.django_db
class TestDeactivation:
    def test_a_deactivated_users_next_request_and_api_call_are_refused(self, world, login, client):
        from django.test import Client

        _token, key = ApiToken.issue(world.leder_a)
        api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
        assert api.get("/api/v1/units").status_code == 200
        own = Client()
        own.force_login(world.leder_a)
        assert own.get(reverse("placements:list")).status_code == 200
        login(world.hr).post(reverse("accounts:deactivate", args=[world.leder_a.pk]))
        world.leder_a.refresh_from_db()
        assert not world.leder_a.is_active
        response = own.get(reverse("placements:list"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
        assert api.get("/api/v1/units").status_code == 401
        entry = AuditEntry.objects.get(object_type="user", object_id=str(world.leder_a.pk))
        assert entry.changes == {"is_active": [True, False]}
        client.post(reverse("accounts:reactivate", args=[world.leder_a.pk]))
        assert api.get("/api/v1/units").status_code == 200

    def test_a_session_from_a_backend_that_lets_inactive_users_in_is_logged_out(self, world, settings):
        """The OIDC backend may not check is_active; the middleware does, whatever logged the user in."""
        from django.test import Client

        settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.AllowAllUsersModelBackend"]
        own = Client()
        own.force_login(world.leder_a)
        User.objects.filter(pk=world.leder_a.pk).update(is_active=False)
        response = own.get(reverse("placements:list"))
        assert response.status_code == 302
        assert "_auth_user_id" not in own.session

    def test_no_one_deactivates_himself(self, world, login):
        login(world.hr).post(reverse("accounts:deactivate", args=[world.hr.pk]))
        world.hr.refresh_from_db()
        assert world.hr.is_active


@pytest.mark.django_db
class TestTokens:
    def test_tokens_are_listed_and_revoked_from_the_users_page(self, world, login):
        from django.test import Client

        token, key = ApiToken.issue(world.leder_a, name="Integration")
        client = login(world.hr)
        html = client.get(reverse("accounts:detail", args=[world.leder_a.pk])).content.decode()
        assert token.prefix in html and "Integration" in html
        client.post(reverse("accounts:token_revoke", args=[world.leder_a.pk, token.pk]))
        token.refresh_from_db()
        assert token.revoked_at is not None
        assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/units").status_code == 401
        assert AuditEntry.objects.filter(object_type="apitoken", action="update").exists()

    def test_an_expired_token_is_refused(self, world):
        from django.test import Client

        _token, key = ApiToken.issue(world.hr, expires_at=timezone.now() - timedelta(seconds=1))
        assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/units").status_code == 401

    def test_a_new_token_expires_after_a_year(self, world):
        token, _key = ApiToken.issue(world.hr)
        assert timedelta(days=364) < token.expires_at - timezone.now() <= timedelta(days=365)


@pytest.mark.django_db
def test_the_person_link_is_shown_to_hr_only(world, login, admin):
    person = make_person(user=world.outsider)
    html = login(world.hr).get(reverse("accounts:detail", args=[world.outsider.pk])).content.decode()
    assert reverse("people:detail", args=[person.pk]) in html
    html = login(admin).get(reverse("accounts:detail", args=[world.outsider.pk])).content.decode()
    assert person.last_name not in html
