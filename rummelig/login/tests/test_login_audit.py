"""Logins, refused logins and logouts are in the audit log with the client's address; logout ends the provider's session."""

from urllib.parse import parse_qs, urlparse

import pytest

from rummelig.audit.models import AuditEntry
from rummelig.testing import PASSWORD

pytestmark = pytest.mark.django_db


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


def test_a_password_login_and_logout_are_audited_with_the_address(client, world):
    client.post("/log-ind/", {"username": "hr", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3")
    [login] = entries(AuditEntry.Action.LOGIN)
    assert login.user == world.hr and login.object_id == str(world.hr.pk)
    assert login.detail == "med adgangskode fra 10.1.2.3"
    client.post("/log-ud/", REMOTE_ADDR="10.1.2.3")
    [logout] = entries(AuditEntry.Action.LOGOUT)
    assert logout.user == world.hr and logout.detail == "fra 10.1.2.3"


def test_a_refused_password_is_audited_without_the_password_and_with_a_cpr_masked(client, world):
    client.post("/log-ind/", {"username": "hr", "password": "Hemmelig-123"})
    client.post("/log-ind/", {"username": "010203-1234", "password": "x"})
    first, second = entries(AuditEntry.Action.LOGIN_FAILED)
    assert first.user is None and first.object_repr == "hr" and first.detail.startswith("med adgangskode fra ")
    assert "Hemmelig" not in str(first.changes) + first.detail + first.object_repr
    assert "010203-1234" not in second.object_repr
    assert not entries(AuditEntry.Action.LOGIN)


def test_behind_trusted_proxies_the_client_is_read_from_the_right_of_x_forwarded_for(client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote 6.6.6.6 itself; the proxy appended the address it saw, 192.0.2.7.
    client.post("/log-ind/", {"username": "hr", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7")
    assert entries(AuditEntry.Action.LOGIN)[0].detail == "med adgangskode fra 192.0.2.7"


def test_without_trusted_proxies_a_forged_header_is_ignored(client, world):
    client.post("/log-ind/", {"username": "hr", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert entries(AuditEntry.Action.LOGIN)[0].detail == "med adgangskode fra 10.0.0.1"


def test_the_lockout_counts_the_client_behind_the_proxy_not_the_proxy(client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/log-ind/", {"username": "hr", "password": "forkert"}, REMOTE_ADDR="10.0.0.1",
                    HTTP_X_FORWARDED_FOR="192.0.2.7")
    locked = client.post("/log-ind/", {"username": "hr", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1",
                         HTTP_X_FORWARDED_FOR="192.0.2.7")
    assert locked.status_code == 429
    # A colleague coming through the same proxy from another address is not locked out.
    other = client.post("/log-ind/", {"username": "hr", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1",
                        HTTP_X_FORWARDED_FOR="192.0.2.8")
    assert other.status_code == 302


def test_a_municipality_login_is_audited_as_such_and_logout_ends_the_providers_session(client, idp, world, settings):
    settings.OIDC_OP_LOGOUT_ENDPOINT = "https://login.kommune.test/realms/rummelig/logout"
    assert idp.log_in(client).status_code == 302
    [login] = entries(AuditEntry.Action.LOGIN)
    assert login.detail.startswith("med kommunens login fra ")
    response = client.post("/log-ud/")
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == settings.OIDC_OP_LOGOUT_ENDPOINT
    query = {k: v[0] for k, v in parse_qs(target.query).items()}
    assert query["post_logout_redirect_uri"] == "http://testserver/log-ind/"
    assert query["client_id"] == settings.OIDC_RP_CLIENT_ID
    assert query["id_token_hint"].count(".") == 2  # the ID token the provider issued
    assert not client.get("/").wsgi_request.user.is_authenticated
    assert entries(AuditEntry.Action.LOGOUT)


def test_a_password_logout_stays_in_rummelig_even_with_the_provider_set_up(client, idp, world, settings):
    settings.OIDC_OP_LOGOUT_ENDPOINT = "https://login.kommune.test/realms/rummelig/logout"
    client.post("/log-ind/", {"username": "hr", "password": PASSWORD})
    response = client.post("/log-ud/")
    assert response.status_code == 302 and response["Location"] == "/log-ind/"


def test_the_auditor_reads_logins_logouts_and_refusals_in_one_danish_tense(client, world):
    client.post("/log-ind/", {"username": "hr", "password": "forkert"})
    client.post("/log-ind/", {"username": "hr", "password": PASSWORD})
    client.post("/log-ud/")
    client.force_login(world.auditor)
    page = client.get("/revisionslog/").content.decode()
    assert "Logget ind" in page and "Logget ud" in page and "Login afvist" in page
    assert "Loggede ind" not in page and "Log ind afvist" not in page
