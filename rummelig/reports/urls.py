from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("aarsrapport/", views.annual, name="annual"),
    path("aarsrapport/eksport/<str:fmt>/", views.annual_export, name="annual_export"),
    path("offentliggoerelser/", views.publication_list, name="publications"),
    path("offentliggoerelser/<int:pk>/eksport/<str:fmt>/", views.publication_export, name="publication_export"),
    path("maaltal/", views.targets, name="targets"),
    path("maaltal/nyt/", views.target_create, name="target_create"),
    path("maaltal/<int:pk>/rediger/", views.target_edit, name="target_edit"),
    path("maaltal/<int:pk>/slet/", views.target_delete, name="target_delete"),
    path("maaltal/<int:pk>/historik/", views.target_history, name="target_history"),
    path("oekonomi/", views.economy, name="economy"),
    path("oekonomi/pulje/ny/", views.pool_create, name="pool_create"),
    path("oekonomi/pulje/<int:pk>/rediger/", views.pool_edit, name="pool_edit"),
    path("oekonomi/loft/nyt/", views.cap_create, name="cap_create"),
    path("oekonomi/ansaettelser/", views.economy_placements, name="economy_placements"),
    path("oekonomi/ansaettelser/<int:pk>/<int:year>/", views.economy_edit, name="economy_edit"),
]
