from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "rummelig.onboarding"
    verbose_name = _("Onboarding and follow-up")

    def ready(self):
        """Give each new placement its checklist and add overdue items and missing evaluations to the alerts."""
        from rummelig.alerts.deadlines import register_alerts

        from . import signals  # noqa: F401
        from .alerts import HIDDEN_FROM_REPRESENTATIVES, LABELS, onboarding_alerts, settled_evaluations

        register_alerts(LABELS, onboarding_alerts, hidden_from_representatives=HIDDEN_FROM_REPRESENTATIVES,
                        settled=settled_evaluations)
