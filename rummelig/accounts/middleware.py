"""A deactivated user loses access at the next request, whichever backend logged them in."""

from django.contrib.auth import logout


class DeactivatedUserMiddleware:
    """Log out a session whose user has been deactivated since it logged in.

    Django's own ModelBackend already refuses an inactive user, but a backend for the municipality's
    login (OIDC) may not; this makes the rule the same for every way in. API tokens check it in
    `ApiToken.authenticate`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_active:
            logout(request)
        return self.get_response(request)
