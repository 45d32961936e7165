"""Making a placement's checklist from the templates: the workplace's refinement, else HR's template.

The template is chosen by scheme and kind: a placement tied to an existing employment (a colleague moving to
fleksjob at the same workplace) gets the "changed terms" template, any other the "new placement" one. The
workplace's own template wins over the municipality's; a scheme without a template takes the general one
(no scheme). Items are copied, so later edits of a template change no running checklist.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rummelig.rules.onboarding import item_due, progress

from .models import Checklist, ChecklistItem, ChecklistKind, ChecklistTemplate


def kind_of(placement):
    return ChecklistKind.CHANGED_TERMS if placement.employment_id else ChecklistKind.NEW


def template_for(placement, kind=None):
    """Return the template a placement's checklist is copied from, or None if there is none."""
    kind = kind or kind_of(placement)
    candidates = ChecklistTemplate.objects.filter(
        Q(workplace__isnull=True) | Q(workplace=placement.workplace_id), Q(scheme__isnull=True) | Q(scheme=placement.scheme_id),
    )
    ranked = sorted(
        (t for t in candidates if t.kind == kind),
        key=lambda t: (t.workplace_id is None, t.scheme_id is None),
    )
    if not ranked and kind != ChecklistKind.NEW:
        return template_for(placement, ChecklistKind.NEW)
    return ranked[0] if ranked else None


@transaction.atomic
def make_checklist(placement):
    """Give the placement its checklist (once), copied from its template; return it (None without a template)."""
    existing = Checklist.objects.filter(placement=placement).first()
    if existing is not None:
        return existing
    template = template_for(placement)
    if template is None:
        return None
    checklist = Checklist.objects.create(placement=placement, template=template, kind=kind_of(placement))
    ChecklistItem.objects.bulk_create([
        ChecklistItem(checklist=checklist, text=item.text, guidance=item.guidance, order=item.order,
                      due=item_due(placement.start, item.days_after_start))
        for item in template.items.all()
    ])
    return checklist


def copy_template(template, workplace, name=None):
    """Return a workplace's own copy of an HR template (the leder's refinement), items included."""
    copy = ChecklistTemplate.objects.create(scheme=template.scheme, kind=template.kind, workplace=workplace,
                                            name=name or template.name)
    for item in template.items.all():
        item.pk = None
        item.template = copy
        item.save()
    return copy


def progress_of(checklist, today=None):
    """Return (done, total, overdue) of a checklist."""
    today = today or timezone.localdate()
    return progress([(i.due, i.done_on) for i in checklist.items.all()], today)
