from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("ny/<int:person_pk>/", views.case_create, name="create"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/fravaer/", views.absence_add, name="absence_add"),
    path("<int:pk>/fravaer/<int:absence_pk>/", views.absence_edit, name="absence_edit"),
    path("<int:pk>/skridt/", views.step_add, name="step_add"),
    path("<int:pk>/afslut/", views.case_close, name="close"),
    path("fristregler/", views.rules, name="rules"),
    path("fristregler/ny/", views.rule_edit, name="rule_create"),
    path("fristregler/<int:pk>/", views.rule_edit, name="rule_edit"),
]
