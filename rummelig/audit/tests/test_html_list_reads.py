"""Reads of the HTML lists of people, placements and employments are audited as the API lists are: who, filter, how many."""

import pytest
from django.urls import reverse
from django.utils import timezone

from rummelig.audit.models import AuditEntry
from rummelig.testing import make_employment, make_person, make_placement

pytestmark = pytest.mark.django_db


def reads(object_type):
    return list(AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, object_type=object_type).order_by("pk"))


@pytest.fixture
def work(world):
    today = timezone.localdate()
    aase = make_person("Åse", "Ærøskøbing", cpr="0101901234")
    bjoern = make_person("Bjørn", "Østergård")
    return {
        "solsikken": make_placement(world.solsikken, "fleksjob", person=aase, start=today.replace(month=1, day=1)),
        "aabjerg": make_placement(world.aabjerg, "seniorjob", person=bjoern, start=today.replace(month=1, day=1)),
        "staff": make_employment(make_person("Carl", "Ørsted"), world.solsikken, start=today.replace(year=today.year - 1)),
    }


def test_the_placements_list_is_audited_with_its_filter_and_count(login, world, work):
    login(world.leder_a).get(reverse("placements:list"), {"status": "active", "side": "1", "sort": "name"})
    [entry] = reads("placement")
    assert entry.username == "leder_a"
    assert entry.detail == "/ansaettelser/: filter status=active; 1 af 1 rækker"


def test_a_cpr_number_searched_on_the_placements_list_is_masked_in_the_log(login, world, work):
    login(world.hr).post(reverse("placements:list"), {"q": "0101901234"}, follow=True)
    [entry] = reads("placement")
    assert "1 af 1 rækker" in entry.detail
    assert "0101901234" not in entry.detail and "010190-1234" not in entry.detail


def test_the_unit_page_audits_its_lists_of_placements_and_staff(login, world, work):
    login(world.hr).get(reverse("organisation:detail", args=[world.solsikken.pk]))
    [placements] = reads("placement")
    [staff] = reads("employment")
    assert placements.detail.endswith(f"filter unit={world.solsikken.pk}; 1 af 1 rækker")
    assert staff.detail.endswith(f"filter unit={world.solsikken.pk}; 1 af 1 rækker")


def test_the_economy_list_of_placements_is_audited(login, world, work):
    year = timezone.localdate().year
    login(world.hr).get(reverse("reports:economy_placements"), {"year": year})
    [entry] = reads("placement")
    assert entry.detail.endswith(f"filter year={year}; 2 af 2 rækker")


def test_a_page_refused_writes_no_read(login, world, work):
    assert login(world.med_a).get(reverse("placements:list")).status_code == 404
    assert reads("placement") == []
