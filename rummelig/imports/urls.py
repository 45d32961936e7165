from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.run_list, name="list"),
    path("ny/", views.upload, name="upload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/koer/", views.run, name="run"),
    path("<int:pk>/fremdrift/", views.progress, name="progress"),
    path("skabelon.xlsx", views.template, name="template"),
    path("loenkoder/", views.codes, name="codes"),
]
