from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("", views.unit_list, name="list"),
    path("ny/", views.unit_create, name="create"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/rediger/", views.unit_edit, name="edit"),
]
