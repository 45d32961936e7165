"""Small helpers the views of every app share, in the spirit of django.shortcuts."""


def query_string(request, **changes):
    """Return the request's query string with some parameters changed, or removed when given None.

    ``query_string(request, side=None)`` is the list's filters and sort without its page number.
    """
    params = request.GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value is not None:
            params[key] = value
    return params.urlencode()
