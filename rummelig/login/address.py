"""The address a request came from, as the lockout and the audit of logins record it.

Behind a proxy REMOTE_ADDR is the proxy's own address. With TRUSTED_PROXY_COUNT=n (the number of
proxies in front of Rummelig that append to X-Forwarded-For), the client is the n-th address from
the right of that header: the one the outermost trusted proxy saw. Addresses further left were
written by the client and are not believed. Without the setting, REMOTE_ADDR is used.
"""

from django.conf import settings


def client_address(request):
    """Return the client's address as a string ("" when the request has none)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote  # the request did not come through every proxy: take what reached us
    return forwarded[-count]
