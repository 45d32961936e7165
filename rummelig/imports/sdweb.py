"""Fetch SD Løn's answers from SD's web service, for `manage.py sync_sd`.

SD's web service answers plain HTTPS GET requests: the operation's name in the path
(`https://service.sd.dk/sdws/GetEmployment20111201`), the municipality's institution identifier
and the request's fields as query parameters (dates as dd.mm.yyyy, flags as true/false), and the
municipality's SD user name and password by HTTP basic authentication. That is how OS2mo's SD
integration calls it (os2mo-data-import-and-export, integrations/SD_Lon/sdlon/sd_common.py
`sd_lookup`, sdclient/client.py; MPL-2.0). An error comes back as a SOAP envelope with a
`<faultstring>` instead of the answer.

The answers are kept as bytes and read by the same parser as uploaded files
(`parsers.sd.iter_sd_files`), so a synchronisation imports exactly like files.
"""

import base64
import hashlib
import io
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ImportRun, SourceKind
from .parsers import MAX_FILE_BYTES, ImportProblem
from .service import Outcome, _refuse, _start, _user, import_staged, no_cyclic_gc
from .sources import read_files

DEFAULT_BASE_URL = "https://service.sd.dk/sdws/"
DEFAULT_TIMEOUT = 120  # seconds; OS2mo's sdclient waits 120 s too
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
OPEN_END = "31.12.9999"
EMPLOYMENT_INDICATORS = {
    "DepartmentIndicator": "true",
    "EmploymentStatusIndicator": "true",
    "ProfessionIndicator": "true",
    "WorkingTimeIndicator": "true",
    "UUIDIndicator": "true",
    "SalaryAgreementIndicator": "false",
    "SalaryCodeGroupIndicator": "false",
}


class SdError(Exception):
    """SD could not be asked or did not answer; the message is Danish and says what to do."""


@dataclass(frozen=True)
class SdSettings:
    base_url: str
    institution: str
    user: str
    password: str = ""
    timeout: float = DEFAULT_TIMEOUT

    def __repr__(self):  # never show the password
        return f"SdSettings(base_url={self.base_url!r}, institution={self.institution!r}, user={self.user!r})"


def settings_from_environment(environ=None) -> SdSettings:
    """Read SD_BASE_URL, SD_INSTITUTION_IDENTIFIER, SD_USER, SD_PASSWORD (or SD_PASSWORD_FILE), SD_TIMEOUT."""
    environ = os.environ if environ is None else environ
    password = environ.get("SD_PASSWORD", "")
    if not password and environ.get("SD_PASSWORD_FILE"):
        try:
            with open(environ["SD_PASSWORD_FILE"], encoding="utf-8") as stream:
                password = stream.read().strip()
        except OSError as exc:
            raise SdError(
                _("The file in SD_PASSWORD_FILE (%(file)s) cannot be read: %(error)s")
                % {"file": environ["SD_PASSWORD_FILE"], "error": exc.strerror}
            ) from None
    settings = {
        "SD_INSTITUTION_IDENTIFIER": environ.get("SD_INSTITUTION_IDENTIFIER", "").strip(),
        "SD_USER": environ.get("SD_USER", "").strip(),
        "SD_PASSWORD": password,
    }
    missing = [name for name, value in settings.items() if not value]
    if missing:
        raise SdError(
            _(
                "SD Løn cannot be asked: the environment variables %(names)s are not set. Set the "
                "municipality's institution identifier (SD_INSTITUTION_IDENTIFIER), SD user name (SD_USER) "
                "and password (SD_PASSWORD or SD_PASSWORD_FILE)."
            )
            % {"names": ", ".join(missing)}
        )
    base_url = environ.get("SD_BASE_URL", "").strip() or DEFAULT_BASE_URL
    if not base_url.endswith("/"):
        base_url += "/"
    parts = urllib.parse.urlsplit(base_url)
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in LOCAL_HOSTS):
        raise SdError(
            _("SD_BASE_URL must be an https:// address (the password is sent with every request): %(url)s")
            % {"url": base_url}
        )
    try:
        timeout = float(environ.get("SD_TIMEOUT", "") or DEFAULT_TIMEOUT)
    except ValueError:
        raise SdError(_("SD_TIMEOUT must be a number of seconds.")) from None
    return SdSettings(base_url, settings["SD_INSTITUTION_IDENTIFIER"], settings["SD_USER"], password, timeout)


