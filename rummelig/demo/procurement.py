"""The demo municipality's procurement: a clause library, four tenders in each state of consideration, follow-up and a sanction.

Made-up suppliers with CVR numbers that pass the modulus-11 check. Dates follow the demo's "today",
so the overdue request is overdue whenever the demo is built.
"""

from datetime import timedelta
from decimal import Decimal

from rummelig.procurement.models import (
    Clause,
    ClauseDecision,
    ClauseKind,
    ClauseVersion,
    DocumentationRequest,
    Sanction,
    Subcontractor,
    Tender,
    TenderKind,
)
from rummelig.rules.workdays import add_working_days

LIBRARY = {
    ClauseKind.TRAINING: ("Uddannelses- og praktikklausul", [
        "Leverandøren skal i kontraktens løbetid beskæftige mindst [x] personer under oplæring (lærlinge, elever, praktikanter) "
        "i arbejdet med kontrakten.",
        "Leverandøren skal i kontraktens løbetid beskæftige mindst [x] personer under oplæring (lærlinge, elever, praktikanter "
        "eller personer under anden oplæring, også efter et andet EU-lands ordning) i arbejdet med kontrakten. Ordregiver kan "
        "kræve uddannelsesaftalerne fremlagt inden for 10 arbejdsdage.",
    ]),
    ClauseKind.SOCIAL: ("Social klausul: ansatte på særlige vilkår", [
        "Leverandøren skal i kontraktens løbetid ansætte mindst [x] personer på særlige vilkår, fx i samarbejde med "
        "kommunens jobcenter.",
    ]),
    ClauseKind.LABOUR: ("Arbejdsklausul (ILO-konvention nr. 94)", [
        "Leverandøren skal sikre, at ansatte, der udfører arbejde i Danmark som led i kontrakten, har løn (herunder særlige "
        "ydelser), arbejdstid og andre arbejdsvilkår, som ikke er mindre gunstige end dem, der gælder for arbejde af samme art "
        "efter en kollektiv overenskomst indgået af de mest repræsentative arbejdsmarkedsparter i Danmark.",
    ]),
    ClauseKind.CHAIN: ("Kædeansvar for underleverandører", [
        "Leverandøren er ansvarlig for, at underleverandører overholder kontraktens arbejds- og uddannelsesklausuler, og skal "
        "på forlangende fremlægge deres dokumentation.",
    ]),
}


def build_library():
    """Return {clause kind: the clause's newest version}, made once (a rebuilt demo keeps the library)."""
    latest = {}
    for kind, (title, texts) in LIBRARY.items():
        clause, _created = Clause.objects.get_or_create(kind=kind, title=title)
        for number, text in enumerate(texts, start=1):
            latest[kind], _created = ClauseVersion.objects.get_or_create(clause=clause, number=number, defaults={"text": text})
    return latest


def _decide(tender, kind, version=None, *, minimum=None, reason="", explanation="", officer=None):
    ClauseDecision.objects.create(
        tender=tender, kind=kind, included=version is not None, clause_version=version, minimum=minimum,
        minimum_unit=ClauseDecision.Unit.POSITIONS if minimum else "", omission_reason=reason, explanation=explanation,
        decided_by=officer,
    )


