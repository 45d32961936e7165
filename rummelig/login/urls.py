from django.urls import path

from . import views

app_name = "login"

urlpatterns = [
    path("kommunens-login/", views.municipality_login, name="oidc_start"),
    path("kommunens-login/retur/", views.municipality_return, name="oidc_callback"),
    path("login-grupper/", views.group_list, name="groups"),
    path("login-grupper/<int:pk>/slet/", views.group_delete, name="group_delete"),
]
