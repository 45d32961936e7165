"""gunicorn's settings for Rummelig: `gunicorn -c deploy/gunicorn.conf.py rummelig.wsgi`.

Each value can be changed by the environment (GUNICORN_BIND, GUNICORN_WORKERS, ...) or on the
command line (--bind, --workers), which wins. Static files are served by whitenoise in the app.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: each request has a process of its own; imports run in the worker (db_worker), not here.
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
# The annual report's PDF for a large municipality takes seconds; a request still hanging after
# this long is stopped (its transaction is rolled back).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
# A worker is replaced after this many requests (a little at random, so not all at once).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = 200
# The proxy in front ends HTTPS and sets X-Forwarded-Proto; only trust it from these addresses.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Logs to standard output/error: journald (systemd) or the container keeps them. The access log
# has the worker's pid (%(p)s) and the time taken in microseconds (%(D)s); no query strings are
# logged (search text never is in a URL anyway, core/searches.py).
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(D)sus pid=%(p)s'
