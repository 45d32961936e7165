"""Where a made export waits for its user: a private directory (not MEDIA_ROOT, not static files, never
served by the web server), files readable by Rummelig's own user only, shared by the web server and the
worker like IMPORTS_DIR. A file is deleted when downloaded, or after EXPORTS_KEEP_HOURS (default 24).
"""

import os
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from rummelig.core.files import discard


def exports_dir() -> Path:
    directory = Path(getattr(settings, "EXPORTS_DIR", None) or Path(tempfile.gettempdir()) / "rummelig-exports")
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def new_path(suffix: str) -> Path:
    """Return a new private file's path (created empty, mode 0600)."""
    path = exports_dir() / f"{uuid.uuid4().hex}{suffix}"
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return path




def cutoff():
    """Exports asked for before this moment have expired."""
    return timezone.now() - timedelta(hours=getattr(settings, "EXPORTS_KEEP_HOURS", 24))


def discard_expired() -> int:
    """Delete the expired exports and their files; return how many."""
    from .models import Export

    expired = Export.objects.filter(created_at__lt=cutoff())
    for path in expired.exclude(stored_file="").values_list("stored_file", flat=True):
        discard(path)
    return expired.delete()[0]
