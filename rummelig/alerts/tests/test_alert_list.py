"""The alerts page: each user sees the deadlines of the placements in their own units, filterable by kind."""

from datetime import timedelta

import pytest
from django.urls import reverse

from rummelig.testing import make_person, make_placement

URL = reverse("alerts:list")


@pytest.fixture
def ending(world, today, jobrotation_reopened):
    """One placement ending soon in each centre, and a skånejob evaluation due at Solsikken."""
    return {
        "solsikken": make_placement(world.solsikken, "elev", person=make_person("Bodil", "Ærtebjerg"),
                                    start=today - timedelta(days=700), planned_end=today + timedelta(days=10)),
        "aabjerg": make_placement(world.aabjerg, "elev", person=make_person("Åke", "Søndergård"),
                                  start=today - timedelta(days=700), planned_end=today + timedelta(days=20)),
        "evaluation": make_placement(world.solsikken, "skaanejob", person=make_person("Jørgen", "Fløe"),
                                     start=today - timedelta(days=170), target_group="foertidspension"),
        "praktik": make_placement(world.solsikken, "virksomhedspraktik", person=make_person("Kåre", "Dyrløv"),
                                  start=today - timedelta(days=10), planned_end=today + timedelta(days=17), target_group="sygedagpenge"),
        "rotation": make_placement(world.solsikken, "jobrotation", person=make_person("Vibeke", "Vikær"),
                                   start=today - timedelta(days=170)),  # 6 months at most: ends in about 12 days
    }


@pytest.mark.django_db
class TestAlertList:
    def test_hr_sees_alerts_in_every_unit(self, world, login, ending):
        page = login(world.hr).get(URL).content.decode()
        for name in ("Bodil Ærtebjerg", "Åke Søndergård", "Jørgen Fløe", "Kåre Dyrløv"):
            assert name in page
        assert "Opfølgning" in page and "Ansættelsen slutter" in page

    def test_a_leder_sees_only_own_units(self, world, login, ending):
        page = login(world.leder_b).get(URL).content.decode()
        assert "Åke Søndergård" in page
        assert "Bodil Ærtebjerg" not in page and "Jørgen Fløe" not in page

    def test_a_tr_sees_own_workplace_without_dates_that_reveal_the_target_group(self, world, login, ending):
        page = login(world.tr_a).get(URL).content.decode()
        assert "Bodil Ærtebjerg" in page and "Åke Søndergård" not in page
        assert "<td>Maksimal varighed nået</td>" not in page
        assert "<td>Maksimal varighed nået</td>" in login(world.leder_a).get(URL).content.decode()

    def test_the_list_filters_by_kind(self, world, login, ending):
        page = login(world.hr).get(URL, {"kind": "evaluation_due"}).content.decode()
        assert "Jørgen Fløe" in page and "Bodil Ærtebjerg" not in page

    def test_overdue_alerts_are_marked(self, world, login, ending):
        page = login(world.hr).get(URL).content.decode()
        assert "(overskredet)" in page  # the praktik's missing statement was due on its start

    def test_the_horizon_can_be_widened(self, world, login, today):
        make_placement(world.solsikken, "elev", person=make_person("Ditte", "Lærke"), start=today - timedelta(days=300),
                       planned_end=today + timedelta(days=80))
        client = login(world.hr)
        assert "Ditte Lærke" not in client.get(URL).content.decode()
        assert "Ditte Lærke" in client.get(URL, {"days": "90"}).content.decode()

    def test_med_members_and_outsiders_get_404(self, world, login):
        assert login(world.med_a).get(URL).status_code == 404
        assert login(world.outsider).get(URL).status_code == 404

    def test_nothing_due_says_so(self, world, login):
        assert "Ingen varsler i perioden." in login(world.hr).get(URL).content.decode()
