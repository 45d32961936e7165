"""The site's URLs: one include per app, the REST API under /api/v1/."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from rummelig.api.site import api
from rummelig.core import views as core_views

urlpatterns = [
    path("", core_views.start, name="start"),
    path("log-ind/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("ansaettelser/", include("rummelig.placements.urls")),
    path("personer/", include("rummelig.people.urls")),
    path("enheder/", include("rummelig.organisation.urls")),
    path("varsler/", include("rummelig.alerts.urls")),
    path("rapporter/", include("rummelig.reports.urls")),
    path("lovgrundlag/", include("rummelig.schemes.urls")),
    path("import/", include("rummelig.imports.urls")),
    path("revisionslog/", include("rummelig.audit.urls")),
    path("api/v1/", api.urls),
]

handler404 = "rummelig.api.site.not_found_page"
handler400 = "rummelig.core.errors.bad_request"
