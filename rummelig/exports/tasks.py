"""The exports' task for the database queue (django-tasks; run by `python manage.py db_worker`)."""

from django_tasks import task

from . import service


@task()
def make_export(export_id: str) -> None:
    """Make the file of an export a user asked for (service.start)."""
    service.execute(export_id)
