"""Danish answers to requests Django refuses before a view runs: a malformed request (400) and one too large (413).

Django's own 400 page is a bare English "Bad Request (400)". A body larger than the settings allow
is refused by its announced size before a byte of it is read (RequestSizeLimitMiddleware), or,
when it did not announce its size, by Django while reading it (RequestDataTooBig, a 400 that we
answer as the 413 it is).
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.urls import Resolver404, resolve


def request_too_large(request, size=None):
    """Answer 413 with the Danish page; the body is not read, so the connection is closed after it."""
    context = {"size": size, "limit": settings.REQUEST_MAX_BYTES}
    response = render(request, "413.html", context, status=413)
    response["Connection"] = "close"
    return response


def bad_request(request, exception=None):
    """handler400: the Danish page, or the 413 page when the request was too large to read."""
    if isinstance(exception, RequestDataTooBig):
        return request_too_large(request)
    return render(request, "400.html", status=400)


class RequestSizeLimitMiddleware:
    """Refuse a request that announces a body larger than REQUEST_MAX_BYTES before anything reads it.

    A view that takes larger files and checks their size itself (the import upload) says so with
    the attribute `accepts_large_uploads`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        if size > settings.REQUEST_MAX_BYTES and not self._accepts_large_uploads(request):
            return request_too_large(request, size)
        return self.get_response(request)

    @staticmethod
    def _accepts_large_uploads(request):
        try:
            view = resolve(request.path_info).func
        except Resolver404:
            return False
        return getattr(view, "accepts_large_uploads", False)
