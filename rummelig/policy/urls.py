from django.urls import path

from . import views

app_name = "policy"

urlpatterns = [
    path("", views.guideline_list, name="guidelines"),
    path("retningslinjer/ny/", views.guideline_create, name="guideline_create"),
    path("retningslinjer/<int:pk>/", views.guideline_detail, name="guideline"),
    path("retningslinjer/<int:pk>/ny-version/", views.version_create, name="version_create"),
    path("retningslinjer/<int:pk>/version/<int:version>/", views.guideline_detail, name="guideline_version"),
    path("retningslinjer/<int:pk>/version/<int:version>/pdf/", views.guideline_pdf, name="guideline_pdf"),
    path("retningslinjer/<int:pk>/version/<int:version>/godkend/", views.version_approve, name="version_approve"),
    path("min-side/", views.my_page, name="my_page"),
    path("min-side/bekymring/", views.concern_report, name="concern_report"),
    path("min-side/tilbud/<int:pk>/tilmeld/", views.offer_signup, name="offer_signup"),
    path("bekymringer/", views.concern_list, name="concerns"),
    path("bekymringer/tal/", views.concern_counts, name="concern_counts"),
    path("bekymringer/<int:pk>/", views.concern_detail, name="concern"),
    path("kompus/", views.kompus_overview, name="kompus"),
    path("kompus/mangler/", views.kompus_missing, name="kompus_missing"),
    path("kompus/person/<int:person_pk>/", views.kompus_record, name="kompus_record"),
    path("kompus/indstilling/", views.kompus_setting, name="kompus_setting"),
    path("sundhed/", views.offer_usage, name="offers"),
    path("sundhed/nyt/", views.offer_edit, name="offer_create"),
    path("sundhed/<int:pk>/", views.offer_edit, name="offer_edit"),
]
