"""E-mail each leder, once a year, the employees of their units still missing this year's KOMPUS dialogue.

Run daily from cron beside send_reminders; nothing is sent before the month HR has set
(KompusSetting.reminder_month), and each leder gets the e-mail once a year (KompusReminder):

    20 6 * * *  cd /srv/rummelig && .venv/bin/python manage.py send_kompus_reminders
"""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rummelig.accounts.models import Role, RoleAssignment
from rummelig.organisation.models import Unit
from rummelig.people.models import Person
from rummelig.policy import kompus
from rummelig.policy.models import KompusReminder


class Command(BaseCommand):
    help = "E-mail each leder, once a year from HR's month, the employees missing this year's competence dialogue (KOMPUS)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Show what would be sent; send and record nothing.")
        parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--base-url", default=getattr(settings, "SITE_URL", "http://127.0.0.1:8000"),
                            help="The address of Rummelig, for the link in the e-mails.")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today must be a date as YYYY-MM-DD, not {options['today']!r}.") from None
        if not kompus.alerting(today):
            self.stdout.write("Before the KOMPUS alert month: nothing to send.")
            return
        url = options["base_url"].rstrip("/") + reverse("policy:kompus_missing")
        already = set(KompusReminder.objects.filter(year=today.year).values_list("user_id", flat=True))
        paths = {}
        for a in RoleAssignment.current(today).filter(role=Role.LEDER, user__is_active=True, unit__isnull=False).select_related("user", "unit"):
            if a.user_id not in already:
                paths.setdefault(a.user, []).append(a.unit.path)
        sent = 0
        with translation.override(settings.LANGUAGE_CODE):
            for user in sorted(paths, key=lambda u: u.username):
                units = [u for u in Unit.objects.filter(path__in=paths[user])]
                missing = kompus.missing(units, today.year, today)
                if not missing:
                    continue
                if not user.email:
                    self.stderr.write(f"{user.username} has employees missing KOMPUS but no e-mail address; nothing sent.")
                    continue
                people = list(Person.objects.filter(pk__in=list(missing)).order_by("last_name", "first_name"))
                if options["dry_run"]:
                    self.stdout.write(f"Would e-mail {user.email} ({user.username}): {len(people)} employee(s) missing KOMPUS")
                    continue
                body = render_to_string("policy/email/kompus_missing.txt", {"user": user, "people": people, "url": url})
                with transaction.atomic():
                    KompusReminder.objects.create(user=user, year=today.year)
                    send_mail(_("Rummelig: employees missing this year's KOMPUS"), body, settings.DEFAULT_FROM_EMAIL, [user.email])
                sent += 1
        self.stdout.write(f"Sent {sent} e-mail(s).")
