from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    path("<uuid:pk>/", views.status, name="status"),
    path("<uuid:pk>/fremdrift/", views.progress, name="progress"),
    path("<uuid:pk>/hent/", views.download, name="download"),
]
