"""Search text kept out of URLs: a search that may hold a CPR number is posted, kept in the user's session
under a random token, and the list page is then shown at an ordinary GET address that carries the token.

Why a token and not a plain POST page: the list stays a GET page, so its pagination, sort links, export
link and the browser's back button work as before (no "resubmit the form?" warning), while the typed
text never reaches an address bar, the browser history, a Referer header or the server's access log.
The text lives in the session (server-side, the session cookie is HttpOnly) for SEARCH_LIFETIME and is
gone with the session at logout; a token is worth nothing in another user's session.
"""

import secrets
import time

from django.contrib import messages
from django.utils.translation import gettext as _

SEARCH_PARAM = "s"  # the token in the list's query string
TEXT_PARAM = "q"  # the search field's name in the forms (never in a URL the pages make)
SEARCH_LIFETIME = 60 * 60  # seconds; a search older than this has to be typed again
KEEP = 20  # searches kept per session; the oldest goes first
SESSION_KEY = "rummelig_searches"
MAX_LENGTH = 100
# Form fields that never travel on to the list's address.
NOT_FILTERS = {"csrfmiddlewaretoken", "side", SEARCH_PARAM, TEXT_PARAM}


def _kept(request):
    now = time.time()
    searches = request.session.get(SESSION_KEY, {})
    return {token: entry for token, entry in searches.items() if now - entry["at"] < SEARCH_LIFETIME}


def remember(request, text):
    """Keep text in the session and return the token that finds it again."""
    searches = _kept(request)
    for token, entry in searches.items():  # noqa: B007 - the token found is returned after the loop
        if entry["text"] == text:
            entry["at"] = time.time()
            break
    else:
        token = secrets.token_urlsafe(9)
        searches[token] = {"text": text, "at": time.time()}
    request.session[SESSION_KEY] = dict(sorted(searches.items(), key=lambda item: item[1]["at"])[-KEEP:])
    return token


def recall(request, token):
    """Return the text kept under token in this session, or None if it is unknown or has expired."""
    entry = _kept(request).get(token or "")
    return entry["text"] if entry else None


def list_url(request, path, source):
    """Return the list's GET address for the filters in source (POST or GET): the search text as a token.

    Empty filters and the page number are left out, so a new search starts on page 1.
    """
    params = source.copy()
    text = (params.get(TEXT_PARAM) or "").strip()[:MAX_LENGTH]
    for name in NOT_FILTERS:
        params.pop(name, None)
    for name in list(params):
        if not any(value.strip() for value in params.getlist(name)):
            del params[name]
    if text:
        params[SEARCH_PARAM] = remember(request, text)
    return f"{path}?{params.urlencode()}" if params else path


def needs_redirect(request):
    """True for a posted search and for an address with the search text in it (an old bookmark)."""
    return request.method == "POST" or TEXT_PARAM in request.GET


def search_text(request):
    """Return the search text of the list's token, or "" (with a message if the token has expired)."""
    token = request.GET.get(SEARCH_PARAM)
    if not token:
        return ""
    text = recall(request, token)
    if text is None:
        messages.info(request, _("The search has expired. Type it again."))
        return ""
    return text


def expired(request):
    """True if the address carries a search token this session no longer knows."""
    token = request.GET.get(SEARCH_PARAM)
    return bool(token) and recall(request, token) is None


def filter_data(request):
    """Return the list's filters (request.GET) with the token replaced by the search text it stands for."""
    data = request.GET.copy()
    data.pop(SEARCH_PARAM, None)
    data.pop(TEXT_PARAM, None)
    text = search_text(request)
    if text:
        data[TEXT_PARAM] = text
    return data


def not_stored(request, response):
    """Mark a list page that shows a search's text as not to be kept in caches (the text may be a CPR number)."""
    if request.GET.get(SEARCH_PARAM):
        response["Cache-Control"] = "no-store"
    return response
