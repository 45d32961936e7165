"""``{% onboarding_panel placement %}``: on the placement page, the checklist's progress, evaluations and mentor,
with a link to the follow-up page; shown to HR, the auditor and the placement's leder only."""

from django import template
from django.utils import timezone

from rummelig.accounts.access import access_for

from ..checklists import progress_of
from ..models import Checklist, Position

register = template.Library()


@register.inclusion_tag("onboarding/_placement_panel.html", takes_context=True)
def onboarding_panel(context, placement):
    request = context.get("request")
    access = access_for(getattr(request, "user", None) or context.get("user"))
    if not access.sees_evaluations_of(placement):
        return {"shown": False}
    checklist = Checklist.objects.filter(placement=placement).first()
    return {
        "shown": True, "placement": placement,
        "progress": progress_of(checklist, timezone.localdate()) if checklist else None,
        "evaluations": placement.evaluations.count(),
        "mentor": placement.mentor.full_name if placement.mentor_id else "",
        "position": Position.objects.filter(filled_by=placement).first(),
    }
