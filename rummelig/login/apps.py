from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoginConfig(AppConfig):
    name = "rummelig.login"
    label = "login"
    verbose_name = _("Logging in")

    def ready(self):
        from . import signals  # noqa: F401  (connects the audit of logins)
