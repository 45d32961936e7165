"""Logging in through a real OpenID Connect provider (npm's oidc-provider) started on localhost by the test.

The browser goes from Rummelig's login page to the provider's login page and back; the user lands on
the start page with the roles of their groups.
"""

import pytest

from e2e.oidc_provider import CLIENT_ID, CLIENT_SECRET, oidc_provider
from rummelig.accounts.models import Role, RoleAssignment, RoleSource
from rummelig.login import config
from rummelig.login.models import GroupRoleMapping

USERS = {
    "hanne.holm": {"preferred_username": "hanne.holm", "given_name": "Hanne", "family_name": "Holm",
                   "email": "hanne.holm@kommune.test", "groups": ["RUM-HR", "Alle ansatte"]},
    "tove.tr": {"preferred_username": "tove.tr", "given_name": "Tove", "family_name": "Tillid",
                "email": "tove@kommune.test", "groups": ["/RUM-TR-W11"]},
}


@pytest.fixture
def provider(live_server, settings):
    with oidc_provider(f"{live_server.url}/kommunens-login/retur/", USERS,
                       post_logout_redirect_uri=f"{live_server.url}/log-ind/") as issuer:
        settings.OIDC_ISSUER = issuer  # the endpoints come from its discovery document
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        for name in config.ENDPOINTS:
            setattr(settings, name, "")
        config.forget_discovery()
        yield issuer
        config.forget_discovery()


def log_in_at_the_provider(page, issuer, login):
    page.goto("/log-ind/")
    page.get_by_role("link", name="Log ind med kommunens login").click()
    page.wait_for_url(f"{issuer}/**")  # the provider's own login page
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("hvad-som-helst")
    page.locator("button[type=submit]").click()


def test_hr_logs_in_through_the_provider_and_lands_on_the_start_page_as_hr(world, page, provider, live_server):
    GroupRoleMapping.objects.create(group="RUM-HR", role=Role.HR)
    callbacks = []
    page.on("request", lambda request: callbacks.append(request.url) if "/kommunens-login/retur/" in request.url else None)

    log_in_at_the_provider(page, provider, "hanne.holm")
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Goddag, Hanne Holm").is_visible()
    assert page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Ansættelser").is_visible()
    assert list(RoleAssignment.objects.filter(user__username="hanne.holm").values_list("role", "source")) == [
        (Role.HR, RoleSource.IDENTITY_PROVIDER)]

    # The provider's answer used once more (the back button, a copied address) is refused: its state is spent.
    page.goto(callbacks[0])
    assert page.get_by_role("heading", name="Login gik ikke igennem").is_visible()
    assert page.get_by_text("det er brugt før").is_visible()


def test_logging_out_ends_the_providers_session_so_the_next_person_must_log_in(world, page, provider, live_server):
    GroupRoleMapping.objects.create(group="RUM-HR", role=Role.HR)
    log_in_at_the_provider(page, provider, "hanne.holm")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url(f"{provider}/**")  # the provider ends its own session (it asks to confirm)
    page.locator("button[autofocus], button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/log-ind/**")
    # Back at Rummelig's login page: the provider asks for the login again instead of letting the browser in.
    page.get_by_role("link", name="Log ind med kommunens login").click()
    page.wait_for_url(f"{provider}/**")
    assert page.locator("input[name=login]").is_visible()


def test_a_tr_gets_the_role_of_a_keycloak_group_path(world, page, provider, live_server):
    GroupRoleMapping.objects.create(group="RUM-TR-W11", role=Role.TR, unit=world.solsikken)
    log_in_at_the_provider(page, provider, "tove.tr")
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Goddag, Tove Tillid").is_visible()
    assert list(RoleAssignment.objects.filter(user__username="tove.tr").values_list("role", "unit")) == [
        (Role.TR, world.solsikken.pk)]


def test_a_wrong_client_secret_is_refused_by_the_provider_with_a_danish_page(world, page, provider, settings):
    settings.OIDC_RP_CLIENT_SECRET = "not-the-secret"
    log_in_at_the_provider(page, provider, "hanne.holm")
    assert page.get_by_role("heading", name="Login gik ikke igennem").is_visible()
    assert page.get_by_text("Kommunens login godkendte ikke login-koden").is_visible()
    page.goto("/")
    assert "/log-ind/" in page.url
