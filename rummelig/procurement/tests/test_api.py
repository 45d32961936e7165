"""The procurement API: the officer writes, HR reads (403 on writes), others find nothing (404)."""

import json

from rummelig.procurement.models import ClauseKind, DocumentationRequest, Tender


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_officer_creates_a_tender_and_is_refused_publishing_until_every_clause_is_considered(login, officer, world, library):
    client = login(officer)
    response = post(client, "/api/v1/procurement/tenders", {
        "title": "Hjemmepleje, distrikt Nord", "kind": "tjenesteydelse", "estimated_value": "12000000", "duration_months": 36,
        "supplier_cvr": "29188386",
    })
    assert response.status_code == 201, response.content
    tender = response.json()
    assert tender["training_clause_required"] is True
    assert len(tender["missing_considerations"]) == 4
    refused = client.post(f"/api/v1/procurement/tenders/{tender['id']}/publish")
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["field"] == "status"
    for kind in ClauseKind.values:
        body = {"kind": kind, "included": True, "clause_version": library[kind].pk}
        if kind == ClauseKind.TRAINING:
            body.update({"minimum": 2, "minimum_unit": "stillinger"})
        assert post(client, f"/api/v1/procurement/tenders/{tender['id']}/decisions", body).status_code == 200
    published = client.post(f"/api/v1/procurement/tenders/{tender['id']}/publish")
    assert published.status_code == 200
    assert published.json()["status"] == Tender.Status.PUBLISHED


def test_a_bad_cvr_number_is_a_422_in_danish(login, officer):
    response = post(login(officer), "/api/v1/procurement/tenders", {
        "title": "Kantine", "kind": "tjenesteydelse", "estimated_value": "100000", "duration_months": 12, "supplier_cvr": "12345678",
    })
    assert response.status_code == 422
    assert response.json()["detail"] == [{"field": "supplier_cvr", "message": "CVR-nummeret 12345678 findes ikke: kontrolcifferet passer ikke (modulus 11). Tjek for tastefejl."}]


def test_a_follow_up_gets_a_deadline_ten_working_days_later(login, officer, services_tender):
    response = post(login(officer), f"/api/v1/procurement/tenders/{services_tender.pk}/follow-ups", {
        "kind": "loensedler", "requested_on": "2026-03-27",
    })
    assert response.status_code == 201, response.content
    assert response.json()["deadline"] == "2026-04-15"  # Easter 2026 skipped
    assert DocumentationRequest.objects.get().created_by == officer


def test_hr_reads_but_may_not_write(login, world, services_tender):
    client = login(world.hr)
    assert client.get(f"/api/v1/procurement/tenders/{services_tender.pk}").status_code == 200
    assert client.get("/api/v1/procurement/clauses").status_code == 200
    assert client.post(f"/api/v1/procurement/tenders/{services_tender.pk}/publish").status_code == 403


def test_a_leder_finds_no_tender(login, world, services_tender):
    client = login(world.leder_a)
    assert client.get("/api/v1/procurement/tenders").status_code == 404
    assert client.post(f"/api/v1/procurement/tenders/{services_tender.pk}/publish").status_code == 404
    assert client.get("/api/v1/procurement/follow-ups").status_code == 404


def test_the_officer_records_a_deviation_and_a_fine_through_the_api(login, officer, services_tender):
    client = login(officer)
    item = post(client, f"/api/v1/procurement/tenders/{services_tender.pk}/follow-ups", {
        "kind": "loensedler", "requested_on": "2026-03-02"}).json()
    put = client.put(f"/api/v1/procurement/follow-ups/{item['id']}", json.dumps({"result": "afvigelse"}), content_type="application/json")
    assert put.status_code == 422
    fields = {line["field"] for line in put.json()["detail"]}
    assert fields == {"received_on", "result_note"}
    put = client.put(f"/api/v1/procurement/follow-ups/{item['id']}", json.dumps({
        "received_on": "2026-03-10", "result": "afvigelse", "result_note": "Løn under overenskomst"}), content_type="application/json")
    assert put.status_code == 200 and put.json()["result"] == "afvigelse"
    fine = post(client, f"/api/v1/procurement/tenders/{services_tender.pk}/sanctions", {
        "kind": "bod", "amount": "25000", "decided_on": "2026-03-20", "request": item["id"]})
    assert fine.status_code == 201, fine.content
    assert post(client, f"/api/v1/procurement/tenders/{services_tender.pk}/sanctions", {
        "kind": "bod", "decided_on": "2026-03-20"}).status_code == 422  # a fine needs its amount
