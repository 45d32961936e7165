"""Checklist templates: HR keeps the municipality's (one per scheme, shipped with Danish defaults); a leder
refines one for a workplace (a copy they then edit). A new placement's checklist is copied from the most
specific template (onboarding.checklists)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rummelig.accounts.access import access_for, requires
from rummelig.audit import log
from rummelig.organisation.models import Unit

from ..checklists import copy_template
from ..forms import ItemFormSet
from ..models import ChecklistTemplate, TemplateItem


def visible_templates(access):
    """HR's templates and the workplace templates of the user's units."""
    return ChecklistTemplate.objects.filter(Q(workplace__isnull=True) | Q(workplace__in=access.units()))


def editable(access, template):
    if template.workplace_id is None:
        return access.is_hr
    return access.editable_units().filter(pk=template.workplace_id).exists()


def get_template_or_404(user, pk):
    try:
        return visible_templates(access_for(user)).select_related("scheme", "workplace").get(pk=pk)
    except (ChecklistTemplate.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@login_required
@require_GET
@requires("edits_templates")
def template_list(request):
    access = access_for(request.user)
    templates = visible_templates(access).select_related("scheme", "workplace").order_by(
        "workplace__name", "scheme__sort_order", "kind", "pk")
    return render(request, "onboarding/template_list.html", {"templates": templates})


@login_required
@require_http_methods(["GET", "POST"])
@requires("edits_templates")
def template_edit(request, pk):
    access = access_for(request.user)
    template = get_template_or_404(request.user, pk)
    may_edit = editable(access, template)
    formset = ItemFormSet(request.POST if may_edit and request.method == "POST" else None,
                          queryset=TemplateItem.objects.filter(template=template), prefix="items")
    if request.method == "POST":
        if not may_edit:
            raise Http404
        if formset.is_valid():
            for form in formset.forms:
                if not form.has_changed() and form.instance.pk is None:
                    continue
                item = form.instance
                if formset.can_delete and formset._should_delete_form(form):
                    if item.pk:
                        with log.change(request.user, item):
                            item.delete()
                    continue
                item.template = template
                with log.change(request.user, item):
                    form.save()
            messages.success(request, _("The template is saved. New checklists are copied from it; running ones are unchanged."))
            return redirect("onboarding:template", template.pk)
    workplaces = access.editable_units().filter(kind=Unit.Kind.WORKPLACE).order_by("name") if template.workplace_id is None else []
    return render(request, "onboarding/template_edit.html", {
        "template": template, "formset": formset, "may_edit": may_edit, "workplaces": workplaces,
    })


@login_required
@require_POST
@requires("edits_templates")
def template_refine(request, pk):
    """Copy HR's template for a workplace of the user's, to refine there."""
    access = access_for(request.user)
    template = get_template_or_404(request.user, pk)
    workplace = access.editable_units().filter(kind=Unit.Kind.WORKPLACE, pk=request.POST.get("workplace") or 0).first() \
        if str(request.POST.get("workplace", "")).isdigit() else None
    if template.workplace_id is not None or workplace is None:
        raise Http404
    existing = ChecklistTemplate.objects.filter(scheme=template.scheme, kind=template.kind, workplace=workplace).first()
    if existing:
        messages.info(request, _("%(workplace)s already has its own version of this template.") % {"workplace": workplace.name})
        return redirect("onboarding:template", existing.pk)
    copy = copy_template(template, workplace, name=f"{template.name} – {workplace.name}")
    log.record(request.user, "create", copy)
    messages.success(request, _("The template is copied for %(workplace)s. Change it here.") % {"workplace": workplace.name})
    return redirect("onboarding:template", copy.pk)
