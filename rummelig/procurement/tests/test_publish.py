"""Considered always: a tender is published only when every clause has a recorded decision (Allerød's policy)."""

from rummelig.audit.models import AuditEntry
from rummelig.procurement.models import ClauseDecision, ClauseKind, Tender


def decide_all(tender, library, **training):
    for kind in ClauseKind.values:
        values = {"included": True, "clause_version": library[kind]}
        if kind == ClauseKind.TRAINING:
            values.update({"minimum": 2, "minimum_unit": ClauseDecision.Unit.POSITIONS, **training})
        ClauseDecision.objects.create(tender=tender, kind=kind, **values)


def test_publishing_without_a_recorded_consideration_is_refused(login, officer, services_tender):
    response = login(officer).post(f"/indkoeb/{services_tender.pk}/offentliggoer/", follow=True)
    services_tender.refresh_from_db()
    assert services_tender.status == Tender.Status.PLANNED
    assert services_tender.published_on is None
    assert "Registrér overvejelsen af hver klausul først" in response.content.decode()


def test_publishing_with_one_clause_still_unconsidered_is_refused(login, officer, services_tender, library):
    decide_all(services_tender, library)
    ClauseDecision.objects.filter(tender=services_tender, kind=ClauseKind.CHAIN).delete()
    login(officer).post(f"/indkoeb/{services_tender.pk}/offentliggoer/")
    services_tender.refresh_from_db()
    assert services_tender.status == Tender.Status.PLANNED
    assert "Kædeansvar" in str(services_tender.publish_problems()[0])


def test_a_required_training_clause_left_out_without_a_legal_reason_blocks_publishing(login, officer, services_tender, library):
    decide_all(services_tender, library)
    ClauseDecision.objects.filter(tender=services_tender, kind=ClauseKind.TRAINING).update(
        included=False, clause_version=None, omission_reason=ClauseDecision.Reason.NOT_RELEVANT, explanation="Passer ikke")
    login(officer).post(f"/indkoeb/{services_tender.pk}/offentliggoer/")
    services_tender.refresh_from_db()
    assert services_tender.status == Tender.Status.PLANNED


def test_with_every_clause_considered_the_tender_is_published_and_audited(login, officer, services_tender, library):
    decide_all(services_tender, library)
    login(officer).post(f"/indkoeb/{services_tender.pk}/offentliggoer/")
    services_tender.refresh_from_db()
    assert services_tender.status == Tender.Status.PUBLISHED
    assert services_tender.published_on is not None
    assert AuditEntry.objects.filter(object_type="tender", object_id=str(services_tender.pk), action=AuditEntry.Action.UPDATE).exists()


def test_the_form_refuses_leaving_out_a_required_training_clause_as_not_relevant(login, officer, services_tender, library):
    response = login(officer).post(f"/indkoeb/{services_tender.pk}/klausul/uddannelse/", {
        "included": "nej", "omission_reason": "ikke_relevant", "explanation": "Vi gider ikke",
    })
    assert response.status_code == 200
    assert "udbudslovens § 176, stk. 2" in response.content.decode()
    assert not ClauseDecision.objects.exists()


def test_the_form_accepts_a_legal_reason_with_an_explanation(login, officer, services_tender, library):
    response = login(officer).post(f"/indkoeb/{services_tender.pk}/klausul/uddannelse/", {
        "included": "nej", "omission_reason": "sikkerhed", "explanation": "Arbejde i sikrede afsnit",
    })
    assert response.status_code == 302
    decision = ClauseDecision.objects.get()
    assert (decision.included, decision.omission_reason, decision.decided_by) == (False, "sikkerhed", officer)


def test_an_included_training_clause_needs_its_text_and_minimum(login, officer, services_tender, library):
    response = login(officer).post(f"/indkoeb/{services_tender.pk}/klausul/uddannelse/", {"included": "ja"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vælg klausulens tekst fra biblioteket" in page
    assert "mindste antal" in page
    response = login(officer).post(f"/indkoeb/{services_tender.pk}/klausul/uddannelse/", {
        "included": "ja", "clause_version": library["uddannelse"].pk, "minimum": "3", "minimum_unit": "stillinger",
    })
    assert response.status_code == 302
    assert services_tender.apprentices_promised() == 3


def test_a_tender_keeps_the_clause_version_it_used(login, officer, services_tender, library):
    decide_all(services_tender, library)
    clause = library["uddannelse"].clause
    login(officer).post(f"/indkoeb/klausuler/{clause.pk}/", {"text": "Ny tekst, version 2"})
    assert clause.versions.count() == 2
    decision = ClauseDecision.objects.get(tender=services_tender, kind="uddannelse")
    assert decision.clause_version.number == 1
    assert decision.clause_version.text.startswith("Leverandøren skal")


def test_status_moves_on_from_published_to_ended(login, officer, services_tender, library):
    decide_all(services_tender, library)
    client = login(officer)
    client.post(f"/indkoeb/{services_tender.pk}/offentliggoer/")
    for expected in (Tender.Status.AWARDED, Tender.Status.RUNNING, Tender.Status.ENDED):
        client.post(f"/indkoeb/{services_tender.pk}/status/")
        services_tender.refresh_from_db()
        assert services_tender.status == expected
    assert services_tender.awarded_on is not None


def test_a_cvr_number_with_a_wrong_check_digit_is_refused_in_danish(login, officer, world):
    response = login(officer).post("/indkoeb/ny/", {
        "title": "Vinduespudsning", "kind": "tjenesteydelse", "estimated_value": "800000", "duration_months": "12",
        "performed_in_denmark": "on", "supplier_name": "Klart Glas ApS", "supplier_cvr": "29188387",
    })
    assert response.status_code == 200
    assert "kontrolcifferet passer ikke" in response.content.decode()
    assert not Tender.objects.exists()
