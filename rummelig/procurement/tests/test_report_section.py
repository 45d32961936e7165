"""The annual report's procurement section: tenders, clause shares, duty cases, follow-up and sanctions."""

import json
from datetime import date
from decimal import Decimal

from django.urls import reverse

from rummelig.accounts.models import Role
from rummelig.procurement.models import ClauseDecision, ClauseKind, DocumentationRequest, Sanction, Tender
from rummelig.reports.figures import Scope
from rummelig.reports.publications import publish
from rummelig.reports.report import Report
from rummelig.testing import make_user


def published_tender(title, library, *, kind="tjenesteydelse", value="6000000", day=date(2026, 3, 2), training=True):
    tender = Tender.objects.create(title=title, kind=kind, estimated_value=Decimal(value), duration_months=24,
                                   status=Tender.Status.RUNNING, published_on=day)
    for clause in ClauseKind.values:
        included = training if clause == ClauseKind.TRAINING else clause != ClauseKind.SOCIAL
        ClauseDecision.objects.create(
            tender=tender, kind=clause, included=included, clause_version=library[clause] if included else None,
            omission_reason="" if included else (ClauseDecision.Reason.SAFETY if clause == ClauseKind.TRAINING else "ikke_relevant"),
        )
    return tender


def section(year=2026, suppress=False):
    report = Report.for_year(Scope(), year, suppress=suppress)
    return next(s for s in report.sections(["procurement"]))


def table(built, key):
    return next(t for t in built.tables if t.key == key)


def test_the_section_counts_tenders_clauses_duty_follow_up_and_sanctions(world, library):
    first = published_tender("Rengøring", library)
    published_tender("Hjemmepleje", library, training=False)
    published_tender("Kontorartikler", library, kind="vare", value="900000", training=False)
    published_tender("Sidste år", library, day=date(2025, 5, 1))
    DocumentationRequest.objects.create(tender=first, kind="loensedler", requested_on=date(2026, 4, 1), deadline=date(2026, 4, 15),
                                        received_on=date(2026, 4, 10), result="afvigelse", result_note="Løn under overenskomst")
    DocumentationRequest.objects.create(tender=first, kind="eindkomst", requested_on=date(2026, 5, 1), deadline=date(2026, 5, 15))
    Sanction.objects.create(tender=first, kind=Sanction.Kind.FINE, amount=Decimal("25000"), decided_on=date(2026, 5, 20))
    Sanction.objects.create(tender=first, kind=Sanction.Kind.WITHHELD, amount=Decimal("40000.50"), decided_on=date(2026, 6, 1))

    built = section()
    clauses = table(built, "procurement_clauses")
    assert clauses.cell("I alt", "Udbud offentliggjort") == 3
    assert clauses.cell("I alt", "Udbud offentliggjort", previous=True) == 1
    assert clauses.cell("Tjenesteydelse", "Med uddannelsesklausul (lærlinge, elever)") == 1
    shares = table(built, "procurement_shares")
    assert round(shares.cell("Arbejdsklausul (ILO 94)", "Andel")) == 100
    assert round(shares.cell("Uddannelsesklausul (lærlinge, elever)", "Andel")) == 33
    duty = table(built, "procurement_duty")
    assert duty.cell("Uddannelsesklausul med", "Udbud") == 1
    assert duty.cell("Udeladt af en lovlig grund", "Udbud") == 1
    follow_up = table(built, "procurement_follow_up")
    assert follow_up.cell("Lønsedler", "Modtaget, afvigelse fundet") == 1
    assert follow_up.cell("eIndkomst-udtræk", "Mangler efter fristen") == 1
    sanctions = table(built, "procurement_sanctions")
    assert sanctions.cell("Bod", "Sanktioner") == 1
    assert sanctions.cell("Bod", "Beløb (kr.)") == Decimal("25000")
    assert sanctions.cell("I alt", "Beløb (kr.)") == Decimal("40000") + Decimal("25000.50")


def test_sanctions_appear_in_the_report_page_and_small_counts_are_suppressed(world, library, login):
    tender = published_tender("Rengøring", library)
    Sanction.objects.create(tender=tender, kind=Sanction.Kind.TERMINATION, decided_on=date(2026, 5, 20), note="Gentagne brud")
    page = login(world.hr).get(reverse("reports:annual"), {"year": 2026}).content.decode()
    assert "Sociale klausuler og arbejdsklausuler i udbud</h2>" in page
    assert "Ophævelse" in page
    assert "Gentagne brud" not in page
    built = section(suppress=True)
    assert table(built, "procurement_sanctions").cell("Ophævelse", "Sanktioner") == "<5"


def test_the_hovedudvalg_sees_the_section_in_its_publication(world, library, login):
    tender = published_tender("Rengøring", library)
    Sanction.objects.create(tender=tender, kind=Sanction.Kind.FINE, amount=Decimal("10000"), decided_on=date(2026, 5, 20))
    hoved = make_user("med_hoved", "Mette", "Dahl", Role.MED, world.kommune)
    publish(date(2026, 6, 30), world.hr)
    response = login(hoved).get(reverse("reports:annual_export", args=["json"]), {"year": 2026, "reference": "2026-06-30"})
    document = json.loads(response.content)
    keys = [s["key"] for s in document["sections"]]
    assert "procurement" in keys


def test_a_centre_s_report_has_no_procurement_section(world, library):
    published_tender("Rengøring", library)
    report = Report.for_year(Scope(world.centre_a.subtree()), 2026, suppress=False)
    assert [s.key for s in report.sections(["procurement"])] == []


def test_an_empty_year_says_so_and_a_full_one_does_not(world, library):
    empty = section()
    assert table(empty, "procurement_clauses").note == "Der blev ikke offentliggjort udbud i perioden."
    published_tender("Rengøring", library)
    assert table(section(), "procurement_clauses").note == ""
