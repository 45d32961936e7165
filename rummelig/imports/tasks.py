"""The importer's tasks for the database queue (django-tasks; run by `python manage.py db_worker`)."""

from django_tasks import task

from . import background


@task()
def run_import(run_id: int, language: str | None = None) -> None:
    """Run a previewed import that the run page queued (background.start)."""
    background.execute(run_id, language)


@task()
def preview_import(run_id: int, force: bool = False, language: str | None = None) -> None:
    """Compare an uploaded file with Rummelig, writing nothing but the run's preview (background.start_preview)."""
    background.execute_preview(run_id, force, language)
