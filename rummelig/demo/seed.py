"""Load the demo municipality into the database, or remove it; one audit entry records a load."""

import json
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Count, Q

from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person
from rummelig.placements.models import Placement
from rummelig.procurement.models import Tender
from rummelig.reports.models import Publication
from rummelig.schemes.models import Scheme

from .builder import DemoBuilder
from .data import DEMO_USERNAMES


@dataclass
class SchemeCount:
    code: str
    name: str
    total: int
    active: int


@dataclass
class Summary:
    seconds: float
    today: object
    centres: int
    workplaces: int
    closed_workplaces: int
    persons: int
    staff_today: int
    former_staff: int
    hires: int
    placements: int
    active_placements: int
    users: int
    schemes: list[SchemeCount] = field(default_factory=list)

    def as_detail(self):
        """Return the counts as JSON for the audit entry."""
        return json.dumps(
            {
                "units": {"centres": self.centres, "workplaces": self.workplaces, "closed": self.closed_workplaces},
                "persons": self.persons,
                "staff_today": self.staff_today,
                "placements": self.placements,
                "placements_per_scheme": {s.code: s.total for s in self.schemes},
                "users": self.users,
            },
            ensure_ascii=False,
        )


def demo_data_exists():
    """Return True if there are units, people or placements, or a demo user already."""
    return (
        Unit.objects.exists()
        or Person.objects.exists()
        or Placement.objects.exists()
        or get_user_model().objects.filter(username__in=DEMO_USERNAMES).exists()
    )


def delete_with_dependants(queryset):
    """Delete the rows, after the rows of other models that protect them (a centre's targets …)."""
    model = queryset.model
    for relation in model._meta.related_objects:
        if relation.on_delete is models.PROTECT and relation.related_model is not model:
            delete_with_dependants(
                relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": queryset})
            )
    queryset.delete()


def flush_demo():
    """Delete the register (placements, employments, people, units, tenders), what hangs on it, and the demo users.

    The audit log stays: it is append-only. Publications go: their figures are of the demo units.
    """
    Publication.objects.all().delete()
    Tender.objects.all().delete()  # the demo's tenders (with their decisions, follow-up and sanctions); the clause library stays
    delete_with_dependants(Placement.objects.all())
    delete_with_dependants(Employment.objects.all())
    delete_with_dependants(Person.objects.all())
    for depth in Unit.objects.order_by("-depth").values_list("depth", flat=True).distinct():
        delete_with_dependants(Unit.objects.filter(depth=depth))
    delete_with_dependants(get_user_model().objects.filter(username__in=DEMO_USERNAMES))


def seed_demo(employees, seed=1, years=3, today=None):
    """Build the demo municipality in one transaction and return a Summary of what was made."""
    began = time.perf_counter()
    with transaction.atomic():
        builder = DemoBuilder(employees, seed=seed, years=years, today=today).build()
        summary = summarise(builder, time.perf_counter() - began)
        log.record(
            None, AuditEntry.Action.IMPORT, object_type="demo", object_repr="Demo-kommune (seed_demo)",
            detail=summary.as_detail(),
        )
    summary.seconds = time.perf_counter() - began
    return summary


def summarise(builder, seconds):
    today = builder.today
    placements = Placement.objects.all()
    active = placements.active_on(today)
    per_scheme = {
        row["code"]: row
        for row in Scheme.objects.annotate(
            total=Count("placements"),
            active=Count(
                "placements",
                filter=Q(placements__start__lte=today)
                & (Q(placements__ends_on__isnull=True) | Q(placements__ends_on__gte=today)),
            ),
        ).values("code", "name", "total", "active", "sort_order")
    }
    workplaces = Unit.objects.filter(kind=Unit.Kind.WORKPLACE)
    staff_today = Employment.objects.active_on(today)
    return Summary(
        seconds=seconds,
        today=today,
        centres=Unit.objects.filter(kind=Unit.Kind.AREA).count(),
        workplaces=workplaces.filter(valid_to__isnull=True).count(),
        closed_workplaces=workplaces.filter(valid_to__isnull=False).count(),
        persons=Person.objects.count(),
        staff_today=staff_today.count(),
        former_staff=Employment.objects.filter(end__lt=today).count(),
        hires=builder.hires,
        placements=placements.count(),
        active_placements=active.count(),
        users=len(builder.users),
        schemes=[
            SchemeCount(row["code"], row["name"], row["total"], row["active"])
            for row in sorted(per_scheme.values(), key=lambda r: r["sort_order"])
        ],
    )
