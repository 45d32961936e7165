from datetime import date

from rummelig.reports import publications


def test_smoke(municipality, login, settings):
    world = municipality.world
    from unittest import mock
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 3, 1)):
        p1 = publications.publish(date(2024, 12, 31), world.hr)
        p2 = publications.publish(date(2025, 12, 31), world.hr)
    print(sorted(p2.scopes))
    doc = p2.scopes[""]
    print(doc["units"], doc["schemes"], doc["total"])
    c = login(world.med_a)
    r = c.get("/rapporter/aarsrapport/")
    assert r.status_code == 200, r.content.decode()[:3000]
    r = c.get("/rapporter/aarsrapport/eksport/json/?year=2025&reference=2025-12-30")
    assert r.status_code == 400
    r = c.get("/rapporter/aarsrapport/eksport/json/?reference=2025-12-31")
    assert r.status_code == 200
    print(r.content.decode()[:1500])
    for url in ["/", "/rapporter/", "/enheder/"]:
        r = c.get(url)
        assert r.status_code == 200
    r = login(world.hr).get("/rapporter/offentliggoerelser/")
    assert r.status_code == 200
    r = login(world.hr).get(f"/rapporter/offentliggoerelser/{p2.pk}/eksport/pdf/")
    assert r.status_code == 200
