"""Settings, read from the environment so the same code runs in the demo, in CI and in production.

Variables: DATABASE_URL (sqlite:///path or postgres://...; SQLite in the project folder when
unset), SECRET_KEY (or SECRET_KEY_FILE), DEBUG, ALLOWED_HOSTS (comma-separated), EMAIL_URL-less
e-mail settings (EMAIL_HOST, DEFAULT_FROM_EMAIL). A bad value stops the start with a message that
names the variable.
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
# Without SECRET_KEY the app runs with a development key; `manage.py check --deploy` warns about it.
SECRET_KEY = env_secret("SECRET_KEY") or "dev-only-insecure-key-set-SECRET_KEY-in-production"

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rummelig.core",
    "rummelig.accounts",
    "rummelig.audit",
    "rummelig.organisation",
    "rummelig.people",
    "rummelig.schemes",
    "rummelig.placements",
    "rummelig.alerts",
    "rummelig.reports",
    "rummelig.imports",
    "rummelig.policy",
    "rummelig.demo",
    "rummelig.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rummelig.core.middleware.LanguageFromCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "rummelig.core.errors.RequestSizeLimitMiddleware",
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
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

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

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
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
