"""A stored file (a statement's scan, a guideline's PDF) goes when its row goes.

Without this a deleted row — a placement an import removes, with its TR statement — would leave the
scan of a signed statement on disk with nobody able to find, audit or delete it. The file is deleted
only after the transaction commits, so a rolled-back deletion keeps its file.
"""

import os

from django.apps import apps
from django.db import models, transaction
from django.db.models.signals import post_delete


def _file_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def delete_stored_files(sender, instance, **kwargs):
    for field in _file_fields(sender):
        stored = getattr(instance, field.attname)
        if stored and stored.name:
            storage, name = stored.storage, stored.name
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def connect_file_deletion():
    """Connect `delete_stored_files` to every model of the project with a file field."""
    for model in apps.get_models():
        if model.__module__.startswith("rummelig.") and _file_fields(model):
            post_delete.connect(delete_stored_files, sender=model, dispatch_uid=f"delete_files_{model._meta.label}")


def discard(path: str) -> None:
    """Delete a private file (an upload, an export) by its path; one already gone is fine."""
    if path:
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
