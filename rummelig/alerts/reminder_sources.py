"""Reminders other apps send with `send_reminders`: one daily job, one crontab line.

An app that has deadlines of its own (procurement's documentation requests) writes a
`reminders.py` that registers a function::

    from rummelig.alerts.reminder_sources import register

    @register
    def overdue_documentation(today, *, dry_run, base_url, write):
        ...  # e-mail what was not sent before, record it; return the number of e-mails (or would-be e-mails)

`send_reminders` calls every registered function after the placements' reminders, with its own
--today, --dry-run and --base-url, and `write` for its output lines.
"""

from django.utils.module_loading import autodiscover_modules

SOURCES = {}


def register(func):
    SOURCES[f"{func.__module__}.{func.__qualname__}"] = func
    return func


def sources():
    autodiscover_modules("reminders")
    return list(SOURCES.values())
