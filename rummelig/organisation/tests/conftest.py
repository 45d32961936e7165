"""Staff and placements in the test municipality's units, for the unit pages' tests.

Solsikken Børnehus: 2 ordinary staff today (1 + 0.5 FTE) and one who left; 3 active placements.
Skovbrynet Skole: 6 active placements, 1 ordinary staff member.
Plejecenter Åbjerg (centre B): 1 ordinary staff member, 1 active placement.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from rummelig.testing import make_employment, make_person, make_placement


@dataclass
class Staffing:
    solsikken_placement: object
    aabjerg_placement: object


@pytest.fixture
def staffing(world):
    today = timezone.localdate()
    since = today - timedelta(days=100)
    make_employment(make_person("Karen", "Bøgh"), world.solsikken, job_title="Pædagog")
    make_employment(make_person("Jens", "Hørlyck"), world.solsikken, job_title="Køkkenmedhjælper", fte=Decimal("0.5"))
    make_employment(make_person("Gitte", "Fløe"), world.solsikken, job_title="Pædagog", end=today - timedelta(days=1))
    make_employment(make_person("Mads", "Skærbæk"), world.skovbrynet, job_title="Lærer")
    make_employment(make_person("Ulla", "Åkjær"), world.aabjerg, job_title="Sygeplejerske")
    solsikken_placement = make_placement(world.solsikken, "fleksjob", person=make_person("Åse", "Møller"), start=since)
    make_placement(world.solsikken, "loentilskud", person=make_person("Peter", "Løkke"), start=since, planned_end=today + timedelta(days=60))
    make_placement(world.solsikken, "elev", person=make_person("Sofie", "Græsbøl"), start=since)
    make_placement(world.solsikken, "virksomhedspraktik", person=make_person("Ole", "Gammel"), start=date(2021, 1, 1), planned_end=date(2021, 3, 1))
    for number in range(6):
        make_placement(world.skovbrynet, "seniorjob", person=make_person("Erik", f"Sønderby {number}"), start=since)
    aabjerg_placement = make_placement(world.aabjerg, "fleksjob", person=make_person("Bjørn", "Ærø"), start=since)
    return Staffing(solsikken_placement, aabjerg_placement)
