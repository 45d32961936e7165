"""The start page's procurement card: tenders awaiting a decision and documentation past its deadline."""

from django import template
from django.utils import timezone

from rummelig.accounts.access import access_for

from ..models import Tender
from ..views import overdue_requests

register = template.Library()


@register.inclusion_tag("procurement/_start_card.html", takes_context=True)
def procurement_card(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not access_for(user).sees_procurement:
        return {"shown": False}
    tenders = access_for(user).tenders()
    return {
        "shown": True,
        "planned": tenders.filter(status=Tender.Status.PLANNED).count(),
        "overdue": overdue_requests(timezone.localdate()).filter(tender__in=tenders).count(),
    }
