from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "rummelig.policy"
    verbose_name = _("Personnel and working-environment policy")
