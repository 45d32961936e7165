"""People with history in both centres of the test municipality, for the person pages' tests."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from rummelig.testing import make_employment, make_person, make_placement


@dataclass
class Staff:
    aase: object  # employed at Solsikken (centre A) and in fleksjob there
    aase_fleksjob: object
    aase_employment: object
    bjoern: object  # employed at Plejecenter Åbjerg (centre B), løntilskud there
    bjoern_placement: object
    soeren: object  # ordinary employment at Skovbrynet Skole (centre A), no CPR number


AASE_CPR = "0101901234"
BJOERN_CPR = "1502851235"


@pytest.fixture
def staff(world):
    today = timezone.localdate()
    aase = make_person("Åse", "Møller", cpr=AASE_CPR, email="aase@example.invalid")
    aase_employment = make_employment(
        aase, world.solsikken, start=date(2015, 8, 1), end=today - timedelta(days=301), job_title="Pædagogmedhjælper", payroll_number="L-1001"
    )
    aase_fleksjob = make_placement(
        world.solsikken,
        "fleksjob",
        person=aase,
        start=today - timedelta(days=300),
        target_group="ledighedsydelse",
        special_considerations="Må ikke løfte børn over 15 kg.",
        hours_per_week=Decimal("15"),
    )
    bjoern = make_person("Bjørn", "Ærø", cpr=BJOERN_CPR)
    make_employment(bjoern, world.aabjerg, start=date(2019, 3, 1), job_title="Social- og sundhedshjælper", fte=Decimal("0.8"))
    bjoern_placement = make_placement(world.aabjerg, "loentilskud", person=bjoern, start=today - timedelta(days=200), planned_end=today - timedelta(days=10))
    soeren = make_person("Søren", "Kierkegård")
    make_employment(soeren, world.skovbrynet, start=date(2010, 1, 1), job_title="Lærer")
    return Staff(aase, aase_fleksjob, aase_employment, bjoern, bjoern_placement, soeren)
