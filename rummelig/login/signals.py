"""Every login, refused login and logout is written to the audit log with the address it came from.

The log keeps who and how (password or the municipality's login), never the password; a user name
typed at a refused login is masked by the log if it is shaped like a CPR number. Logins and logouts
are written by the login views (not on Django's `user_logged_in`, which a test's `force_login` sends
too); refused logins on `user_login_failed`, which `authenticate` sends.
"""

from django.contrib.auth import signals
from django.dispatch import receiver

from rummelig.audit import log
from rummelig.audit.models import AuditEntry

from .address import client_address

MUNICIPALITY_BACKEND = "rummelig.login.backends.MunicipalityLoginBackend"
BY_PASSWORD = "adgangskode"
BY_PROVIDER = "kommunens login"


def audit_login(request, user, how):
    log.record(user, AuditEntry.Action.LOGIN, user, object_type="user", detail=f"med {how} fra {client_address(request)}")


def audit_logout(request, user):
    log.record(user, AuditEntry.Action.LOGOUT, user, object_type="user", detail=f"fra {client_address(request)}")


@receiver(signals.user_login_failed, dispatch_uid="audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    typed = str(credentials.get("username") or "")[:150]
    how = BY_PASSWORD if "username" in credentials else BY_PROVIDER
    log.record(None, AuditEntry.Action.LOGIN_FAILED, object_type="user", object_repr=typed,
               detail=f"med {how} fra {client_address(request) if request else '-'}")
