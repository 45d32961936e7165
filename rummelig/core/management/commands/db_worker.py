"""django-tasks-db's `db_worker`, refusing to start with the development SECRET_KEY when DEBUG is off
(as the web server does, core/startup.py). Everything else is the library's command."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from rummelig.core.startup import refuse_insecure_start


class Command(DatabaseWorkerCommand):
    def handle(self, *args, **options):
        refuse_insecure_start()
        return super().handle(*args, **options)
