"""HR's economy pages: the pool's budget, the refusion caps and each placement's money, all audited."""

from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse

from rummelig.audit.models import AuditEntry
from rummelig.reports.models import FleksjobPool, PlacementEconomy, RefusionCap
from rummelig.testing import make_person, make_placement


def test_the_caps_are_one_dated_row_per_year(db):
    # The figures and their sources are asserted in rummelig/schemes/tests/test_law_facts.py.
    assert [(c.valid_from, c.valid_to) for c in RefusionCap.objects.order_by("valid_from")] == [
        (date(2019, 1, 1), date(2019, 12, 31)), (date(2024, 1, 1), date(2024, 12, 31)),
    ]


def test_the_economy_page_names_the_years_without_a_cap(world, login):
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 12, 6)):
        page = login(world.hr).get(reverse("reports:economy")).content.decode()
    assert "Der er ikke registreret et loft for 2020, 2021, 2022, 2023, 2025, 2026." in page
    assert "Ikke bekræftet i loven" in page  # the 2024 figure comes from a municipality's page


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


def test_hr_adds_next_years_cap_and_it_is_audited(world, login):
    client = login(world.hr)
    client.post(reverse("reports:cap_create"), {
        "valid_from": "2027-01-01", "valid_to": "2027-12-31", "annual_cap": "612000", "hourly_cap": "",
        "source": "Vejledning om satser 2027", "verified": "on",
    })
    cap = RefusionCap.objects.get(valid_from=date(2027, 1, 1))
    assert (cap.annual_cap, cap.hourly_cap, cap.verified) == (Decimal("612000"), None, True)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_type="refusioncap", object_id=str(cap.pk)).exists()
    # The years already registered keep their own end.
    assert RefusionCap.objects.get(valid_from=date(2024, 1, 1)).valid_to == date(2024, 12, 31)


def test_a_new_cap_ends_an_open_one_the_day_before(world, login):
    open_cap = RefusionCap.objects.create(valid_from=date(2025, 1, 1), annual_cap=600000, source="x")
    client = login(world.hr)
    client.post(reverse("reports:cap_create"), {"valid_from": "2026-01-01", "annual_cap": "610000", "source": "y"})
    open_cap.refresh_from_db()
    assert open_cap.valid_to == date(2025, 12, 31)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE, object_type="refusioncap", object_id=str(open_cap.pk)).exists()


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
    assert client.get(reverse("reports:cap_create")).status_code == 404
    client.post(reverse("reports:cap_create"), {"valid_from": "2027-01-01", "annual_cap": "1", "source": "x"})
    assert not RefusionCap.objects.filter(valid_from=date(2027, 1, 1)).exists()


@pytest.mark.parametrize("persona", ["leder_a", "med_a", "tr_a", "outsider"])
def test_others_get_404_on_the_economy_pages(world, login, persona):
    client = login(getattr(world, persona))
    for url in (reverse("reports:economy"), reverse("reports:economy_placements"), reverse("reports:pool_create"),
                reverse("reports:cap_create")):
        assert client.get(url).status_code == 404, url
