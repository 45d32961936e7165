"""Personas for the onboarding tests: a mentor (an employee with a login linked to their Person) and a placement."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from rummelig.testing import make_employment, make_person, make_placement, make_user


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def mentor(world):
    """Mads, an ordinary employee at Solsikken with a login and no role: mentor of whoever names his Person."""
    user = make_user("mentor_mads", "Mads", "Mentorsen")
    person = make_person("Mads", "Mentorsen", user=user)
    make_employment(person, world.solsikken)
    return user


@pytest.fixture
def mentee(world, mentor, today):
    """A virksomhedspraktik at Solsikken that started 20 days ago, with Mads as mentor."""
    return make_placement(world.solsikken, "virksomhedspraktik", person=make_person("Åse", "Ærbødig"),
                          start=today - timedelta(days=20), planned_end=today + timedelta(days=60),
                          mentor=mentor.person, special_considerations="Tåler ikke tunge løft")


@pytest.fixture
def other_placement(world, today):
    return make_placement(world.solsikken, "loentilskud", person=make_person("Bjørn", "Østergård"),
                          start=today - timedelta(days=5), planned_end=today + timedelta(days=100))


def day(y, m, d):
    return date(y, m, d)
