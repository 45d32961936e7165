"""API authentication: bearer tokens from create_api_token, the browser session, and refusing everyone else."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from rummelig.accounts.models import ApiToken
from rummelig.accounts.tests.api_client import api_as
from rummelig.testing import make_placement


def create_token(*args):
    out = StringIO()
    call_command("create_api_token", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
class TestCreateApiToken:
    def test_it_prints_a_token_as_the_last_word_and_the_token_works(self, world, client):
        output = create_token("hr", "--name", "Lønsystemet")
        key = output.split()[-1]
        assert output.startswith("Token for hr (udløber ")
        response = client.get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {key}")
        assert response.status_code == 200
        assert response.json()["count"] == 6
        token = ApiToken.objects.get(user=world.hr)
        assert token.name == "Lønsystemet"
        assert token.last_used_at is not None

    def test_only_a_hash_of_the_token_is_stored(self, world):
        key = create_token("leder_a").split()[-1]
        token = ApiToken.objects.get(user=world.leder_a)
        assert key not in (token.key_hash, token.prefix)
        assert key.startswith(token.prefix)

    def test_it_refuses_an_unknown_user(self, world):
        with pytest.raises(CommandError, match="ingen bruger med brugernavnet 'ukendt'"):
            create_token("ukendt")
        assert not ApiToken.objects.exists()

    def test_the_token_has_the_users_own_rights(self, world, client):
        placement = make_placement(world.aabjerg)
        key = create_token("leder_a").split()[-1]
        response = client.get(f"/api/v1/placements/{placement.pk}", HTTP_AUTHORIZATION=f"Bearer {key}")
        assert response.status_code == 404


@pytest.mark.django_db
class TestAuthentication:
    def test_no_credentials_is_401(self, world, client):
        assert client.get("/api/v1/placements").status_code == 401
        assert client.post("/api/v1/units", "{}", content_type="application/json").status_code == 401

    def test_a_bad_token_is_401(self, world, client):
        response = client.get("/api/v1/people", HTTP_AUTHORIZATION="Bearer not-a-token")
        assert response.status_code == 401

    def test_a_token_of_a_deactivated_user_is_401(self, world, client):
        api = api_as(world.hr)
        world.hr.is_active = False
        world.hr.save()
        assert api.get("/units").status_code == 401

    def test_a_logged_in_browser_session_may_read(self, world, login):
        client = login(world.leder_a)
        response = client.get("/api/v1/units")
        assert response.status_code == 200
        assert response.json()["count"] == 3

    def test_a_session_needs_the_csrf_token_to_write(self, world):
        client = Client(enforce_csrf_checks=True)
        client.force_login(world.hr)
        data = json.dumps({"name": "Nyt navn"})
        url = f"/api/v1/units/{world.solsikken.pk}"
        assert client.patch(url, data, content_type="application/json").status_code == 403
        token = "k" * 32  # the secret a page would have set in the csrftoken cookie
        client.cookies["csrftoken"] = token
        response = client.patch(url, data, content_type="application/json", HTTP_X_CSRFTOKEN=token)
        assert response.status_code == 200, response.content

    def test_a_bearer_token_needs_no_csrf_token(self, world):
        client = Client(enforce_csrf_checks=True)
        _token, key = ApiToken.issue(world.hr)
        url = f"/api/v1/units/{world.solsikken.pk}"
        response = client.patch(url, json.dumps({"name": "Nyt navn"}), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
        assert response.status_code == 200
