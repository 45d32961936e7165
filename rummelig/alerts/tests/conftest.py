"""Ordinary staff and placements for the rules tests: a workplace with a known number of FTE."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from rummelig.placements.models import Placement
from rummelig.schemes.models import Scheme
from rummelig.testing import make_employment, make_person, make_placement

FIRST_NAMES = ["Åse", "Bjørn", "Cæcilie", "Dorthe", "Ebbe", "Frede", "Gørild", "Hjørdis", "Ib", "Jørn"]
LAST_NAMES = ["Ærø", "Østergård", "Ågård", "Bæk", "Møller", "Sørensen", "Kjær", "Lykkegård"]


def hire(unit, count, *, start=date(2020, 1, 1), end=None, fte=Decimal("1"), **extra):
    """Give the unit ``count`` ordinary employees and return their employments."""
    employments = []
    for i in range(count):
        person = make_person(FIRST_NAMES[i % len(FIRST_NAMES)], f"{LAST_NAMES[i % len(LAST_NAMES)]}{i}")
        employments.append(make_employment(person, unit, start=start, end=end, fte=fte, **extra))
    return employments


def place(unit, count, scheme_code="virksomhedspraktik", *, start, planned_end, **extra):
    """Put ``count`` persons in placements of the scheme at the unit and return the placements."""
    return [
        make_placement(unit, scheme_code, person=make_person("Praktikant", f"Nr. {i} Ærbødig"), start=start, planned_end=planned_end, **extra)
        for i in range(count)
    ]


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def next_month(today):
    """The first day of next month: a start date whose last 4 months are all in the past."""
    return (today.replace(day=1) + timedelta(days=32)).replace(day=1)


def placement_form(scheme_code="virksomhedspraktik", **overrides):
    """Return the POST data of the placement form for a new person, as a user fills it in."""
    data = {
        "person_mode": "new", "first_name": "Ærling", "last_name": "Søgaard", "cpr": "",
        "scheme": Scheme.objects.get(code=scheme_code).pk, "target_group": "kontanthjaelp_aktivitetsparat",
        "employment": "", "start": "2030-03-01", "planned_end": "2030-05-29", "extension_reason": "",
        "hours_per_week": "", "requested_on": "", "purpose": "Afklaring af jobmål.", "special_considerations": "",
        "mentor": "", "jobcenter_contact": "", "yearly_subsidy": "", "lives_in_municipality": "unknown",
        "via_own_jobcenter": "unknown", "no_other_education": "unknown", "actual_end": "", "outcome": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def full_house(world):
    """Solsikken Børnehus: 25 ordinary FTE and already 5 in virksomhedspraktik in spring 2030."""
    hire(world.solsikken, 25)
    return place(world.solsikken, 5, start=date(2030, 2, 1), planned_end=date(2030, 6, 30), target_group="kontanthjaelp_aktivitetsparat")


@pytest.fixture
def praktik(world, today):
    """A virksomhedspraktik at Solsikken Børnehus starting in two weeks, waiting for the TR's statement."""
    hire(world.solsikken, 12)
    return make_placement(
        world.solsikken, "virksomhedspraktik", person=make_person("Ådne", "Ørsted"), start=today + timedelta(days=14),
        planned_end=today + timedelta(days=14 + 27), target_group="kontanthjaelp_jobparat", hours_per_week=Decimal("30"),
        purpose="Afprøve arbejdet som pædagogmedhjælper.", special_considerations="Tåler ikke stærk støj.",
    )


def start_day_arrives(placement):
    """Move the placement's dates so that it starts today: it may be marked as started from its start date."""
    today = timezone.localdate()
    end = placement.planned_end and today + (placement.planned_end - placement.start)
    Placement.objects.filter(pk=placement.pk).update(start=today, planned_end=end, ends_on=end)
    placement.refresh_from_db()


def sign(client, placement, **overrides):
    """Post the TR's statement on the placement (positive on every point unless overridden)."""
    data = {"ratio_ok": "ja", "merbeskaeftigelse_ok": "ikke_relevant", "colleagues_positive": "ja",
            "comment": "Kollegerne i Myretuen glæder sig.", "signed_name": "Tove Riis"}
    data.update(overrides)
    return client.post(reverse("alerts:statement", args=[placement.pk]), data)


@pytest.fixture
def jobrotation_reopened(db):
    """Give jobrotation a version from 1 February 2026 on, in this test's database only.

    The deadline tests need a scheme with a 6-month maximum and no other duties, and jobrotation was
    that; in the law it is closed for new placements from 1 February 2026 (lov nr. 1750/2025), so
    tests set in 2030 reopen it here rather than pick a scheme with other alerts.
    """
    from rummelig.schemes.models import SchemeDuration, SchemeVersion

    closed = SchemeVersion.objects.get(scheme__code="jobrotation")
    reopened = SchemeVersion.objects.create(
        scheme=closed.scheme, valid_from=closed.valid_to + timedelta(days=1), legal_basis="Test", source="Test",
        subsidy_kind=closed.subsidy_kind,
    )
    SchemeDuration.objects.create(version=reopened, target_group="", amount=6, unit=SchemeDuration.Unit.MONTHS)
    return reopened
