"""Settings, read from the environment so the same code runs in the demo, in CI and in production.

Variables: DATABASE_URL (sqlite:///path or postgres://...; SQLite in the project folder when
unset), SECRET_KEY (or SECRET_KEY_FILE), DEBUG, ALLOWED_HOSTS (comma-separated), the settings for
running behind a proxy (CSRF_TRUSTED_ORIGINS, BEHIND_HTTPS_PROXY, SECURE_*, SESSION_*), e-mail
(EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD[_FILE], EMAIL_USE_TLS/SSL) and the
task queue (TASKS_BACKEND), the login (OIDC_*, RUMMELIG_LOCAL_LOGIN, AXES_*). Every production
setting is named in deploy/production.env.example and docs/OPERATIONS.md. A bad value stops the start
with a message that names the variable.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    """Read a yes/no variable; refuse anything that is not clearly one of them."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_secret(name, default=None):
    """Read a secret from NAME or from the file named by NAME_FILE."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={file_name} cannot be read: {exc}") from exc
    return os.environ.get(name, default)


DEBUG = env_bool("DEBUG", False)
# Without SECRET_KEY the app runs with a development key. Tests and commands may; the web server
# (rummelig/wsgi.py: gunicorn and runserver) and the worker refuse to start with it unless DEBUG is
# true (rummelig/core/startup.py). `make run` makes a random key of its own (.secret_key).
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-set-SECRET_KEY-in-production"
SECRET_KEY = env_secret("SECRET_KEY") or DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rummelig.core",
    "rummelig.accounts",
    "rummelig.login",
    "rummelig.audit",
    "rummelig.organisation",
    "rummelig.people",
    "rummelig.schemes",
    "rummelig.placements",
    "rummelig.alerts",
    "rummelig.reports",
    "rummelig.imports",
    "rummelig.exports",
    "rummelig.onboarding",
    "rummelig.retention",
    "rummelig.procurement",
    "rummelig.med",
    "rummelig.policy",
    "rummelig.demo",
    "rummelig.api",
    "django_tasks",
    "django_tasks_db",
    "axes",
]

# Background work (imports; see rummelig/imports/tasks.py) is queued in the database and run by
# `python manage.py db_worker` (django-tasks with django-tasks-db; docs/ARCHITECTURE.md says why).
# TASKS_BACKEND=immediate runs each task at once in the process that queues it (the tests do).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = os.environ.get("TASKS_BACKEND", "database")
if _task_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {_task_backend!r}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend], "QUEUES": ["default"]}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rummelig.core.middleware.LanguageFromCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "rummelig.accounts.middleware.DeactivatedUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "rummelig.core.errors.RequestSizeLimitMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the Danish lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rummelig.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rummelig.core.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "rummelig.wsgi.application"

_database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
try:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
except Exception as exc:  # dj_database_url raises several kinds; all mean the same to the user
    raise ImproperlyConfigured(
        f"DATABASE_URL={_database_url!r} is not a database URL; use sqlite:///path or postgres://user@host:port/name"
    ) from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Every request writes (an audit row at least) inside its transaction (ATOMIC_REQUESTS). SQLite's
    # default deferred transaction starts as a reader and fails at once with "database is locked" when
    # it tries to write after another writer got in first; an IMMEDIATE transaction takes the write
    # lock when it begins, so a second writer waits (up to the timeout) instead of failing. WAL lets
    # readers go on while one request writes; synchronous=NORMAL is safe with WAL and much faster.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;",
    }
    # Tests use a file, not memory: the browser tests' live server answers several requests at once
    # (htmx panels beside a form post), and an in-memory database would be one shared connection.
    # One file per process, so parallel test runs never share it; the test run deletes it at the end.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"rummelig-test-{os.getpid()}.sqlite3")}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# A request's writes and the audit entries that log them land together or not at all.
DATABASES["default"]["ATOMIC_REQUESTS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"

# --- Logging in (rummelig/login; docs/OPERATIONS.md "Login via kommunens identitetsudbyder") ---
# Local passwords (the demo, an emergency admin) stay unless RUMMELIG_LOCAL_LOGIN=false; repeated
# failures lock the user name out from that address for a while (django-axes).
RUMMELIG_LOCAL_LOGIN = env_bool("RUMMELIG_LOCAL_LOGIN", True)
AUTHENTICATION_BACKENDS = [
    "rummelig.login.backends.LockoutBackend",
    "rummelig.login.backends.LocalPasswordBackend",
    "rummelig.login.backends.MunicipalityLoginBackend",
]
def env_positive_int(name, default):
    value = os.environ.get(name) or str(default)
    if not value.isdigit() or int(value) < 1:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least 1, not {value!r}")
    return int(value)


AXES_FAILURE_LIMIT = env_positive_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_positive_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "rummelig.login.views.locked_out"
# Logins through the identity provider carry no password: the provider does its own lockout.
AXES_WHITELIST_CALLABLE = "rummelig.login.backends.is_municipality_login"
AXES_VERBOSE = False
# The client's address behind TRUSTED_PROXY_COUNT proxies (login/address.py), for the lockout and the audit of logins.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT must be 0 or more, not {TRUSTED_PROXY_COUNT}")
AXES_CLIENT_IP_CALLABLE = "rummelig.login.address.client_address"
# Failed attempts are kept (that is the lockout); successful logins are not logged a second time beside the session.
AXES_DISABLE_ACCESS_LOG = True
# The municipality's login (OpenID Connect, authorization code flow with PKCE, mozilla-django-oidc).
# It is on when OIDC_RP_CLIENT_ID is set together with OIDC_ISSUER (endpoints read from the issuer's
# /.well-known/openid-configuration) or with the four OIDC_OP_*_ENDPOINT variables.
OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "").rstrip("/")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_secret("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid profile email")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_OP_LOGOUT_ENDPOINT", "")  # else the discovered end_session_endpoint
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_GROUPS_CLAIM = os.environ.get("OIDC_GROUPS_CLAIM", "groups")
# Read the user's claims from the userinfo endpoint too (Keycloak); Entra ID puts them in the ID token.
OIDC_USE_USERINFO = env_bool("OIDC_USE_USERINFO", True)
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", True)
OIDC_USE_PKCE = True
# The ID token is kept in the session so that logging out of Rummelig also ends the provider's session.
OIDC_STORE_ID_TOKEN = True
OIDC_USE_NONCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "login:oidc_callback"
OIDC_CLOCK_SKEW_SECONDS = 60
# The address the provider sends the browser back to is built from the request; behind a proxy that
# ends TLS, let its X-Forwarded-Proto header say the request was https (set only behind such a proxy).
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

# How a login is linked to the employee's own records when it logs in (accounts/linking.py):
# "account_name" (Person.account_name equals the user name, case-insensitive), "email" (the e-mail
# addresses match), or "none" (only HR links by hand).
RUMMELIG_EMPLOYEE_LINK = os.environ.get("RUMMELIG_EMPLOYEE_LINK", "account_name").strip().lower() or "none"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
# Each app ships its own catalogue in <app>/locale/da/LC_MESSAGES/django.po.

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "rummelig" / "static"]

# Uploaded files (scans of paper statements). Never served as static files: a view checks who may
# see the placement before it sends a scan.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"
STATEMENT_SCAN_MAX_BYTES = 10 * 1024 * 1024
# Uploaded import files wait here between preview and run; the web server and the worker must share it.
IMPORTS_DIR = os.environ.get("IMPORTS_DIR") or None
# How often the worker publishes a running import's progress and heartbeat (imports/progress.py).
IMPORTS_PROGRESS_SECONDS = env_int("IMPORTS_PROGRESS_MILLISECONDS", 1000) / 1000
# Exports made by the worker wait here for the user who asked (never served by the web server); the
# web server and the worker must share it. A file is deleted when downloaded or after EXPORTS_KEEP_HOURS.
EXPORTS_DIR = os.environ.get("EXPORTS_DIR") or None
EXPORTS_KEEP_HOURS = env_int("EXPORTS_KEEP_HOURS", 24)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # TLS from the start, usually port 465
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true; choose one")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", os.environ.get("DEFAULT_FROM_EMAIL", "rummelig@kommune.invalid"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "rummelig@kommune.invalid")
# The address people open Rummelig on; links in reminder e-mails start with it.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The largest request body a page takes (a form, an attached scan); larger ones get the Danish 413
# page before they are read. The import upload has its own, larger limit (IMPORTS_MAX_FILE_BYTES).
REQUEST_MAX_BYTES = 20 * 1024 * 1024
# Form fields (not files) held in memory; Django's default, stated so it is seen beside the limit above.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less meta tag; see base.html
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Running behind a proxy that ends HTTPS (docs/OPERATIONS.md). All off by default, so the demo on
# http://127.0.0.1 works; deploy/production.env.example turns them on.
# BEHIND_HTTPS_PROXY=true: trust the proxy's X-Forwarded-Proto header to tell an HTTPS request
# (the proxy must set it and strip it from clients).
if env_bool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")  # e.g. https://rummelig.kommune.dk
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # the proxy's and the monitor's checks may ask over plain HTTP
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# A login lasts SESSION_COOKIE_AGE seconds (default 8 hours: a working day) and, with
# SESSION_EXPIRE_AT_BROWSER_CLOSE, ends when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", False)

# Days before a planned end that a placement counts as "ending soon" on lists and the start page.
ENDING_SOON_DAYS = 30

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every handler masks CPR-shaped text (core/logging.py). django and django.server are configured here so
    # that Django's own default handlers, which have no such filter, are replaced.
    "filters": {"mask_cpr": {"()": "rummelig.core.logging.MaskCprFilter"}},
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_cpr"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server", "filters": ["mask_cpr"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {"handlers": [], "level": os.environ.get("LOG_LEVEL", "WARNING"), "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}
