"""How a user proves who they are: a local password (the demo, an emergency admin) or the municipality's login.

The municipality's login is OpenID Connect's authorization code flow with PKCE through
mozilla-django-oidc. Its ID token is checked more strictly than the library does by default: the
signature against the provider's keys, the audience (our client id), the issuer, the expiry and
the issue time, and the nonce that binds it to the login this browser started. Any failure raises
`LoginRefused`, which the callback view turns into a Danish page saying what went wrong.
"""

import logging

import jwt
import requests
from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from rummelig.audit import log
from rummelig.audit.models import AuditEntry

from . import config
from .groups import groups_in, refresh_roles

LOGGER = logging.getLogger(__name__)

# Why a login through the identity provider was refused: (what the user reads, HTTP status).
REASONS = {
    "audience": (_("The identity provider's ticket was issued to another system, not to Rummelig."), 400),
    "signature": (_("The identity provider's ticket does not carry a valid signature."), 400),
    "expired": (_("The identity provider's ticket has expired or is not valid yet. Log in again."), 400),
    "issuer": (_("The ticket comes from another identity provider than the one Rummelig is set up for."), 400),
    "state": (_("This login does not match one started in this browser, or it has been used before. Start the login again."), 400),
    "token": (_("The identity provider did not accept the login code. Start the login again."), 400),
    "claim": (_("The identity provider did not send your user name."), 400),
    "cancelled": (_("The login was cancelled or refused at the identity provider."), 400),
    "inactive": (_("Your user has been deactivated in Rummelig. Contact HR if you need access."), 403),
    "unknown_user": (_("You have no user in Rummelig. Contact HR if you need access."), 403),
    "provider": (_("The identity provider cannot be reached right now. Try again in a few minutes."), 502),
}