def sd_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


class SdClient:
    """Asks SD's web service; `get` returns the answer's bytes or raises SdError."""

    def __init__(self, settings: SdSettings):
        self.settings = settings
        credentials = f"{settings.user}:{settings.password}".encode()
        self._authorization = "Basic " + base64.b64encode(credentials).decode("ascii")

    def get(self, operation: str, params: dict[str, str]) -> bytes:
        query = urllib.parse.urlencode({"InstitutionIdentifier": self.settings.institution, **params})
        url = f"{self.settings.base_url}{operation}?{query}"
        request = urllib.request.Request(url, headers={"Authorization": self._authorization, "Accept": "text/xml"})
        try:
            with urllib.request.urlopen(request, timeout=self.settings.timeout) as response:  # noqa: S310 (https checked)
                body = response.read(MAX_FILE_BYTES + 1)
            if len(body) > MAX_FILE_BYTES:
                raise SdError(
                    _("SD Løn's answer to %(operation)s is larger than %(size)s MB and cannot be imported.")
                    % {"operation": operation, "size": MAX_FILE_BYTES // (1024 * 1024)}
                )
        except urllib.error.HTTPError as exc:
            body = exc.read() if exc.fp is not None else b""
            if exc.code in (401, 403):
                raise SdError(
                    _(
                        "SD Løn refused the user name or password (HTTP %(status)s) for %(operation)s. Check "
                        "SD_USER and SD_PASSWORD, and that the SD user may read institution %(institution)s."
                    )
                    % {"status": exc.code, "operation": operation, "institution": self.settings.institution}
                ) from None
            raise SdError(self._failure(operation, body) or _(
                "SD Løn answered %(operation)s with HTTP status %(status)s."
            ) % {"operation": operation, "status": exc.code}) from None
        except (TimeoutError, socket.timeout):
            raise SdError(
                _("SD Løn did not answer %(operation)s within %(seconds)s seconds. Try again later, or raise SD_TIMEOUT.")
                % {"operation": operation, "seconds": f"{self.settings.timeout:g}"}
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise SdError(
                    _("SD Løn did not answer %(operation)s within %(seconds)s seconds. Try again later, or raise SD_TIMEOUT.")
                    % {"operation": operation, "seconds": f"{self.settings.timeout:g}"}
                ) from None
            raise SdError(
                _("SD Løn's web service at %(url)s cannot be reached: %(reason)s")
                % {"url": self.settings.base_url, "reason": reason}
            ) from None
        failure = self._failure(operation, body)
        if failure:
            raise SdError(failure)
        return body

    @staticmethod
    def _failure(operation: str, body: bytes) -> str:
        """Return SD's error message in Danish if the body is not the operation's answer, else ""."""
        head = body[:4096].decode("utf-8", "replace")
        root = re.search(r"<(?![?!])(?:[\w.-]+:)?([\w.-]+)", head)
        if root and root.group(1) == operation:
            return ""
        fault = re.search(r"<(?:[\w.-]+:)?faultstring[^>]*>(.*?)</", body.decode("utf-8", "replace"), re.S)
        if fault:
            return _("SD Løn answered %(operation)s with an error: %(message)s") % {
                "operation": operation, "message": fault.group(1).strip()[:500],
            }  # fmt: skip
        if not body.strip():
            return _("SD Løn sent an empty answer to %(operation)s.") % {"operation": operation}
        return _("SD Løn's answer to %(operation)s is not the expected XML (it begins: %(start)s).") % {
            "operation": operation, "start": head.strip()[:80],
        }  # fmt: skip


@dataclass(frozen=True)
class Answer:
    operation: str
    body: bytes

    @property
    def file_name(self) -> str:
        return f"{self.operation}.xml"


def fetch_answers(client: SdClient, day: date, since: datetime | None, now: datetime) -> list[Answer]:
    """Ask SD for the organisation, departments, persons and employments on `day`.

    Besides the snapshot on `day`: GetEmploymentChanged20111201 from `day` on (changes SD already
    knows for later days, such as an end date registered in advance), and, when `since` is given,
    GetEmploymentChangedAtDate20111201 for what was registered in SD from `since` to `now` (changes
    made after the fact). The parser joins the answers by employment id.
    """
    on_day = sd_date(day)
    requests = [
        ("GetOrganization20111201", {"ActivationDate": on_day, "DeactivationDate": on_day, "UUIDIndicator": "true"}),
        ("GetDepartment20111201", {
            "ActivationDate": on_day, "DeactivationDate": on_day, "DepartmentNameIndicator": "true",
            "ProductionUnitIndicator": "true", "UUIDIndicator": "true", "ContactInformationIndicator": "false",
            "PostalAddressIndicator": "false", "EmploymentDepartmentIndicator": "false",
        }),
        ("GetPerson20111201", {
            "EffectiveDate": on_day, "StatusActiveIndicator": "true", "StatusPassiveIndicator": "true",
            "ContactInformationIndicator": "false", "PostalAddressIndicator": "false",
        }),
        ("GetEmployment20111201", {
            "EffectiveDate": on_day, "StatusActiveIndicator": "true", "StatusPassiveIndicator": "true",
            **EMPLOYMENT_INDICATORS,
        }),
        ("GetEmploymentChanged20111201", {
            "ActivationDate": on_day, "DeactivationDate": OPEN_END, "StatusActiveIndicator": "true",
            "StatusPassiveIndicator": "true", "FutureInformationIndicator": "true", **EMPLOYMENT_INDICATORS,
        }),
    ]  # fmt: skip
    if since is not None:
        requests.append(("GetEmploymentChangedAtDate20111201", {
            "ActivationDate": sd_date(since), "ActivationTime": since.strftime("%H:%M"),
            "DeactivationDate": sd_date(now), "DeactivationTime": now.strftime("%H:%M"),
            "StatusActiveIndicator": "true", "StatusPassiveIndicator": "true", "FutureInformationIndicator": "true",
            **EMPLOYMENT_INDICATORS,
        }))  # fmt: skip
    return [Answer(operation, client.get(operation, params)) for operation, params in requests]


SYNC_PREFIX = "SD Løn webservice"


def last_sync(institution: str):
    """Return the start of the last synchronisation with SD that was imported for real, or None.

    The ImportRun of each sync is the stored record: its `started_at` is the moment SD was asked,
    so the next run asks for what was registered in SD since then.
    """
    run = (
        ImportRun.objects.filter(
            source=SourceKind.SD, file_name__startswith=f"{SYNC_PREFIX} {institution} ",
            status=ImportRun.Status.DONE, dry_run=False, started_at__isnull=False,
        )
        .order_by("-started_at", "-pk")
        .first()
    )  # fmt: skip
    return run.started_at if run is not None else None


def sync(client: SdClient, *, day: date | None = None, dry_run: bool = False, user=None):
    """Ask SD for its answers and import them like files; return the service's Outcome.

    Without `day`: today, plus what was registered since the last sync. Every call leaves one
    ImportRun; when SD cannot be asked, the run is refused with SD's message and nothing is written.
    """
    now = timezone.localtime()
    since = None
    if day is None:
        day = now.date()
        previous = last_sync(client.settings.institution)
        since = timezone.localtime(previous) if previous is not None else None
    name = f"{SYNC_PREFIX} {client.settings.institution} {day:%d.%m.%Y}"
    if since is not None:
        name += " " + _("(changes since %(when)s)") % {"when": f"{since:%d.%m.%Y %H:%M}"}
    run = ImportRun(user=_user(user), source=SourceKind.SD, file_name=name[:255], dry_run=dry_run)
    _start(run)
    try:
        answers = fetch_answers(client, day, since, now)
    except SdError as exc:
        return Outcome(_refuse(run, [ImportProblem(name, "", str(exc))]))
    digest = hashlib.sha256()
    for answer in answers:
        digest.update(answer.body)
    run.size, run.sha256 = sum(len(answer.body) for answer in answers), digest.hexdigest()
    files: list[tuple[object, str]] = [(io.BytesIO(answer.body), answer.file_name) for answer in answers]
    with no_cyclic_gc():
        staged = read_files(SourceKind.SD, files, as_of=day)
        staged.file = name
        return import_staged(staged, user=user, dry_run=dry_run, run=run)
