from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API's plumbing; an app only so that its Danish messages have their own catalogue."""

    name = "rummelig.api"
    label = "api"
