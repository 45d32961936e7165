"""The rimelighedskrav through the REST API: the same check as the form, hours counted; no override there."""

from datetime import date

import pytest

from rummelig.accounts.tests.api_client import api_as, errors_of
from rummelig.placements.models import Placement


def praktik_payload(world, **changes):
    data = {
        "new_person": {"first_name": "Ærling", "last_name": "Søgaard"},
        "scheme": "virksomhedspraktik",
        "workplace": world.solsikken.pk,
        "target_group": "kontanthjaelp_aktivitetsparat",
        "start": date(2030, 3, 1),
        "planned_end": date(2030, 5, 29),
    }
    data.update(changes)
    return data


@pytest.mark.django_db
class TestApiRules:
    def test_a_sixth_praktik_is_refused_through_the_api_with_the_numbers(self, world, full_house):
        response = api_as(world.hr).post("/placements", praktik_payload(world))
        assert errors_of(response)["workplace"][0].startswith(
            "Rimelighedskravet er ikke opfyldt på Solsikken Børnehus (P-nr. 1012345678): 5 personer i praktik/løntilskud"
        )
        assert Placement.objects.count() == 5

    def test_the_api_counts_part_time_hours(self, world, full_house):
        Placement.objects.update(hours_per_week=30)
        response = api_as(world.hr).post("/placements", praktik_payload(world, hours_per_week="18.5"))
        assert response.status_code == 201, response.content  # 5 × 30/37 + 0.5 = 4.55 ≤ 5
