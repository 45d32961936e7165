"""Every page and every API operation declares its permission by name; a new one without it fails here.

The names are `accounts.access.PERMISSIONS`: the yes/no properties of `Access`, plus "public" (no login)
and "login" (any logged-in user, records scoped by the view). A misspelt name fails when its module
is imported, not as a 500 when someone opens the page.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver
from ninja.errors import HttpError

from rummelig.accounts.access import LOGIN, PERMISSIONS, PUBLIC, declare, requires
from rummelig.api import helpers
from rummelig.api.site import api
from rummelig.testing import make_user

# The URLs django-ninja serves besides the operations: the OpenAPI schema, its page and the root that points to
# them, public by design (they describe the API, no record).
NINJA_DOCUMENTATION = {"openapi-json", "openapi-view", "api-root"}
API_PREFIX = "api/v1/"


def url_patterns(patterns=None, prefix=""):
    """Yield (route, pattern) for every URL pattern of the site, includes followed."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def api_operations():
    """Yield ("METHOD path", view function) for every operation of every router of the API."""
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    yield f"{method} {prefix}{path}", operation.view_func


def test_every_page_declares_a_known_permission():
    pages = [(route, p) for route, p in url_patterns() if not route.startswith(API_PREFIX)]
    assert len(pages) > 40  # the walk reaches the apps' includes
    undeclared = [route for route, p in pages if getattr(p.callback, "permission", None) not in PERMISSIONS]
    assert undeclared == []


def test_the_api_urls_are_its_operations_and_its_documentation():
    """The API's own URLs are checked through its operations below; only the documentation is left."""
    api_urls = {p.name for route, p in url_patterns() if route.startswith(API_PREFIX)}
    operations = {view.__name__ for _, view in api_operations()}  # ninja names each URL after its first operation
    assert api_urls - operations == NINJA_DOCUMENTATION


def test_every_api_operation_declares_a_known_permission():
    operations = list(api_operations())
    assert len(operations) >= 15
    undeclared = [name for name, view in operations if getattr(view, "permission", None) not in PERMISSIONS]
    assert undeclared == []


def test_login_logout_language_and_health_are_declared_public():
    names = ("login", "logout", "set_language", "health")
    declared = {p.name: p.callback.permission for _, p in url_patterns() if p.name in names}
    assert declared == {"login": PUBLIC, "logout": PUBLIC, "set_language": PUBLIC, "health": PUBLIC}
    assert get_resolver().resolve("/").func.permission == LOGIN


@pytest.mark.parametrize("decorate", [requires, helpers.requires, lambda name: declare(name, lambda request: None)])
def test_a_misspelt_permission_fails_at_import(decorate):
    with pytest.raises(ImproperlyConfigured, match="sees_everythng"):
        decorate("sees_everythng")


@pytest.mark.django_db
def test_a_declared_permission_is_enforced_on_every_page_without_arguments(client, world):
    """A user without a role finds no page that needs a role: each one answers 404 (405 where GET is not allowed)."""
    client.force_login(make_user("ingen", "Ingen", "Rolle"))
    checked = []
    for route, pattern in url_patterns():
        permission = getattr(pattern.callback, "permission", None)
        if permission in (PUBLIC, LOGIN, None) or pattern.pattern.converters or route.startswith(API_PREFIX):
            continue
        response = client.get("/" + route)
        checked.append(route)
        assert response.status_code in (404, 405), (route, permission, response.status_code)
    assert len(checked) > 15


@pytest.mark.django_db
def test_an_api_operation_refuses_as_declared(client, world):
    """Checked before the body: 403 with the message for a role that may never, 404 where the operation does not exist."""
    request = RequestFactory().post("/api/v1/units")
    request.user = world.leder_a

    def body(request):
        return "done"

    with pytest.raises(HttpError) as refused:
        helpers.requires("is_hr", refuse=403, message="Kun HR")(body)(request)
    assert (refused.value.status_code, refused.value.message) == (403, "Kun HR")
    assert helpers.requires("may_edit", refuse=403)(body)(request) == "done"
    client.force_login(make_user("ingen", "Ingen", "Rolle"))
    assert client.get("/api/v1/placements/1").status_code == 404
