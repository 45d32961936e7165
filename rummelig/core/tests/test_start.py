"""The start page: the user's own work at a glance, and only aggregates for MED members."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rummelig.reports.publications import publish
from rummelig.testing import make_person, make_placement

URL = reverse("start")


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def placements(world, today):
    """Two active placements in centre A (one ending in 10 days), one in centre B, one ended."""
    return {
        "åse": make_placement(world.solsikken, "fleksjob", person=make_person("Åse", "Ærøskøbing"), start=today - timedelta(days=300)),
        "bjørn": make_placement(
            world.skovbrynet, "loentilskud", person=make_person("Bjørn", "Østergård"),
            start=today - timedelta(days=100), planned_end=today + timedelta(days=10),
        ),
        "søren": make_placement(
            world.aabjerg, "virksomhedspraktik", person=make_person("Søren", "Kierkegård"),
            start=today - timedelta(days=20), planned_end=today + timedelta(days=60),
        ),
        "ended": make_placement(
            world.solsikken, "loentilskud", person=make_person("Ebbe", "Ærenfeldt"),
            start=today - timedelta(days=200), planned_end=today - timedelta(days=80),
        ),
    }


def per_scheme(response):
    return {row["scheme__name"]: row["count"] for row in response.context["per_scheme"]}


@pytest.mark.django_db
class TestStart:
    def test_hr_sees_counts_per_scheme_for_the_whole_municipality(self, world, placements, login):
        response = login(world.hr).get(URL)
        assert response.status_code == 200
        assert per_scheme(response) == {"Fleksjob": 1, "Løntilskud": 1, "Virksomhedspraktik": 1}
        assert response.context["active_count"] == 3

    def test_it_lists_the_placements_ending_within_30_days(self, world, placements, login):
        response = login(world.hr).get(URL)
        assert list(response.context["ending_soon"]) == [placements["bjørn"]]
        assert response.context["ending_soon_count"] == 1
        content = response.content.decode()
        assert "Ophører inden for 30 dage" in content
        assert f'href="{reverse("placements:detail", args=[placements["bjørn"].pk])}"' in content
        assert "Bjørn Østergård" in content

    def test_a_leder_sees_only_own_units(self, world, placements, login):
        response = login(world.leder_a).get(URL)
        assert per_scheme(response) == {"Fleksjob": 1, "Løntilskud": 1}
        assert "Kierkegård" not in response.content.decode()

    def test_a_leder_of_another_centre_sees_none_of_centre_a(self, world, placements, login):
        response = login(world.leder_b).get(URL)
        assert per_scheme(response) == {"Virksomhedspraktik": 1}
        assert list(response.context["ending_soon"]) == []

    def test_a_med_member_sees_small_counts_as_under_5_and_no_names(self, world, placements, login, today):
        publish(today, world.hr)
        response = login(world.med_a).get(URL)
        content = response.content.decode()
        assert per_scheme(response) == {"Fleksjob": "<5", "Løntilskud": "<5"}
        assert response.context["active_count"] == "<5"
        assert "&lt;5" in content
        for name in ("Åse", "Bjørn", "Østergård", "Ærøskøbing"):
            assert name not in content
        assert "ending_soon" not in response.context

    def test_a_med_member_sees_counts_of_5_and_more(self, world, placements, login, today):
        for i in range(5):
            make_placement(world.skovbrynet, "seniorjob", person=make_person(f"Senior{i}", "Ørum"), start=today - timedelta(days=5))
        for i in range(6):
            make_placement(world.solsikken, "elev", person=make_person(f"Elev{i}", "Åby"), start=today - timedelta(days=5))
        publish(today, world.hr)
        counts = per_scheme(login(world.med_a).get(URL))
        shown = [n for n in counts.values() if isinstance(n, int)]
        assert shown and all(n >= 5 for n in shown)

    def test_a_med_member_cannot_work_out_a_small_count_from_the_total(self, world, placements, login, today):
        for i in range(6):
            make_placement(world.skovbrynet, "seniorjob", person=make_person(f"Senior{i}", "Ørum"), start=today - timedelta(days=5))
        publish(today, world.hr)
        response = login(world.med_a).get(URL)
        counts = per_scheme(response)
        total = response.context["active_count"]
        # Fleksjob 1 and Løntilskud 1 are hidden; a total of 8 beside Seniorjob 6 would reveal that they
        # sum to 2, and so that each is 1. The total must be hidden too, or a shown cell with it.
        assert counts["Fleksjob"] == "<5" and counts["Løntilskud"] == "<5"
        assert not (isinstance(total, int) and isinstance(counts["Seniorjob"], int))

    def test_someone_without_a_role_is_told_to_ask_hr(self, world, placements, login):
        response = login(world.outsider).get(URL)
        content = response.content.decode()
        assert "Du har endnu ingen rolle i Rummelig. Bed HR om adgang." in content
        assert "Bjørn" not in content
        assert "per_scheme" not in response.context
