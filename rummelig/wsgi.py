"""WSGI entry point for a production server (gunicorn, mod_wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rummelig.settings")
application = get_wsgi_application()