class LoginRefused(Exception):
    def __init__(self, reason, detail=""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def is_municipality_login(request, credentials):
    """For django-axes: a login through the identity provider has no password to guess and is never locked out."""
    credentials = credentials or {}
    if "code_verifier" in credentials or "nonce" in credentials:
        return True
    return request is not None and request.path == reverse("login:oidc_callback")


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for logins made in a request; one without (Django's test client, a shell) is not checked."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class LocalPasswordBackend(ModelBackend):
    """User name and password, unless RUMMELIG_LOCAL_LOGIN=false; then a password session ends at its next request too."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.RUMMELIG_LOCAL_LOGIN:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        if not settings.RUMMELIG_LOCAL_LOGIN:
            return None
        return super().get_user(user_id)


class MunicipalityLoginBackend(OIDCAuthenticationBackend):
    """The municipality's login: finds or creates the user by the user-name claim and refreshes roles from groups."""

    def __init__(self, *args, **kwargs):
        # Django builds every backend for every login, the local ones included: read the provider's
        # settings (and its discovery document) only when a login through it actually arrives.
        self.UserModel = get_user_model()

    @staticmethod
    def get_settings(attr, *args):
        return config.setting(attr, *args)

    def _load(self):
        self.OIDC_OP_TOKEN_ENDPOINT = self.get_settings("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = self.get_settings("OIDC_OP_USER_ENDPOINT", "")
        self.OIDC_OP_JWKS_ENDPOINT = self.get_settings("OIDC_OP_JWKS_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = getattr(settings, "OIDC_RP_IDP_SIGN_KEY", None)

    def authenticate(self, request, **kwargs):
        if request is None or "username" in kwargs or "password" in kwargs or not config.is_configured():
            return None
        if not request.GET.get("code") or not request.GET.get("state"):
            return None
        self._load()
        try:
            return super().authenticate(request, **kwargs)
        except requests.HTTPError as exc:
            raise LoginRefused("token", str(exc)) from exc
        except requests.RequestException as exc:
            raise LoginRefused("provider", str(exc)) from exc

    def get_or_create_user(self, access_token, id_token, payload):
        # The library would only log a SuspiciousOperation here and return None; let LoginRefused through.
        return self._user_for(self.get_userinfo(access_token, id_token, payload))

    # --- the ID token ---
    def _signing_key(self, token):
        if self.OIDC_RP_SIGN_ALGO.startswith("HS"):
            return self.OIDC_RP_CLIENT_SECRET
        if self.OIDC_RP_IDP_SIGN_KEY:
            return self.OIDC_RP_IDP_SIGN_KEY
        try:
            return self.retrieve_matching_jwk(token)
        except SuspiciousOperation as exc:  # no key of the provider's has the token's key id
            raise LoginRefused("signature", str(exc)) from exc

    def verify_token(self, token, **kwargs):
        """Check the ID token (signature, audience, issuer, expiry, nonce) and return its claims."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise LoginRefused("signature", str(exc)) from exc
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise LoginRefused("signature", f"algorithm {header.get('alg')!r}, expected {self.OIDC_RP_SIGN_ALGO!r}")
        issuer = config.issuer()
        required = ["exp", "iat", "aud", "sub"] + (["iss"] if issuer else [])
        try:
            payload = jwt.decode(
                token, self._signing_key(token), algorithms=[self.OIDC_RP_SIGN_ALGO], audience=self.OIDC_RP_CLIENT_ID,
                issuer=issuer, leeway=settings.OIDC_CLOCK_SKEW_SECONDS, options={"require": required},
            )
        except jwt.InvalidAudienceError as exc:
            raise LoginRefused("audience", str(exc)) from exc
        except jwt.ExpiredSignatureError as exc:
            raise LoginRefused("expired", str(exc)) from exc
        except (jwt.ImmatureSignatureError, jwt.InvalidIssuedAtError) as exc:
            raise LoginRefused("expired", str(exc)) from exc
        except jwt.InvalidIssuerError as exc:
            raise LoginRefused("issuer", str(exc)) from exc
        except jwt.MissingRequiredClaimError as exc:
            raise LoginRefused("claim", str(exc)) from exc
        except jwt.PyJWTError as exc:  # a bad signature, a token that is not a JWT
            raise LoginRefused("signature", str(exc)) from exc
        audiences = payload["aud"] if isinstance(payload["aud"], list) else [payload["aud"]]
        if len(audiences) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise LoginRefused("audience", f"azp {payload.get('azp')!r}")
        if "nonce" in kwargs and payload.get("nonce") != kwargs["nonce"]:
            raise LoginRefused("state", "the nonce does not match the login this browser started")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, with the userinfo endpoint's added when it is used (Keycloak)."""
        claims = dict(payload)
        if settings.OIDC_USE_USERINFO and self.OIDC_OP_USER_ENDPOINT and access_token:
            info = super().get_userinfo(access_token, id_token, payload)
            if info.get("sub") != payload.get("sub"):
                raise LoginRefused("claim", "userinfo is about another subject than the ID token")
            claims.update(info)
        return claims

    # --- the user ---
    def _user_for(self, claims):
        username = str(claims.get(settings.OIDC_USERNAME_CLAIM) or "").strip()
        if not username:
            raise LoginRefused("claim", f"no {settings.OIDC_USERNAME_CLAIM!r} claim")
        user = self.UserModel.objects.filter(username__iexact=username).first()
        if user is None:
            if not settings.OIDC_CREATE_USER:
                raise LoginRefused("unknown_user", username)
            user = self.UserModel(username=username[:150])
            user.set_unusable_password()
            self._copy_names(user, claims)
            user.save()
            log.record(user, AuditEntry.Action.CREATE, user, object_type="user",
                       changes={"username": [None, user.username]},
                       detail="Bruger oprettet ved første login via kommunens login")
        elif self._copy_names(user, claims):
            user.save(update_fields=["first_name", "last_name", "email"])
        if not user.is_active:
            raise LoginRefused("inactive", username)
        added, removed = refresh_roles(user, groups_in(claims, settings.OIDC_GROUPS_CLAIM))
        if added or removed:
            LOGGER.info("Roles from login groups for %s: %d added, %d removed", user.username, len(added), len(removed))
        return user

    @staticmethod
    def _copy_names(user, claims):
        """Take names and e-mail from the claims when the provider sends them; return True if any changed."""
        changed = False
        for field, claim in (("first_name", "given_name"), ("last_name", "family_name"), ("email", "email")):
            value = str(claims.get(claim) or "").strip()[:150]
            if value and getattr(user, field) != value:
                setattr(user, field, value)
                changed = True
        return changed
