"""The REST API (django-ninja) under /api/v1/: token or session authentication, same permissions as the pages.

Each app adds its router in its own `api.py`; this module only assembles them.
"""

from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from rummelig.accounts.models import ApiToken


class BearerToken(HttpBearer):
    """Authorization: Bearer TOKEN, with tokens made by `manage.py create_api_token`."""

    def authenticate(self, request, token):
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Rummelig API",
    version="1",
    description="Ansatte på særlige vilkår: enheder, ordninger, personer og ansættelser.",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)
