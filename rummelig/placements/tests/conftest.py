"""Placements in the small municipality of rummelig.testing, one per workplace, dated around today."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from rummelig.testing import make_person, make_placement


@dataclass
class Placements:
    solsikken: object  # fleksjob at Solsikken Børnehus (centre A), with health details
    skovbrynet: object  # løntilskud at Skovbrynet Skole (centre A), ending soon
    aabjerg: object  # virksomhedspraktik at Plejecenter Åbjerg (centre B)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def placements(world, today):
    return Placements(
        solsikken=make_placement(
            world.solsikken, "fleksjob",
            person=make_person("Åse", "Ærøskøbing", cpr="0101901234"),
            start=today - timedelta(days=400), target_group="ledighedsydelse",
            special_considerations="Må ikke løfte tungt; arbejder kun formiddage.", purpose="Fast tilknytning til børnehaven.",
        ),
        skovbrynet=make_placement(
            world.skovbrynet, "loentilskud",
            person=make_person("Bjørn", "Østergård"),
            start=today - timedelta(days=100), planned_end=today + timedelta(days=10), target_group="sygedagpenge",
        ),
        aabjerg=make_placement(
            world.aabjerg, "virksomhedspraktik",
            person=make_person("Søren", "Kierkegård", cpr="1203854321"),
            start=today - timedelta(days=20), planned_end=today + timedelta(days=60), target_group="kontanthjaelp_aktivitetsparat",
        ),
    )
