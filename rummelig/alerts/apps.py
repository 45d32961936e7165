from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "rummelig.alerts"
    verbose_name = _("Alerts")

    def ready(self):
        """Make the rimelighedskrav and the merbeskæftigelse rule part of every placement's validation."""
        from rummelig.placements.validation import CHECKS

        from .checks import check_merbeskaeftigelse_rule, check_ratio_rule

        CHECKS.extend(check for check in (check_ratio_rule, check_merbeskaeftigelse_rule) if check not in CHECKS)
