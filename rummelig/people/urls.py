from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/rediger/", views.person_edit, name="edit"),
    path("<int:pk>/cpr/", views.reveal_cpr, name="reveal_cpr"),
    path("<int:pk>/cpr-afklaring/", views.resolve_cpr, name="resolve_cpr"),
]
