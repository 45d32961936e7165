"""A test client for the REST API that authenticates with a bearer token, used by every app's API tests."""

import json

from django.test import Client

from rummelig.accounts.models import ApiToken

PREFIX = "/api/v1"


class ApiClient:
    """Call /api/v1/… as user, with a fresh token in the Authorization header."""

    def __init__(self, user):
        self.user = user
        _token, self.key = ApiToken.issue(user, name="test")
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {self.key}")

    def get(self, path, params=None):
        return self.client.get(PREFIX + path, params or {})

    def post(self, path, data):
        return self.client.post(PREFIX + path, json.dumps(data, default=str), content_type="application/json")

    def put(self, path, data):
        return self.client.put(PREFIX + path, json.dumps(data, default=str), content_type="application/json")

    def patch(self, path, data):
        return self.client.patch(PREFIX + path, json.dumps(data, default=str), content_type="application/json")


def api_as(user):
    return ApiClient(user)


def errors_of(response):
    """Return a 422 answer as {field: [messages]}."""
    assert response.status_code == 422, response.content
    result = {}
    for line in response.json()["detail"]:
        result.setdefault(line["field"], []).append(line["message"])
    return result
