"""The duty's limits are dated rows with their source that HR keeps; a tender is judged by those in force."""

from datetime import date
from decimal import Decimal

from rummelig.procurement.models import Threshold


def test_the_seeded_limits_carry_their_source_and_say_what_is_unconfirmed(db):
    services = Threshold.in_force(Threshold.Key.SERVICES, date(2026, 3, 1))
    assert services.amount == Decimal("5000000") and not services.verified and "IKKE BEKRÆFTET" in services.note
    assert Threshold.in_force(Threshold.Key.MIN_MONTHS, date(2026, 3, 1)).amount == 6
    works = Threshold.in_force(Threshold.Key.WORKS, date(2023, 6, 1))
    assert works.amount == Decimal("40100744") and "frinet.dk" in works.source
    assert Threshold.in_force(Threshold.Key.WORKS, date(2022, 6, 30)) is not None
    assert Threshold.in_force(Threshold.Key.SERVICES, date(2022, 6, 30)) is None  # the duty began on 1 July 2022


def test_hr_enters_a_new_services_value_and_the_duty_follows_it(login, world, services_tender):
    assert services_tender.duty()[0].required
    response = login(world.hr).post("/indkoeb/taerskler/ny/", {
        "key": "services_value", "amount": "7000000", "valid_from": "2026-01-01", "source": "Ny bekendtgørelse (eksempel)",
    })
    assert response.status_code == 302
    services_tender.refresh_from_db()
    duty, limits = services_tender.duty()
    assert limits.services_value == Decimal("7000000")
    assert not duty.required


def test_a_documentation_request_without_a_deadline_gets_ten_working_days(login, officer, services_tender):
    response = login(officer).post(f"/indkoeb/{services_tender.pk}/dokumentation/", {
        "kind": "tidsregistrering", "requested_on": "2026-12-21",
    })
    assert response.status_code == 302
    assert services_tender.requests.get().deadline == date(2027, 1, 6)
