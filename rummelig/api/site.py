"""The REST API (django-ninja) under /api/v1/: token or session authentication, same permissions as the pages.

Each app adds its router in its own `api.py`; this module only assembles them and answers errors
the same way everywhere: 401/403/404 as {"detail": "…"}, invalid input as 422
{"detail": [{"field": …, "message": …}]} with Danish messages.
"""

from django.http import Http404, JsonResponse
from django.views.defaults import page_not_found
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, django_auth

from rummelig.accounts.models import ApiToken
from rummelig.api.helpers import NOT_FOUND_MESSAGE, NOT_JSON, NOT_LOGGED_IN, FieldErrors, path_errors_only, pydantic_error_detail
from rummelig.med.api import router as med_router
from rummelig.onboarding.api import router as onboarding_router
from rummelig.organisation.api import router as units_router
from rummelig.people.api import router as people_router
from rummelig.placements.api import router as placements_router
from rummelig.procurement.api import router as procurement_router
from rummelig.retention.api import router as retention_router
from rummelig.schemes.api import router as schemes_router


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
    description=(
        "Ansatte på særlige vilkår: enheder, ordninger, personer og ansættelser.\n\n"
        "Log ind med `Authorization: Bearer TOKEN` (lav et token med `python manage.py create_api_token BRUGER`) "
        "eller med en browsersession (skrivende kald kræver da CSRF-token i headeren `X-CSRFToken`).\n\n"
        "Du ser det samme som på siderne: poster uden for dine enheder findes ikke (404); en rolle, der aldrig "
        "må ændre (TR, MED, revisor), får 403. MED-medlemmer og brugere uden rolle får 404 på personer og "
        "ansættelser; MED-medlemmer ser udvalgets enheder. Ordninger kan læses af alle med login. Kun HR opretter "
        "enheder og personer alene; en leder opretter personen sammen med ansættelsen (`new_person`).\n\n"
        "Lister er sideinddelte med `limit` (højst 500) og `offset` og svarer `{count, items}`. CPR-numre vises kun "
        "maskeret (`ddmmåå-xxxx`). Tillidsrepræsentanter får `target_group` og `special_considerations` som null "
        "(`health_fields_hidden` er true). Hver læsning af en person eller ansættelse og hver liste over personer "
        "eller ansættelser skrives i revisionsloggen. Ugyldige data giver 422 med "
        "`{\"detail\": [{\"field\": …, \"message\": …}]}` på dansk; ukendte felter og null i felter, der ikke kan være "
        "tomme, afvises også. PATCH tager de samme felter med de samme grænser som PUT, alle valgfrie. Et indhold, "
        "der ikke er JSON, giver 400; en adresse, der ikke findes (også et id, der ikke er et id), giver 404 som JSON.\n\n"
        "Indkøb (`/procurement/…`): udbud, overvejelsen af hver klausul, offentliggørelse, klausulbiblioteket og opfølgningen "
        "på leverandører. Indkøb skriver; HR og revisor læser (skrivning giver 403); andre roller får 404."
    ),
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)


@api.exception_handler(FieldErrors)
def field_errors(request, exc):
    return api.create_response(request, {"detail": exc.as_detail()}, status=422)


@api.exception_handler(ValidationError)
def request_errors(request, exc):
    if path_errors_only(exc.errors):
        return not_found(request, exc)
    return api.create_response(request, {"detail": pydantic_error_detail(exc.errors)}, status=422)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(NOT_FOUND_MESSAGE)}, status=404)


@api.exception_handler(AuthenticationError)
def not_logged_in(request, exc):
    return api.create_response(request, {"detail": str(NOT_LOGGED_IN)}, status=401)


@api.exception_handler(HttpError)
def http_error(request, exc):
    """Our own HttpErrors carry Danish messages; ninja's only 400 is a body it cannot parse."""
    message = NOT_JSON if exc.status_code == 400 else exc.message
    return api.create_response(request, {"detail": str(message)}, status=exc.status_code)


def not_found_page(request, exception=None):
    """Django's 404 (the site's handler404): JSON under /api/, as the API's schema promises, else the Danish page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NOT_FOUND_MESSAGE)}, status=404)
    return page_not_found(request, exception)


api.add_router("/units", units_router)
api.add_router("/schemes", schemes_router)
api.add_router("/people", people_router)
api.add_router("/placements", placements_router)
api.add_router("/med", med_router)
api.add_router("/retention-cases", retention_router)
api.add_router("/procurement", procurement_router)
api.add_router("/onboarding", onboarding_router)
