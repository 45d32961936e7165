#!/usr/bin/env python
"""Django's command-line utility for Rummelig.

A configuration error (a database that does not exist, a wrong password, a server that does not
answer, a bad setting) ends with one Danish line and exit status 1, not a traceback
(rummelig/core/database.py).
"""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rummelig.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except Exception as exc:
        from rummelig.core.database import explain

        message = explain(exc)
        if message is None:
            raise
        sys.stderr.write(message + "\n")
        sys.exit(1)
