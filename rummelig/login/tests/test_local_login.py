"""Local passwords: for the demo and an emergency admin, locked after repeated failures, and switchable off."""

import pytest

from rummelig.testing import PASSWORD

pytestmark = pytest.mark.django_db


def post_login(client, username, password):
    return client.post("/log-ind/", {"username": username, "password": password})


def test_a_local_password_logs_in_by_default(client, world):
    response = post_login(client, "hr", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").wsgi_request.user == world.hr


def test_a_wrong_password_gets_the_danish_message(client, world):
    response = post_login(client, "hr", "forkert")
    assert response.status_code == 200
    assert "Brugernavn eller adgangskode er forkert" in response.content.decode()


def test_repeated_failures_lock_the_user_name_out_with_a_danish_message(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert post_login(client, "hr", "forkert").status_code == 200
    locked = post_login(client, "hr", "forkert")
    assert locked.status_code == 429
    assert "Der har været for mange mislykkede forsøg på at logge ind med dette brugernavn" in locked.content.decode()
    assert "Prøv igen om 15 minutter" in locked.content.decode()
    # Now even the right password is refused, and no session is made.
    again = post_login(client, "hr", PASSWORD)
    assert again.status_code == 429
    assert not client.get("/").wsgi_request.user.is_authenticated
    # Another user name from the same address is not locked.
    assert post_login(client, "auditor", PASSWORD).status_code == 302


def test_a_success_before_the_limit_resets_the_count(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login(client, "hr", "forkert")
    assert post_login(client, "hr", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert post_login(client, "hr", "forkert").status_code == 200


class TestSwitchedOff:
    @pytest.fixture(autouse=True)
    def switched_off(self, settings):
        settings.RUMMELIG_LOCAL_LOGIN = False

    def test_the_right_password_no_longer_logs_in(self, client, world):
        response = post_login(client, "hr", PASSWORD)
        assert response.status_code == 403
        assert "Log ind med brugernavn og adgangskode er slået fra" in response.content.decode()
        assert not client.get("/").wsgi_request.user.is_authenticated

    def test_the_login_page_has_no_password_form(self, client, world):
        page = client.get("/log-ind/").content.decode()
        assert 'name="password"' not in page
        assert "Der er ikke sat nogen måde at logge ind på op" in page  # and no provider set up either

    def test_with_the_municipality_login_only_its_button_is_shown(self, client, world, settings):
        settings.OIDC_RP_CLIENT_ID, settings.OIDC_ISSUER = "rummelig", "https://login.kommune.test"
        page = client.get("/log-ind/").content.decode()
        assert "Log ind med kommunens login" in page and 'name="password"' not in page

    def test_a_session_made_with_a_password_ends_at_its_next_request(self, client, world, settings):
        settings.RUMMELIG_LOCAL_LOGIN = True
        assert post_login(client, "hr", PASSWORD).status_code == 302
        settings.RUMMELIG_LOCAL_LOGIN = False
        response = client.get("/")
        assert response.status_code == 302 and response["Location"].startswith("/log-ind/")
