from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rummelig.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .linking import link_at_login

        user_logged_in.connect(link_at_login, dispatch_uid="rummelig.accounts.link_at_login")
