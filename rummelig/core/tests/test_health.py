"""/health/ answers 200 when the database and the queue answer, 503 when either does not; no login, no data."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_health_answers_200_without_a_login_when_the_database_and_the_queue_answer(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "queue": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_health_answers_503_when_the_database_does_not(client, monkeypatch):
    def broken(*args, **kwargs):
        raise connection.OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(connection, "cursor", broken)

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json() == {"status": "fejl", "database": "fejl", "queue": "fejl"}


def test_health_answers_503_when_the_queue_does_not(client, monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    from django_tasks_db.models import DBTaskResult

    def broken(self):
        raise DBTaskResult.DoesNotExist("no such table: django_tasks_database_dbtaskresult")

    monkeypatch.setattr(type(DBTaskResult.objects.ready()), "exists", broken)

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["queue"] == "fejl" and response.json()["database"] == "ok"
