"""Logging in through the municipality's identity provider: what is accepted, and what is refused in Danish."""

import time

import pytest
from django.contrib.auth import get_user_model

from rummelig.accounts.models import Role, RoleAssignment, RoleSource
from rummelig.audit.models import AuditEntry
from rummelig.login.models import GroupRoleMapping

from .conftest import CLIENT_ID, OTHER_KEY, s256

pytestmark = pytest.mark.django_db


def logged_in_as(client):
    return client.get("/").wsgi_request.user


def test_without_the_setup_the_login_page_is_as_before_and_the_provider_urls_do_not_exist(client, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    page = client.get("/log-ind/")
    assert "Log ind med kommunens login" not in page.content.decode()
    assert 'name="password"' in page.content.decode()
    assert client.get("/kommunens-login/").status_code == 404
    assert client.get("/kommunens-login/retur/", {"code": "x", "state": "y"}).status_code == 404


def test_with_the_setup_the_login_page_offers_the_municipality_login(client, idp):
    page = client.get("/log-ind/").content.decode()
    assert "Log ind med kommunens login" in page
    assert 'href="/kommunens-login/"' in page


def test_the_login_uses_the_code_flow_with_pkce_and_lands_on_the_start_page(client, idp, world):
    GroupRoleMapping.objects.create(group="RUM-HR", role=Role.HR)
    params = idp.start(client)
    assert params["response_type"] == "code" and params["client_id"] == CLIENT_ID
    assert params["code_challenge_method"] == "S256" and params["scope"] == "openid profile email"
    idp.claims = {"groups": ["RUM-HR", "Alle ansatte"]}
    response = idp.finish(client, params)
    assert response.status_code == 302 and response["Location"] == "/"
    verifier = idp.token_requests[0]["code_verifier"]
    assert s256(verifier) == params["code_challenge"]  # the token request proves it started the login
    user = logged_in_as(client)
    assert (user.username, user.get_full_name(), user.email) == ("hanne.idp", "Hanne Holm", "hanne@kommune.test")
    assert not user.has_usable_password()
    assert list(RoleAssignment.objects.filter(user=user).values_list("role", "unit", "source")) == [
        (Role.HR, None, RoleSource.IDENTITY_PROVIDER)]
    assert "Goddag, Hanne Holm" in client.get("/").content.decode()


def test_the_next_page_is_kept_through_the_provider(client, idp, world):
    params = idp.start(client, next_url="/ansaettelser/")
    assert idp.finish(client, params)["Location"] == "/ansaettelser/"


def test_an_existing_user_is_found_by_the_user_name_claim(client, idp, world):
    idp.log_in(client, preferred_username="HR")  # case does not matter
    assert logged_in_as(client) == world.hr
    assert get_user_model().objects.filter(username__iexact="hr").count() == 1


def test_the_user_name_claim_is_configurable(client, idp, world, settings):
    settings.OIDC_USERNAME_CLAIM = "upn"
    idp.log_in(client, upn="leder_a")
    assert logged_in_as(client) == world.leder_a


def refused(response, status, text):
    page = response.content.decode()
    assert response.status_code == status, (response.status_code, page[:300])
    assert "Du blev ikke logget ind" in page or "Login gik ikke igennem" in page, page
    assert text in page, page
    return page


@pytest.mark.parametrize("claims, text", [
    ({"aud": "another-system"}, "udstedt til et andet system"),
    ({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, "er udløbet"),
    ({"iss": "https://evil.test"}, "en anden identitetsudbyder"),
    ({"nonce": "not-the-nonce"}, "er brugt før"),
    ({"preferred_username": None}, "sendte ikke dit brugernavn"),
], ids=["wrong audience", "expired", "wrong issuer", "wrong nonce", "no user name"])
def test_a_bad_id_token_is_refused_with_a_danish_page(client, idp, world, claims, text):
    refused(idp.log_in(client, **claims), 400, text)
    assert not logged_in_as(client).is_authenticated
    assert not get_user_model().objects.filter(username="hanne.idp").exists()


def test_a_token_with_a_bad_signature_is_refused(client, idp, world):
    idp.key = OTHER_KEY
    refused(idp.log_in(client), 400, "ikke en gyldig underskrift")
    assert not logged_in_as(client).is_authenticated


def test_a_replayed_state_is_refused(client, idp, world):
    params = idp.start(client)
    assert idp.finish(client, params).status_code == 302
    client.logout()
    refused(idp.finish(client, params), 400, "er brugt før")
    assert not logged_in_as(client).is_authenticated


def test_a_state_stays_spent_after_a_refused_token(client, idp, world):
    params = idp.start(client)
    idp.claims = {"aud": "another-system"}
    refused(idp.finish(client, params), 400, "udstedt til et andet system")
    idp.claims = {}
    refused(idp.finish(client, params), 400, "er brugt før")
    assert not logged_in_as(client).is_authenticated


def test_a_state_this_browser_did_not_start_is_refused(client, idp, world):
    params = idp.start(client)
    refused(idp.finish(client, {**params, "state": "made-up"}), 400, "Start login forfra")
    assert not logged_in_as(client).is_authenticated


def test_a_cancelled_login_at_the_provider_gets_a_danish_page(client, idp, world):
    params = idp.start(client)
    response = client.get("/kommunens-login/retur/", {"error": "access_denied", "state": params["state"]})
    refused(response, 400, "afbrudt eller afvist")


def test_a_deactivated_user_is_refused(client, idp, world):
    world.leder_a.is_active = False
    world.leder_a.save()
    refused(idp.log_in(client, preferred_username="leder_a"), 403, "deaktiveret")
    assert not logged_in_as(client).is_authenticated


def test_without_creating_users_an_unknown_user_is_refused(client, idp, world, settings):
    settings.OIDC_CREATE_USER = False
    refused(idp.log_in(client, preferred_username="ny.bruger"), 403, "ingen bruger i Rummelig")


def test_an_unreachable_provider_gets_a_danish_page(client, idp, settings):
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = ""  # read from the issuer's discovery document, which is not there
    settings.OIDC_ISSUER = "http://127.0.0.1:9"
    refused(client.get("/kommunens-login/"), 502, "kan ikke nås")


class TestRolesFromGroups:
    def test_roles_follow_the_groups_at_every_login_and_manual_and_payroll_roles_stay(self, client, idp, world):
        GroupRoleMapping.objects.create(group="RUM-TR-W11", role=Role.TR, unit=world.solsikken)
        GroupRoleMapping.objects.create(group="RUM-REVISION", role=Role.AUDITOR)
        user = world.leder_a  # leder of centre A by hand; also leder of Åbjerg from payroll
        RoleAssignment.objects.create(user=user, role=Role.LEDER, unit=world.aabjerg, source=RoleSource.PAYROLL)

        idp.log_in(client, preferred_username="leder_a", groups=["RUM-TR-W11", "/RUM-REVISION"])  # Keycloak's full path
        assert set(user.role_assignments.values_list("role", "unit", "source")) == {
            (Role.LEDER, world.centre_a.pk, RoleSource.MANUAL),
            (Role.LEDER, world.aabjerg.pk, RoleSource.PAYROLL),
            (Role.TR, world.solsikken.pk, RoleSource.IDENTITY_PROVIDER),
            (Role.AUDITOR, None, RoleSource.IDENTITY_PROVIDER),
        }
        client.logout()

        idp.log_in(client, preferred_username="leder_a", groups=["RUM-REVISION"])  # left the TR group
        assert set(user.role_assignments.values_list("role", "unit", "source")) == {
            (Role.LEDER, world.centre_a.pk, RoleSource.MANUAL),
            (Role.LEDER, world.aabjerg.pk, RoleSource.PAYROLL),
            (Role.AUDITOR, None, RoleSource.IDENTITY_PROVIDER),
        }
        entries = AuditEntry.objects.filter(object_type="roleassignment", user=user)
        assert sorted(entries.values_list("action", flat=True)) == ["create", "create", "delete"]

    def test_a_user_whose_groups_give_no_role_logs_in_without_one(self, client, idp, world):
        GroupRoleMapping.objects.create(group="RUM-HR", role=Role.HR)
        idp.log_in(client, groups=["Alle ansatte"])
        user = logged_in_as(client)
        assert user.is_authenticated and not user.role_assignments.exists()
        assert client.get("/ansaettelser/").status_code == 404


def test_a_discovery_document_naming_another_issuer_is_not_trusted(client, idp, settings, monkeypatch):
    from rummelig.login import config

    class Answer:
        def raise_for_status(self):
            pass

        def json(self):
            return {"issuer": "https://evil.test", "authorization_endpoint": "https://evil.test/auth"}

    monkeypatch.setattr(config.requests, "get", lambda url, timeout: Answer())
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = ""
    response = client.get("/kommunens-login/")
    refused(response, 502, "kan ikke nås")
