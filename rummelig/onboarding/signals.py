"""A new placement gets its checklist at once (pages, API and imports alike)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from rummelig.placements.models import Placement

from .checklists import make_checklist


@receiver(post_save, sender=Placement, dispatch_uid="onboarding_checklist")
def give_checklist(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.annulled_at is None:
        make_checklist(instance)
