"""Overdue documentation requests e-mailed to the procurement officers, once each (with send_reminders).

A request whose deadline has passed without the documentation is an alert for every user who
holds the procurement role today; `SentFollowUpReminder` records what each was sent, so a later
run sends only what is new.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import ngettext

from rummelig.accounts.models import Role, RoleAssignment
from rummelig.alerts.reminder_sources import register

from .models import SentFollowUpReminder
from .views import overdue_requests


def officers(today):
    """Active users holding the procurement role today."""
    ids = RoleAssignment.current(today).filter(role=Role.PROCUREMENT).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("username")


@register
def overdue_documentation(today, *, dry_run, base_url, write):
    """E-mail each procurement officer the overdue requests not sent to them before; return the number of e-mails."""
    overdue = list(overdue_requests(today))
    if not overdue:
        return 0
    sent = set(SentFollowUpReminder.objects.filter(request__in=overdue).values_list("user_id", "request_id"))
    emails = 0
    for user in officers(today):
        new = [r for r in overdue if (user.pk, r.pk) not in sent]
        if not new:
            continue
        if not user.email:
            write(f"{user.username} has overdue documentation requests but no e-mail address; nothing sent.")
            continue
        emails += 1
        if dry_run:
            write(f"Would e-mail {user.email} ({user.username}): {len(new)} overdue documentation request(s)")
            continue
        rows = [{"request": r, "url": base_url + reverse("procurement:detail", args=[r.tender_id])} for r in new]
        subject = ngettext(
            "Rummelig: %(count)d documentation request past its deadline",
            "Rummelig: %(count)d documentation requests past their deadline", len(new),
        ) % {"count": len(new)}
        body = render_to_string("procurement/email/overdue.txt", {
            "user": user, "rows": rows, "follow_up_url": base_url + reverse("procurement:follow_up"),
        })
        with transaction.atomic():
            SentFollowUpReminder.objects.bulk_create([SentFollowUpReminder(user=user, request=r) for r in new], ignore_conflicts=True)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        write(f"Sent {len(new)} overdue documentation request(s) to {user.username}.")
    return emails
