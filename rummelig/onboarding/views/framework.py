"""The local MED committee's framework (Norddjurs): per workplace, the committee's dated answers to the six
questions, and the workplaces whose committee has not answered in the last 12 months. Principles only: no person."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rummelig.accounts.access import access_for, requires
from rummelig.audit import log
from rummelig.organisation.models import Unit
from rummelig.rules.onboarding import framework_is_current

from ..forms import FrameworkForm
from ..models import QUESTIONS, FrameworkAnswer


def framework_rows(access, today):
    """Return one row per workplace the user reads: its last answer's date and whether it is within 12 months."""
    workplaces = access.framework_units().filter(kind=Unit.Kind.WORKPLACE, valid_to__isnull=True).annotate(
        last=Max("framework_answers__answered_on")).order_by("name")
    return [{"workplace": w, "last": w.last, "current": framework_is_current(w.last, today)} for w in workplaces]


@login_required
@require_GET
@requires("sees_framework")
def framework_list(request):
    access = access_for(request.user)
    today = timezone.localdate()
    rows = framework_rows(access, today)
    missing_only = request.GET.get("mangler") == "1"
    if missing_only:
        rows = [r for r in rows if not r["current"]]
    return render(request, "onboarding/framework_list.html", {
        "rows": rows, "missing_only": missing_only, "may_create": access.may_edit,
        "missing_count": sum(1 for r in framework_rows(access, today) if not r["current"]) if not missing_only else len(rows),
    })


@login_required
@require_GET
@requires("sees_framework")
def framework_workplace(request, pk):
    access = access_for(request.user)
    try:
        workplace = access.framework_units().get(pk=pk, kind=Unit.Kind.WORKPLACE)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    answers = [
        {"answer": a, "pairs": [(question, getattr(a, key)) for key, question in QUESTIONS]}
        for a in FrameworkAnswer.objects.filter(workplace=workplace)
    ]
    return render(request, "onboarding/framework_workplace.html", {
        "workplace": workplace, "answers": answers,
        "may_create": access.editable_units().filter(pk=workplace.pk).exists(),
    })


@login_required
@require_http_methods(["GET", "POST"])
@requires("may_edit")
def framework_new(request):
    access = access_for(request.user)
    initial = {"answered_on": timezone.localdate()}
    workplace = request.GET.get("arbejdsplads")
    if workplace and str(workplace).isdigit():
        initial["workplace"] = int(workplace)
    form = FrameworkForm(request.POST or None, access=access, initial=initial)
    if request.method == "POST" and form.is_valid():
        answer = form.save(commit=False)
        answer.recorded_by = request.user
        with log.change(request.user, answer):
            answer.save()
        messages.success(request, _("The MED committee's answers are saved."))
        return redirect("onboarding:framework_workplace", answer.workplace_id)
    return render(request, "onboarding/form.html", {
        "form": form, "title": _("The MED committee's framework"),
        "subtitle": _("The committee's answers are principles for the workplace: write no names or other personal data."),
        "cancel": reverse("onboarding:framework"),
    })
