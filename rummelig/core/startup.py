"""Checks made when a server process starts (the web server through rummelig/wsgi.py, the worker).

With DEBUG off the development SECRET_KEY is refused: a production server signing sessions and
CSRF tokens with a key published in the source code would let anyone forge a login.
"""

import sys

from django.conf import settings

INSECURE_KEY_MESSAGE = (
    "Rummelig starter ikke: SECRET_KEY er ikke sat, og udviklingsnøglen må ikke bruges med DEBUG=false. "
    "Sæt SECRET_KEY (eller SECRET_KEY_FILE) til en lang, tilfældig og hemmelig værdi, fx med "
    "`python -c 'import secrets; print(secrets.token_urlsafe(50))'` (se deploy/production.env.example)."
)


def insecure_key_problem() -> str | None:
    if not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        return INSECURE_KEY_MESSAGE
    return None


def refuse_insecure_start() -> None:
    """Stop the process with a clear message (no traceback) if it must not start as configured."""
    problem = insecure_key_problem()
    if problem:
        sys.stderr.write(problem + "\n")
        sys.stderr.flush()
        raise SystemExit(3)
