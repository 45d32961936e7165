from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The made-up municipality (`seed_demo`, `demo_logins`): the top layer that may import every app."""

    name = "rummelig.demo"
    verbose_name = _("Demo")
