"""Danish unless the user chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language, so a caseworker with an English
browser would get English pages. Municipal staff expect Danish; English is offered through the
language switcher, which sets the language cookie.
"""

from django.conf import settings
from django.utils import translation


class LanguageFromCookieMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
