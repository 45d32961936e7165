"""Where uploaded files wait between the preview and the run, and how they get there.

An upload is streamed to a temporary file by Django (never held in memory), and refused by its
size before that when the request says how large it is. The file is kept only until it has been
imported or the preview is abandoned (IMPORTS_KEEP_PREVIEWS_DAYS, default 2).
"""

import os
import shutil
import tempfile
import uuid
import zipfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.utils import timezone

from rummelig.core.files import discard

from .parsers import MAX_FILE_BYTES

MULTIPART_OVERHEAD = 1024 * 1024  # form fields and boundaries around the file


def upload_limit() -> int:
    return getattr(settings, "IMPORTS_MAX_FILE_BYTES", MAX_FILE_BYTES)


def imports_dir() -> Path:
    directory = Path(getattr(settings, "IMPORTS_DIR", None) or Path(tempfile.gettempdir()) / "rummelig-imports")
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def request_too_large(request) -> int | None:
    """Return the announced size of a request body larger than an import may be, else None."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    return length if length > upload_limit() + MULTIPART_OVERHEAD else None


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """Stream an upload to a temporary file and stop as soon as it passes the size limit.

    Covers uploads that do not announce their size (chunked transfer) or announce it wrongly.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > upload_limit():
            self.request.import_upload_too_large = self.received
            raise StopUpload(connection_reset=True)
        return super().receive_data_chunk(raw_data, start)


def keep(uploaded) -> str:
    """Move or copy an uploaded file into the imports directory; return its path."""
    suffix = Path(uploaded.name or "").suffix.lower()[:10]
    target = imports_dir() / f"{uuid.uuid4().hex}{suffix}"
    temporary = getattr(uploaded, "temporary_file_path", None)
    if temporary is not None:
        uploaded.file.flush()
        shutil.copyfile(temporary(), target)
    else:
        with open(target, "wb") as out:
            for chunk in uploaded.chunks():
                out.write(chunk)
    os.chmod(target, 0o600)
    return str(target)


def keep_bundle(uploads) -> str:
    """Keep several uploaded files as one zip (stored, fixed dates, so the same files give the same hash)."""
    target = imports_dir() / f"{uuid.uuid4().hex}.bundle"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as bundle:
        for upload in uploads:
            info = zipfile.ZipInfo(Path(upload.name or "fil").name, date_time=(1980, 1, 1, 0, 0, 0))
            with bundle.open(info, "w", force_zip64=True) as out:
                for chunk in upload.chunks():
                    out.write(chunk)
    os.chmod(target, 0o600)
    return str(target)




def discard_abandoned_previews() -> None:
    """Delete the files of previews nobody ran within the keep period."""
    from .models import ImportRun

    days = getattr(settings, "IMPORTS_KEEP_PREVIEWS_DAYS", 2)
    old = ImportRun.objects.filter(
        status=ImportRun.Status.PREVIEWED, created_at__lt=timezone.now() - timedelta(days=days)
    ).exclude(stored_file="")
    for run in old:
        discard(run.stored_file)
    old.update(stored_file="")
