"""WSGI entry point for the web server (gunicorn in production, runserver in development).

It refuses to start with the development SECRET_KEY when DEBUG is off (core/startup.py).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rummelig.settings")
application = get_wsgi_application()

from rummelig.core.startup import refuse_insecure_start  # noqa: E402  (settings are loaded above)

refuse_insecure_start()
