from django.urls import path

from . import views

app_name = "schemes"

urlpatterns = [
    path("", views.law, name="law"),
]
