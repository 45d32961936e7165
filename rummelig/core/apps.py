from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "rummelig.core"
    verbose_name = _("Core")

    def ready(self):
        from .files import connect_file_deletion

        connect_file_deletion()
