"""The importer's tasks for the database queue (django-tasks; run by `python manage.py db_worker`)."""

from django_tasks import task

from . import background


@task()
def run_import(run_id: int, language: str | None = None) -> None:
    """Run a previewed import that the run page queued (background.start)."""
    background.execute(run_id, language)
