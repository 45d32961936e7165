"""The figures beside the placement form, answered by htmx as the user types (alerts:ratio_preview)."""

import pytest
from django.urls import reverse

from rummelig.schemes.models import Scheme

from .conftest import hire

URL = reverse("alerts:ratio_preview")


def preview(client, world, scheme_code="virksomhedspraktik", **params):
    data = {"workplace": world.solsikken.pk, "scheme": Scheme.objects.get(code=scheme_code).pk, "start": "2030-03-01",
            "planned_end": "2030-05-29", "hours_per_week": "", "target_group": "dagpenge"}
    data.update(params)
    return client.get(URL, data)


@pytest.mark.django_db
class TestRatioPreview:
    def test_it_shows_the_ratio_today_and_with_the_placement(self, world, login, full_house):
        page = preview(login(world.leder_a), world).content.decode()
        assert "Med denne ansættelse: 6 af højst 5 den 1. marts 2030 (25,0 ordinært ansatte" in page
        assert "Ikke opfyldt." in page
        assert "Tillidsrepræsentanten på arbejdspladsen skal afgive en udtalelse" in page

    def test_part_time_hours_count_as_a_fraction(self, world, login):
        hire(world.solsikken, 25)
        page = preview(login(world.hr), world, hours_per_week="18,5").content.decode()
        assert "Med denne ansættelse: 0,5 af højst 5" in page

    def test_a_loentilskud_shows_the_net_expansion(self, world, login):
        hire(world.solsikken, 12)
        page = preview(login(world.hr), world, "loentilskud", planned_end="2030-06-30").content.decode()
        assert "Nettoudvidelse: 12 ordinært ansatte opgjort i fuldtidspersoner ved udgangen af februar 2030, gennemsnit 12,0 over 12 måneder." in page

    def test_reduced_work_capacity_is_exempt_from_net_expansion(self, world, login):
        page = preview(login(world.hr), world, "loentilskud", target_group="foertidspension").content.decode()
        assert "Kravet om merbeskæftigelse gælder ikke personer med nedsat arbejdsevne." in page

    def test_a_scheme_outside_the_rules_shows_nothing(self, world, login):
        assert 'data-testid="ratio-preview"' not in preview(login(world.hr), world, "fleksjob").content.decode()

    def test_a_workplace_outside_the_users_units_shows_nothing(self, world, login, full_house):
        assert 'data-testid="ratio-preview"' not in preview(login(world.leder_b), world).content.decode()

    def test_only_editors_may_ask(self, world, login):
        assert preview(login(world.tr_a), world).status_code == 404
        assert preview(login(world.med_a), world).status_code == 404


@pytest.mark.django_db
def test_one_allowed_person_is_said_in_the_singular(world, login):
    hire(world.solsikken, 5)
    page = preview(login(world.hr), world).content.decode()
    assert "Rimelighedskrav i dag: 0 af højst 1 person i praktik/løntilskud" in page
    assert "af højst 1 personer" not in page
