"""HR's economy pages: the pool's budget, the refusion caps and each placement's money, all audited."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from rummelig.audit.models import AuditEntry
from rummelig.reports.models import FleksjobPool, PlacementEconomy, RefusionCap
from rummelig.testing import make_person, make_placement


def test_the_2019_cap_is_loaded_as_data(db):
    cap = RefusionCap.objects.get(valid_from=date(2019, 1, 1))
    assert (cap.annual_cap, cap.hourly_cap, cap.valid_to) == (Decimal("527091.00"), Decimal("273.93"), None)
    assert "§ 133" in cap.source


def test_hr_enters_the_pool_budget_and_it_is_audited(world, login):
    client = login(world.hr)
    response = client.post(reverse("reports:pool_create"), {"year": 2026, "budget": "1250000", "note": "Vedtaget budget"}, follow=True)
    assert "Puljens budget er gemt." in response.content.decode()
    pool = FleksjobPool.objects.get()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_type="fleksjobpool", object_id=str(pool.pk)).exists()
    client.post(reverse("reports:pool_edit", args=[pool.pk]), {"year": 2026, "budget": "1300000", "note": "Tillægsbevilling"})
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, object_type="fleksjobpool")
    assert entry.changes["budget"] == ["1250000.00", "1300000.00"]


def test_a_second_budget_for_the_same_year_is_refused(world, login):
    FleksjobPool.objects.create(year=2026, budget=1)
    page = login(world.hr).post(reverse("reports:pool_create"), {"year": 2026, "budget": "5"}).content.decode()
    assert "Der er allerede indtastet et budget for det år. Ret det i stedet." in page


def test_a_new_cap_ends_the_one_in_force_the_day_before(world, login):
    client = login(world.hr)
    client.post(reverse("reports:cap_create"), {
        "valid_from": "2026-01-01", "annual_cap": "560000", "hourly_cap": "291.05", "source": "Satsregulering 2026",
    })
    old = RefusionCap.objects.get(valid_from=date(2019, 1, 1))
    assert old.valid_to == date(2025, 12, 31)
    assert RefusionCap.objects.get(valid_from=date(2026, 1, 1)).annual_cap == Decimal("560000")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE, object_type="refusioncap", object_id=str(old.pk)).exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_type="refusioncap").exists()


def test_hr_enters_the_wage_basis_and_fraction_of_an_old_scheme_fleksjob(world, login):
    placement = make_placement(world.aabjerg, "fleksjob-gammel", make_person("Åge", "Ørsted"), start=date(2010, 1, 1))
    client = login(world.hr)
    url = reverse("reports:economy_edit", args=[placement.pk, 2025])
    response = client.post(url, {"wage_basis": "410000", "refusion_fraction": "1/2", "pool_payment": "0"}, follow=True)
    assert "Ansættelsens økonomi er gemt." in response.content.decode()
    row = PlacementEconomy.objects.get(placement=placement, year=2025)
    assert (row.wage_basis, row.refusion_fraction) == (Decimal("410000"), "1/2")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_type="placementeconomy").exists()
    listing = client.get(reverse("reports:economy_placements"), {"year": 2025}).content.decode()
    assert "Åge Ørsted" in listing and "410.000,00" in listing


def test_a_refusion_fraction_needs_a_wage_basis(world, login):
    placement = make_placement(world.aabjerg, "fleksjob-gammel", start=date(2010, 1, 1))
    page = login(world.hr).post(reverse("reports:economy_edit", args=[placement.pk, 2025]), {
        "refusion_fraction": "2/3", "pool_payment": "0",
    }).content.decode()
    assert "Angiv både lønsum og refusionsbrøk, eller ingen af dem." in page


def test_only_an_old_scheme_fleksjob_has_a_refusion_fraction(world, login):
    placement = make_placement(world.aabjerg, "seniorjob", start=date(2024, 1, 1))
    page = login(world.hr).post(reverse("reports:economy_edit", args=[placement.pk, 2025]), {
        "wage_basis": "300000", "refusion_fraction": "2/3", "pool_payment": "0",
    }).content.decode()
    assert "Kun fleksjob efter den gamle ordning har lønsum og refusionsbrøk." in page


def test_a_year_the_placement_does_not_run_in_is_404(world, login):
    placement = make_placement(world.aabjerg, "seniorjob", start=date(2024, 1, 1), planned_end=date(2024, 6, 30))
    assert login(world.hr).get(reverse("reports:economy_edit", args=[placement.pk, 2025])).status_code == 404


def test_an_auditor_reads_the_economy_but_cannot_change_it(world, login):
    placement = make_placement(world.aabjerg, "seniorjob", start=date(2024, 1, 1))
    client = login(world.auditor)
    assert client.get(reverse("reports:economy")).status_code == 200
    assert client.get(reverse("reports:economy_placements"), {"year": 2025}).status_code == 200
    assert client.get(reverse("reports:economy_edit", args=[placement.pk, 2025])).status_code == 404
    assert client.get(reverse("reports:pool_create")).status_code == 404


@pytest.mark.parametrize("persona", ["leder_a", "med_a", "tr_a", "outsider"])
def test_others_get_404_on_the_economy_pages(world, login, persona):
    client = login(getattr(world, persona))
    for url in (reverse("reports:economy"), reverse("reports:economy_placements"), reverse("reports:pool_create"),
                reverse("reports:cap_create")):
        assert client.get(url).status_code == 404, url
