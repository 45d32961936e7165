"""Ordinary staff and placements for the rules tests: a workplace with a known number of FTE."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

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
