from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "rummelig.alerts"
    verbose_name = _("Alerts")

    def ready(self):
        """Make the rimelighedskrav and the merbeskæftigelse rules part of every placement's validation."""
        from rummelig.placements.validation import CHECKS

        from .checks import check_merbeskaeftigelse_rule, check_ratio_rule, check_vacated_post_rule

        ours = (check_ratio_rule, check_merbeskaeftigelse_rule, check_vacated_post_rule)
        CHECKS.extend(check for check in ours if check not in CHECKS)