def build_procurement(today, units, officer):
    """Create the demo's tenders; units maps names to Unit (the procuring units)."""
    library = build_library()
    cleaning = Tender.objects.create(
        title="Rengøring af kommunens skoler og institutioner", kind=TenderKind.SERVICES,
        estimated_value=Decimal("8500000"), duration_months=36, performed_in_denmark=True, procuring_unit=units.get("boern"),
        supplier_name="Skinnende Rent A/S", supplier_cvr="31000009", status=Tender.Status.RUNNING,
        planned_publication=today - timedelta(days=300), published_on=today - timedelta(days=300),
        awarded_on=today - timedelta(days=240), contract_start=today - timedelta(days=200), contract_end=today + timedelta(days=895),
    )
    Subcontractor.objects.create(tender=cleaning, name="Vinduespudseren ApS", cvr="31000017")
    _decide(cleaning, ClauseKind.TRAINING, library[ClauseKind.TRAINING], minimum=2, officer=officer)
    for kind in (ClauseKind.SOCIAL, ClauseKind.LABOUR, ClauseKind.CHAIN):
        _decide(cleaning, kind, library[kind], officer=officer)
    asked = today - timedelta(days=90)
    pay_slips = DocumentationRequest.objects.create(
        tender=cleaning, kind=DocumentationRequest.Kind.PAY_SLIPS, requested_on=asked, deadline=add_working_days(asked, 10),
        received_on=asked + timedelta(days=7), result=DocumentationRequest.Result.DEVIATION,
        result_note="To ansatte hos underleverandøren fik løn under overenskomsten.", created_by=officer,
    )
    DocumentationRequest.objects.create(
        tender=cleaning, kind=DocumentationRequest.Kind.APPRENTICE_AGREEMENTS, requested_on=asked,
        deadline=add_working_days(asked, 10), received_on=asked + timedelta(days=9), result=DocumentationRequest.Result.OK,
        apprentices_documented=1, created_by=officer,
    )
    late = today - timedelta(days=30)
    DocumentationRequest.objects.create(
        tender=cleaning, kind=DocumentationRequest.Kind.EINDKOMST, requested_on=late, deadline=add_working_days(late, 10),
        created_by=officer,
    )
    Sanction.objects.create(
        tender=cleaning, request=pay_slips,
        kind=Sanction.Kind.FINE, amount=Decimal("25000"), decided_on=asked + timedelta(days=21),
        note="Bod efter kontraktens arbejdsklausul: efterbetaling af løn til to ansatte er dokumenteret.",
    )

    building = Tender.objects.create(
        title="Ombygning af Solsikken Børnehus", kind=TenderKind.WORKS, estimated_value=Decimal("18000000"),
        duration_months=8, performed_in_denmark=True, procuring_unit=units.get("boern"), supplier_name="Byg & Bo Entreprise A/S",
        supplier_cvr="31000025", status=Tender.Status.AWARDED, planned_publication=today - timedelta(days=120),
        published_on=today - timedelta(days=120), awarded_on=today - timedelta(days=40),
    )
    _decide(building, ClauseKind.TRAINING, library[ClauseKind.TRAINING], minimum=1, officer=officer)
    _decide(building, ClauseKind.SOCIAL, reason=ClauseDecision.Reason.NOT_RELEVANT,
            explanation="Kort byggesag med specialiserede fag; ingen egnede funktioner.", officer=officer)
    _decide(building, ClauseKind.LABOUR, library[ClauseKind.LABOUR], officer=officer)
    _decide(building, ClauseKind.CHAIN, library[ClauseKind.CHAIN], officer=officer)

    meals = Tender.objects.create(
        title="Madservice til hjemmeboende ældre", kind=TenderKind.SERVICES, estimated_value=Decimal("4200000"),
        duration_months=48, performed_in_denmark=True, procuring_unit=units.get("aeldre"), supplier_name="Det Gode Køkken ApS",
        supplier_cvr="31000033", status=Tender.Status.PUBLISHED, planned_publication=today - timedelta(days=20),
        published_on=today - timedelta(days=20),
    )
    _decide(meals, ClauseKind.TRAINING, library[ClauseKind.TRAINING], minimum=1, officer=officer)
    _decide(meals, ClauseKind.SOCIAL, library[ClauseKind.SOCIAL], officer=officer)
    _decide(meals, ClauseKind.LABOUR, library[ClauseKind.LABOUR], officer=officer)
    _decide(meals, ClauseKind.CHAIN, library[ClauseKind.CHAIN], officer=officer)

    supplies = Tender.objects.create(
        title="Kontorartikler og papir", kind=TenderKind.GOODS, estimated_value=Decimal("1200000"),
        duration_months=24, performed_in_denmark=False, procuring_unit=None, status=Tender.Status.PLANNED,
        planned_publication=today + timedelta(days=30),
    )
    _decide(supplies, ClauseKind.LABOUR, reason=ClauseDecision.Reason.NOT_RELEVANT,
            explanation="Varekøb fra udenlandsk grossist; intet arbejde udføres i Danmark.", officer=officer)
    return [cleaning, building, meals, supplies]
