from django.urls import path

from . import views

app_name = "audit"

# Read-only on purpose: the audit log has no page that changes or deletes an entry.
urlpatterns = [
    path("", views.audit_list, name="list"),
]
