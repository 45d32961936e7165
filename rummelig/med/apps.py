from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MedConfig(AppConfig):
    name = "rummelig.med"
    verbose_name = _("MED committees")
