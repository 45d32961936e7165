"""`/health/` for the proxy and the monitor: 200 when the database and the task queue answer, 503 otherwise.

Public (no login, no audit row), outside the request's transaction (on SQLite every request's
transaction takes the write lock, which an import may hold for a while), and it names no data:
only "ok" or "fejl" per part.
"""

import logging

from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from rummelig.accounts.access import PUBLIC, declare

logger = logging.getLogger(__name__)


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0] == 1
    except Exception:
        logger.warning("Health check: the database does not answer", exc_info=True)
        return False


def queue_answers() -> bool:
    """The task backend is configured, and with the database queue its table can be read."""
    try:
        from django_tasks import task_backends
        from django_tasks_db.backend import DatabaseBackend

        backend = task_backends["default"]
        if isinstance(backend, DatabaseBackend):
            from django_tasks_db.models import DBTaskResult

            DBTaskResult.objects.ready().exists()
        return True
    except Exception:
        logger.warning("Health check: the task queue does not answer", exc_info=True)
        return False


@transaction.non_atomic_requests
@never_cache
@require_GET
def health(request):
    checks = {"database": database_answers()}
    checks["queue"] = checks["database"] and queue_answers()
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "fejl", **{name: "ok" if ok else "fejl" for name, ok in checks.items()}}
    return JsonResponse(body, status=200 if healthy else 503)


health = declare(PUBLIC, health)
