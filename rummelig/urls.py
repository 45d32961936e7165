"""The site's URLs: one include per app, the REST API under /api/v1/."""

from django.urls import include, path
from django.views.i18n import set_language

from rummelig.accounts import views as accounts_views
from rummelig.accounts.access import PUBLIC, declare
from rummelig.api.site import api
from rummelig.core import views as core_views
from rummelig.core.health import health
from rummelig.login import views as login_views

urlpatterns = [
    path("", core_views.start, name="start"),
    path("log-ind/", login_views.login_page, name="login"),
    path("log-ud/", login_views.logout, name="logout"),
    path("health/", health, name="health"),  # for the proxy and the monitor: the database and the queue answer
    path("", include("rummelig.login.urls")),  # the municipality's login and the login groups' roles
    path("i18n/setlang/", declare(PUBLIC, set_language), name="set_language"),  # django.conf.urls.i18n's one URL
    path("ansaettelser/", include("rummelig.placements.urls")),
    path("personer/", include("rummelig.people.urls")),
    path("enheder/", include("rummelig.organisation.urls")),
    path("varsler/", include("rummelig.alerts.urls")),
    path("rapporter/", include("rummelig.reports.urls")),
    path("introduktion/", include("rummelig.onboarding.urls")),
    path("lovgrundlag/", include("rummelig.schemes.urls")),
    path("import/", include("rummelig.imports.urls")),
    path("eksport/", include("rummelig.exports.urls")),
    path("fastholdelse/", include("rummelig.retention.urls")),
    path("med-udvalg/", include("rummelig.med.urls")),
    path("revisionslog/", include("rummelig.audit.urls")),
    path("indkoeb/", include("rummelig.procurement.urls")),
    path("brugere/", include("rummelig.accounts.urls")),
    path("mine-oplysninger/", accounts_views.own_records, name="own_records"),
    path("personalepolitik/", include("rummelig.policy.urls")),
    path("api/v1/", api.urls),
]

handler404 = "rummelig.api.site.not_found_page"
handler400 = "rummelig.core.errors.bad_request"
