"""A stand-in identity provider for the token tests: a local signing key and a fake token endpoint.

The real provider (npm's oidc-provider) is used by the browser test in e2e/test_municipality_login.py;
here each test makes the ID token it wants (wrong audience, bad signature, expired) without a network.
"""

import base64
import hashlib
import time
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from rummelig.login import config
from rummelig.login.backends import MunicipalityLoginBackend

ISSUER = "https://login.kommune.test/realms/rummelig"
CLIENT_ID = "rummelig"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakeProvider:
    def __init__(self):
        self.nonce = None
        self.claims = {}
        self.key = KEY
        self.token_requests = []

    def id_token(self):
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": CLIENT_ID, "sub": "sub-hanne", "iat": now, "exp": now + 300, "nonce": self.nonce,
                  "preferred_username": "hanne.idp", "given_name": "Hanne", "family_name": "Holm", "email": "hanne@kommune.test",
                  "groups": []}
        claims.update(self.claims)
        claims = {k: v for k, v in claims.items() if v is not None}
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": "test-key"})

    def start(self, client, next_url=None):
        """Open the login; return the parameters Rummelig sent to the provider's authorization endpoint."""
        response = client.get("/kommunens-login/", {"next": next_url} if next_url else {})
        assert response.status_code == 302, response.status_code
        params = {k: v[0] for k, v in parse_qs(urlparse(response["Location"]).query).items()}
        self.nonce = params.get("nonce")
        return params

    def finish(self, client, params, **query):
        return client.get("/kommunens-login/retur/", {"code": "the-code", "state": params["state"], **query})

    def log_in(self, client, **claims):
        self.claims = claims
        return self.finish(client, self.start(client))


@pytest.fixture
def idp(settings, monkeypatch):
    settings.OIDC_ISSUER = ISSUER
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{ISSUER}/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{ISSUER}/token"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{ISSUER}/certs"
    settings.OIDC_OP_USER_ENDPOINT = ""
    config.forget_discovery()
    fake = FakeProvider()

    def get_token(backend, payload):
        fake.token_requests.append(payload)
        return {"id_token": fake.id_token(), "access_token": "access", "token_type": "Bearer"}

    public = jwt.PyJWK.from_dict({**jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key(), as_dict=True), "kid": "test-key", "alg": "RS256"})
    monkeypatch.setattr(MunicipalityLoginBackend, "get_token", get_token)
    monkeypatch.setattr(MunicipalityLoginBackend, "retrieve_matching_jwk", lambda backend, token: public)
    return fake


def s256(verifier):
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
