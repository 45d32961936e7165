"""Personas of procurement's tests: the procurement officer beside the shared world, and a tender."""

from datetime import date
from decimal import Decimal

import pytest

from rummelig.accounts.models import Role
from rummelig.procurement.models import Clause, ClauseKind, ClauseVersion, Tender, TenderKind
from rummelig.testing import make_user


@pytest.fixture
def officer(world):
    return make_user("indkoeb", "Ida", "Lykke", Role.PROCUREMENT, world.kommune)


@pytest.fixture
def library(db):
    """One standard clause of each kind, version 1."""
    versions = {}
    for kind in ClauseKind.values:
        clause = Clause.objects.create(kind=kind, title=f"Standardklausul {kind}")
        versions[kind] = ClauseVersion.objects.create(clause=clause, number=1, text=f"Leverandøren skal … ({kind})")
    return versions


@pytest.fixture
def services_tender(world):
    """Cleaning services in Denmark, 24 months, 6 mio. kr.: the training clause is required."""
    return Tender.objects.create(
        title="Rengøring af Skovbrynet Skole", kind=TenderKind.SERVICES, estimated_value=Decimal("6000000"),
        duration_months=24, performed_in_denmark=True, procuring_unit=world.skovbrynet, planned_publication=date(2026, 3, 1),
    )
