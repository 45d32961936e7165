"""The municipality's login, as the settings describe it: is it on, and where are the provider's endpoints.

With OIDC_ISSUER the endpoints come from the issuer's discovery document
(`<issuer>/.well-known/openid-configuration`), fetched at the first login and kept for an hour; an
endpoint set explicitly (OIDC_OP_*_ENDPOINT) wins over the discovered one. The issuer is also the
value every ID token's `iss` must have.
"""

import time
from urllib.parse import urlencode

import requests
from django.conf import settings

DISCOVERY_SECONDS = 3600
_discovered: dict[str, tuple[float, dict]] = {}

# mozilla-django-oidc's setting → the discovery document's key
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


class ProviderUnavailable(Exception):
    """The identity provider's discovery document could not be read."""


def explicit_endpoints():
    """True when the endpoints a login needs are all set explicitly: then no discovery document is read."""
    return bool(settings.OIDC_OP_AUTHORIZATION_ENDPOINT and settings.OIDC_OP_TOKEN_ENDPOINT and settings.OIDC_OP_JWKS_ENDPOINT)


def is_configured():
    """True when the municipality's login is set up: a client id and an issuer (or explicit endpoints)."""
    if not settings.OIDC_RP_CLIENT_ID:
        return False
    return bool(settings.OIDC_ISSUER or explicit_endpoints())


def discovery():
    """Return the issuer's discovery document ({} without OIDC_ISSUER); raise ProviderUnavailable if it cannot be read."""
    issuer = settings.OIDC_ISSUER
    if not issuer:
        return {}
    cached = _discovered.get(issuer)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailable(f"{url}: {exc}") from exc
    if document.get("issuer", "").rstrip("/") != issuer:
        raise ProviderUnavailable(f"{url} names the issuer {document.get('issuer')!r}, not {issuer!r}")
    _discovered[issuer] = (time.monotonic() + DISCOVERY_SECONDS, document)
    return document


def forget_discovery():
    """Read the discovery document again at the next login (tests; a provider that moved its endpoints)."""
    _discovered.clear()


def setting(name, *default):
    """A mozilla-django-oidc setting, with the endpoints filled in from discovery when not set explicitly."""
    value = getattr(settings, name, *default)
    if name in ENDPOINTS and not value and not explicit_endpoints():
        value = discovery().get(ENDPOINTS[name], "")
    return value


def end_session_url(id_token, return_to):
    """Where to send the browser so the provider ends its session too (OpenID Connect RP-initiated logout).

    The provider's `end_session_endpoint` (discovery, or OIDC_OP_LOGOUT_ENDPOINT), with the user's ID token
    as a hint and `return_to` (which must be registered at the provider) as the page to come back to.
    None when the provider has no such endpoint or cannot be reached: then only Rummelig's session ends.
    """
    endpoint = settings.OIDC_OP_LOGOUT_ENDPOINT
    if not endpoint:
        try:
            endpoint = discovery().get("end_session_endpoint", "")
        except ProviderUnavailable:
            return None
    if not endpoint:
        return None
    query = {"post_logout_redirect_uri": return_to, "client_id": settings.OIDC_RP_CLIENT_ID}
    if id_token:
        query["id_token_hint"] = id_token
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"


def issuer():
    """The `iss` every ID token must carry: OIDC_ISSUER, or None when only explicit endpoints are set."""
    return settings.OIDC_ISSUER or None
