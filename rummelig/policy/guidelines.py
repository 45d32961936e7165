"""Guidelines: versions, approval, and the reviews due in a year (for the MED annual wheel).

`guidelines_due_for_review(year)` is the one entry point another part (the Hovedudvalg's annual
wheel) calls to show due reviews as a theme: it reads the database, holds no permission check (the
guidelines are no personal data; every role reads them) and returns plain `DueReview` rows.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from rummelig.audit import log

from .models import Guideline, GuidelineVersion


@dataclass(frozen=True)
class DueReview:
    """A guideline whose current version is to be reviewed by a date (in the year asked, or overdue before it)."""

    guideline_id: int
    title: str
    version: int
    approved_by_body: str
    approved_on: date | None
    review_on: date
    overdue: bool  # the review date lies before the year asked
    url: str


def guidelines_due_for_review(year, *, include_overdue=True):
    """Return the current guidelines whose review date falls in ``year`` (and, by default, earlier ones still unreviewed).

    A guideline is reviewed by approving a new version with a later review date, so a review date
    before the year means the review is overdue. Sorted by review date, then title.
    """
    versions = GuidelineVersion.objects.filter(current_of__isnull=False, review_on__lte=date(year, 12, 31)).select_related("guideline")
    if not include_overdue:
        versions = versions.filter(review_on__gte=date(year, 1, 1))
    return [
        DueReview(
            guideline_id=v.guideline_id, title=v.guideline.title, version=v.number, approved_by_body=v.approved_by_body,
            approved_on=v.approved_on, review_on=v.review_on, overdue=v.review_on.year < year,
            url=reverse("policy:guideline", args=[v.guideline_id]),
        )
        for v in sorted(versions, key=lambda v: (v.review_on, v.guideline.title))
    ]


def next_number(guideline):
    return (guideline.versions.aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def approve(version, user):
    """Make an approved version the guideline's current one; the earlier one stays readable. Audited."""
    guideline = Guideline.objects.select_for_update().get(pk=version.guideline_id)
    with log.change(user, version):
        version.made_current_at = timezone.now()
        version.save()
    with log.change(user, guideline):
        guideline.current_version = version
        guideline.save()
    return version


def readable_versions(guideline, access):
    """The versions a user may read: approved ones for everyone, drafts too for HR."""
    versions = guideline.versions.all()
    if not access.edits_guidelines:
        versions = versions.filter(made_current_at__isnull=False)
    return versions
