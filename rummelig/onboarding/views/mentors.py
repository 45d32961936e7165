"""A mentor's own page: the placements of their mentees, without health fields, checklists or evaluations.

A mentor is an employee whose Person is linked to their login (Person.user) and who is the mentor of a
placement (Placement.mentor). They see only their mentees; anyone else's placement is 404.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from rummelig.accounts.access import access_for, requires
from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.placements.models import Placement


@login_required
@require_GET
@requires("is_mentor")
def mentee_list(request):
    access = access_for(request.user)
    today = timezone.localdate()
    placements = list(access.mentee_placements().select_related("person", "scheme", "workplace").order_by("start"))
    for placement in placements:
        placement.show_status_on(today)
    log.list_read(request.user, "placement", {"mentor": request.user.username}, len(placements), len(placements), request.path)
    return render(request, "onboarding/mentee_list.html", {"placements": placements})


@login_required
@require_GET
@requires("is_mentor")
def mentee_detail(request, pk):
    access = access_for(request.user)
    try:
        placement = access.mentee_placements().select_related("person", "scheme", "workplace").get(pk=pk)
    except (Placement.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    log.record(request.user, AuditEntry.Action.VIEW, placement, detail="mentor")
    mentorships = [m for m in placement.mentorships.select_related("mentor") if m.mentor.user_id == request.user.pk]
    return render(request, "onboarding/mentee_detail.html", {
        "placement": placement, "mentorships": mentorships, "status": placement.status_on(timezone.localdate()),
    })
