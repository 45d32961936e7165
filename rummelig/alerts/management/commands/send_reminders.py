"""E-mail each responsible person the alerts they have not been sent yet. Run daily from cron:

    15 6 * * *  cd /srv/rummelig && .venv/bin/python manage.py send_reminders

Leaders (or HR, for a workplace without a leder) get the deadlines of their placements; employee
representatives get the statements they are asked to give; other apps add theirs through
`alerts.reminder_sources` (procurement officers get documentation requests past their deadline). Every alert (user, placement, kind,
due date) is sent once: a second run the same day, or any later day, sends nothing new.
"""

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from rummelig.alerts.deadlines import DAYS_OVERDUE, STATEMENT_MISSING, alerts_for
from rummelig.alerts.models import AlertHandling, SentReminder
from rummelig.alerts.recipients import Recipients
from rummelig.alerts.reminder_sources import sources
from rummelig.placements.models import Placement

DEFAULT_DAYS = 30


class Command(BaseCommand):
    help = "E-mail each responsible person their placement alerts (deadlines and statements) that have not been sent before."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Show what would be sent; send and record nothing.")
        parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help=f"Days ahead to remind of (default {DEFAULT_DAYS}).")
        parser.add_argument(
            "--base-url", default=getattr(settings, "SITE_URL", "http://127.0.0.1:8000"),
            help="The address of Rummelig, for the links in the e-mails.",
        )

    def handle(self, *args, **options):
        today = self._today(options["today"])
        if options["days"] < 0:
            raise CommandError("--days must be 0 or more.")
        base_url = options["base_url"].rstrip("/")
        with translation.override(settings.LANGUAGE_CODE):
            alerts = alerts_for(Placement.objects.all(), today, days_ahead=options["days"], days_overdue=DAYS_OVERDUE)
            per_user, unreachable = self._per_user(alerts, today)
            sent_emails = sent_alerts = 0
            for user, user_alerts in per_user:
                if options["dry_run"]:
                    self.stdout.write(f"Would e-mail {user.email} ({user.username}): {len(user_alerts)} alert(s)")
                    for alert in user_alerts:
                        self.stdout.write(f"  {alert.due.isoformat()} {alert.kind} placement {alert.placement.pk} ({alert.placement.workplace.name})")
                    continue
                self._send(user, user_alerts, today, base_url)
                sent_emails += 1
                sent_alerts += len(user_alerts)
            for source in sources():  # other apps' reminders (reminder_sources), e.g. procurement's overdue documentation
                source(today, dry_run=options["dry_run"], base_url=base_url, write=self.stdout.write)
        for username in sorted(unreachable):
            self.stderr.write(f"{username} has alerts but no e-mail address or is inactive; nothing sent.")
        if options["dry_run"]:
            self.stdout.write(f"Dry run: {len(per_user)} e-mail(s) would be sent; nothing was sent or recorded.")
        else:
            self.stdout.write(f"Sent {sent_emails} e-mail(s) with {sent_alerts} alert(s).")

    @staticmethod
    def _today(value):
        if not value:
            return timezone.localdate()
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--today must be a date as YYYY-MM-DD, not {value!r}.") from None

    @staticmethod
    def _per_user(alerts, today):
        """Return ([(user, [alerts not sent before])], usernames that cannot be reached)."""
        recipients = Recipients()
        sent = set(
            SentReminder.objects.filter(due__gte=min((a.due for a in alerts), default=today), due__lte=max((a.due for a in alerts), default=today))
            .values_list("user_id", "placement_id", "kind", "due")
        )
        # An alert a user has marked handled, or postponed beyond today, is not e-mailed to that user.
        quiet = {
            (h.user_id, h.placement_id, h.kind, h.due)
            for h in AlertHandling.objects.filter(due__gte=min((a.due for a in alerts), default=today))
            if h.hides_on(today)
        }
        users, per_user, unreachable = {}, defaultdict(list), set()
        for alert in alerts:
            workplace = alert.placement.workplace
            people = recipients.representatives_for(workplace) if alert.kind == STATEMENT_MISSING else recipients.managers_for(workplace)
            for user in people:
                if (user.pk, alert.placement.pk, alert.kind, alert.due) in sent or (user.pk, alert.placement.pk, alert.kind, alert.due) in quiet:
                    continue
                if not user.email:
                    unreachable.add(user.username)
                    continue
                users[user.pk] = user
                per_user[user.pk].append(alert)
        return [(users[pk], per_user[pk]) for pk in sorted(per_user, key=lambda pk: users[pk].username)], unreachable

    @staticmethod
    def _send(user, alerts, today, base_url):
        """Send one user their alerts and record them as sent, together or not at all."""
        rows = [
            {
                "alert": alert,
                "overdue": alert.due < today,
                "url": base_url + (
                    reverse("alerts:statement", args=[alert.placement.pk]) if alert.kind == STATEMENT_MISSING
                    else reverse("placements:detail", args=[alert.placement.pk])
                ),
            }
            for alert in alerts
        ]
        subject = ngettext("Rummelig: %(count)d new alert", "Rummelig: %(count)d new alerts", len(alerts)) % {"count": len(alerts)}
        body = render_to_string("alerts/email/reminders.txt", {
            "user": user, "rows": rows, "today": today, "alerts_url": base_url + reverse("alerts:list"),
        })
        with transaction.atomic():
            SentReminder.objects.bulk_create(
                [SentReminder(user=user, placement=a.placement, kind=a.kind, due=a.due) for a in alerts], ignore_conflicts=True
            )
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
