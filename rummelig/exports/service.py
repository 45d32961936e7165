"""Big exports as tasks of the database queue (django-tasks; run by `manage.py db_worker`), not in the request.

The export page only records what the user asked for (an `Export` with the filters) and enqueues
`tasks.make_export`; the user's page polls until the file is made. The worker builds the file as that
user: the same `Access` scope, the same filters, the same formula escaping (core.spreadsheets) and the
same audit entry as the export in the request did. The filters (a search text may be a CPR number) are
emptied once the file is made. The file waits privately (storage.py) for that user alone.

Each kind names the permission its user must still hold, when the file is made and when it is
downloaded, and the function that builds it: build(user, params, path) -> (file name, rows), writing
the file at path and its audit entry.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from rummelig.accounts.access import access_for

from . import storage
from .models import Export

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    permission: str
    build: str  # dotted path, so this app imports no app it serves
    object_type: str  # in the audit log, as the export in the request wrote it
    suffix: str = ".xlsx"
    content_type: str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


KINDS = {
    "placements": Kind("sees_individuals", "rummelig.placements.export.build_export", "placement"),
}


class Refused(Exception):
    """The user may no longer have this file (role taken, filter outside their units): a Danish reason."""


def may_have(user, export) -> bool:
    """Whether the user may still see an export of this kind (checked when it is made and when it is fetched)."""
    return user.is_active and getattr(access_for(user), KINDS[export.kind].permission)


def start(user, kind, params, back_url="") -> Export:
    """Record the export and queue it for the worker (in the request's transaction: both or neither)."""
    from .tasks import make_export

    export = Export.objects.create(
        user=user, kind=kind, params=params, language=translation.get_language() or "", back_url=back_url,
    )  # fmt: skip
    make_export.enqueue(str(export.pk))
    return export


def execute(export_id: str) -> None:
    """Make a queued export's file as its user; mark it failed whatever goes wrong."""
    storage.discard_expired()  # the worker tidies up as it goes; `discard_expired_exports` does it too
    claimed = Export.objects.filter(pk=export_id, status=Export.Status.QUEUED).update(status=Export.Status.RUNNING)
    if not claimed:
        logger.warning("Export %s was not queued any more; nothing to do", export_id)
        return
    export = Export.objects.select_related("user").get(pk=export_id)
    kind = KINDS[export.kind]
    path = storage.new_path(kind.suffix)
    with translation.override(export.language or None):
        try:
            with transaction.atomic():
                if not may_have(export.user, export):
                    raise Refused(_("You may no longer make this export."))
                file_name, rows = import_string(kind.build)(export.user, export.params, path)
                Export.objects.filter(pk=export.pk).update(
                    status=Export.Status.DONE, stored_file=str(path), file_name=file_name, rows=rows, params={},
                    finished_at=timezone.now(),
                )  # fmt: skip
        except Exception as exc:
            storage.discard(str(path))
            if not isinstance(exc, Refused):
                logger.exception("Export %s failed", export_id)
            reason = _("The export stopped because of an error.")
            if isinstance(exc, Refused):
                reason = str(exc) or _("The list's filters no longer fit what you may see. Export again from the list.")
            Export.objects.filter(pk=export.pk).update(
                status=Export.Status.FAILED, error=reason, params={}, finished_at=timezone.now(),
            )  # fmt: skip
