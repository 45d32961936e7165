from django.urls import path

from . import views

app_name = "procurement"

urlpatterns = [
    path("", views.tender_list, name="list"),
    path("ny/", views.tender_create, name="create"),
    path("udbud.xlsx", views.export, name="export"),
    path("opfoelgning/", views.follow_up, name="follow_up"),
    path("<int:pk>/", views.tender_detail, name="detail"),
    path("<int:pk>/ret/", views.tender_edit, name="edit"),
    path("<int:pk>/klausul/<str:kind>/", views.clause_decision, name="decision"),
    path("<int:pk>/offentliggoer/", views.tender_publish, name="publish"),
    path("<int:pk>/status/", views.tender_advance, name="advance"),
    path("<int:pk>/underleverandoer/", views.subcontractor_add, name="subcontractor_add"),
    path("<int:pk>/dokumentation/", views.request_add, name="request_add"),
    path("<int:pk>/sanktion/", views.sanction_add, name="sanction_add"),
    path("dokumentation/<int:pk>/", views.request_result, name="request_result"),
    path("klausuler/", views.clause_list, name="clauses"),
    path("klausuler/ny/", views.clause_create, name="clause_create"),
    path("klausuler/<int:pk>/", views.clause_detail, name="clause"),
    path("taerskler/", views.threshold_list, name="thresholds"),
    path("taerskler/ny/", views.threshold_edit, name="threshold_create"),
    path("taerskler/<int:pk>/", views.threshold_edit, name="threshold_edit"),
]
