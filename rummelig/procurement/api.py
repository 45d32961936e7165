"""REST API for procurement: tenders, their clause decisions, publishing, the clause library and follow-up.

The same permissions as the pages: the procurement unit writes; HR and the auditor read (a write
answers 403); everyone else finds nothing (404). Input goes through the pages' forms, so the API
refuses what the pages refuse, in the same Danish words. Nothing here names a person.
"""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema

from rummelig.accounts.access import access_for
from rummelig.api import helpers as api

from .forms import ClauseDecisionForm, DocumentationRequestForm, RequestResultForm, SanctionForm, TenderForm
from .models import Clause, ClauseDecision, ClauseKind, DocumentationRequest, Sanction, Tender, TenderKind
from .views import overdue_requests

router = Router(tags=["Indkøb"])

MAY_NOT_WRITE_PROCUREMENT = gettext_lazy("Only procurement records tenders, clauses and follow-up; your role may read them.")


class DecisionOut(Schema):
    kind: str = Field(description="Klausulen: uddannelse, social, arbejde eller kaedeansvar.")
    included: bool = Field(description="Klausulen er med i udbuddet.")
    clause_version: int | None = Field(alias="clause_version_id", description="Id på den klausultekst (version) fra biblioteket, udbuddet bruger.")
    minimum: int | None = Field(description="Uddannelsesklausul: mindste antal lærlinge/elever (stillinger eller timer).")
    minimum_unit: str = Field(description="stillinger eller timer.")
    omission_reason: str = Field(description="Hvorfor klausulen er udeladt: sikkerhed, uegnet, anden_lovgivning, ikke_relevant.")
    explanation: str = Field(description="Begrundelsen med ord.")


class TenderOut(Schema):
    id: int = Field(description="Udbuddets id.")
    title: str = Field(description="Titel.")
    kind: str = Field(description="bygge_anlaeg, tjenesteydelse eller vare.")
    estimated_value: Decimal = Field(description="Anslået værdi i kroner.")
    duration_months: int = Field(description="Varighed i måneder.")
    performed_in_denmark: bool = Field(description="Udføres i Danmark.")
    procuring_unit: int | None = Field(alias="procuring_unit_id", description="Id på den enhed, der køber ind.")
    supplier_name: str = Field(description="Leverandør.")
    supplier_cvr: str = Field(description="Leverandørens CVR-nummer (8 cifre).")
    status: str = Field(description="planlagt, offentliggjort, tildelt, koerer eller afsluttet.")
    published_on: date | None = Field(description="Offentliggjort den.")
    training_clause_required: bool | None = Field(description="Udbudsloven § 176 stk. 2 kræver uddannelsesklausul; null = ingen tærskler.")
    decisions: list[DecisionOut] = Field(description="De registrerede overvejelser, én pr. klausul.")
    missing_considerations: list[str] = Field(description="Klausuler, der mangler en registreret overvejelse.")

    @staticmethod
    def resolve_training_clause_required(obj):
        duty, _limits = obj.duty()
        return None if duty is None else duty.required

    @staticmethod
    def resolve_missing_considerations(obj):
        return [str(label) for label in obj.missing_considerations()]


TenderPage = api.page_of(TenderOut, "Antal udbud.")


class TenderFilters(Schema):
    status: Literal[tuple(Tender.Status.values)] | None = Field(None, description="Kun udbud med denne status.")


class TenderIn(api.InputSchema):
    title: str = Field(min_length=1, max_length=200, pattern=r"\S", description="Titel.")
    kind: Literal[tuple(TenderKind.values)] = Field(description="bygge_anlaeg, tjenesteydelse eller vare.")
    estimated_value: Decimal = Field(ge=0, le=Decimal("999999999999.99"), max_digits=14, decimal_places=2, strict=False,
                                     description="Anslået værdi i kroner.")
    duration_months: int = Field(ge=0, le=1200, description="Varighed i måneder.")
    performed_in_denmark: bool = Field(True, description="Udføres i Danmark.")
    procuring_unit: api.Id | None = Field(None, description="Id på den enhed, der køber ind.")
    supplier_name: str = Field("", max_length=200, description="Leverandør.")
    supplier_cvr: str = Field("", max_length=20, description="CVR-nummer, 8 cifre med gyldigt kontrolciffer (modulus 11).")
    planned_publication: api.Day | None = Field(None, description="Planlagt offentliggørelse.")


class DecisionIn(api.InputSchema):
    kind: Literal[tuple(ClauseKind.values)] = Field(description="Klausulen: uddannelse, social, arbejde eller kaedeansvar.")
    included: bool = Field(description="true: klausulen er med; false: udeladt med begrundelse.")
    clause_version: api.Id | None = Field(None, description="Id på klausulteksten (version) fra biblioteket; krævet når included er true.")
    minimum: int | None = Field(None, ge=1, le=100000, description="Uddannelsesklausul: mindste antal.")
    minimum_unit: Literal[tuple(ClauseDecision.Unit.values)] | None = Field(None, description="stillinger eller timer.")
    omission_reason: Literal[tuple(ClauseDecision.Reason.values)] | None = Field(None, description="Grunden til at klausulen udelades.")
    explanation: str = Field("", max_length=2000, description="Begrundelsen med ord; krævet når klausulen udelades.")


class ClauseVersionOut(Schema):
    id: int = Field(description="Versionens id (bruges i clause_version).")
    number: int = Field(description="Versionsnummer.")
    text: str = Field(description="Klausulens tekst.")
    created_at: date = Field(description="Oprettet.")

    @staticmethod
    def resolve_created_at(obj):
        return timezone.localdate(obj.created_at)


class ClauseOut(Schema):
    id: int = Field(description="Klausulens id.")
    kind: str = Field(description="uddannelse, social, arbejde eller kaedeansvar.")
    title: str = Field(description="Titel.")
    active: bool = Field(description="I brug.")
    versions: list[ClauseVersionOut] = Field(description="Versionerne, nyeste først.")


class FollowUpOut(Schema):
    id: int = Field(description="Anmodningens id.")
    tender: int = Field(alias="tender_id", description="Udbuddets id.")
    kind: str = Field(description="loensedler, kontrakter, tidsregistrering, eindkomst eller uddannelsesaftaler.")
    requested_on: date = Field(description="Anmodet den.")
    deadline: date = Field(description="Frist.")
    received_on: date | None = Field(description="Modtaget den; null = ikke modtaget.")
    overdue: bool = Field(description="Fristen er overskredet uden at dokumentationen er modtaget.")
    result: str = Field(description="afventer, ok eller afvigelse.")

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_overdue(timezone.localdate())


FollowUpPage = api.page_of(FollowUpOut, "Antal anmodninger.")


class FollowUpFilters(Schema):
    overdue: bool | None = Field(None, description="true: kun anmodninger, hvis frist er overskredet.")


class FollowUpIn(api.InputSchema):
    kind: Literal[tuple(DocumentationRequest.Kind.values)] = Field(description="Hvilken dokumentation.")
    requested_on: api.Day = Field(description="Anmodet den.")
    deadline: api.Day | None = Field(None, description="Frist; udeladt = 10 arbejdsdage efter (weekender og helligdage springes over).")


def _tenders(request):
    return access_for(request.user).tenders().prefetch_related("decisions")


def _editable(request):
    access = access_for(request.user)
    return access.tenders() if access.may_edit_procurement else Tender.objects.none()


@router.get("/tenders", response={200: TenderPage, **api.SCOPED_LIST_ERRORS}, summary="List udbud og kontrakter")
@api.requires("sees_procurement")
def list_tenders(request, filters: Query[TenderFilters], page: Query[api.PageParams]):
    tenders = _tenders(request)
    if filters.status:
        tenders = tenders.filter(status=filters.status)
    return api.paginate(tenders, page)


@router.get("/tenders/{tender_id}", response={200: TenderOut, **api.READ_ERRORS}, summary="Hent ét udbud")
@api.requires("sees_procurement")
def get_tender(request, tender_id: api.Id):
    return api.get_or_404(_tenders(request), tender_id)


@router.post("/tenders", response={201: TenderOut, **api.CREATE_ERRORS}, summary="Opret et udbud (kun indkøb)")
@api.requires("may_edit_procurement", refuse=403, message=MAY_NOT_WRITE_PROCUREMENT)
def create_tender(request, payload: TenderIn):
    form = api.valid(TenderForm(api.form_data(payload.dict())))
    return api.created(api.save_logged(request, form.save(commit=False)))


@router.post("/tenders/{tender_id}/decisions", response={200: TenderOut, **api.WRITE_ERRORS}, summary="Registrér overvejelsen af én klausul")
@api.requires("may_edit_procurement", in_body=True)
def record_decision(request, tender_id: api.Id, payload: DecisionIn):
    """Klausulen er med (med tekst fra biblioteket) eller udeladt med begrundelse; en tidligere overvejelse erstattes."""
    tender = api.get_for_change(_tenders(request), _editable(request), tender_id)
    decision = tender.decisions.filter(kind=payload.kind).first() or ClauseDecision(tender=tender, kind=payload.kind)
    values = payload.dict()
    values["included"] = "ja" if values["included"] else "nej"
    form = api.valid(ClauseDecisionForm(api.form_data(values), instance=decision, tender=tender, kind=payload.kind))
    decision = form.save(commit=False)
    decision.decided_by = request.user
    decision.decided_at = timezone.now()
    api.save_logged(request, decision)
    return api.get_or_404(_tenders(request), tender.pk)


@router.post("/tenders/{tender_id}/publish", response={200: TenderOut, **api.WRITE_ERRORS}, summary="Offentliggør et udbud")
@api.requires("may_edit_procurement", in_body=True)
def publish_tender(request, tender_id: api.Id):
    """Afvises (422) indtil hver klausul er overvejet, og en krævet uddannelsesklausul er med eller udeladt med lovlig grund."""
    tender = api.get_for_change(_tenders(request), _editable(request), tender_id)
    problems = tender.publish_problems()
    if problems:
        raise api.FieldErrors({"status": problems})
    tender.status = Tender.Status.PUBLISHED
    tender.published_on = timezone.localdate()
    return api.save_logged(request, tender)


@router.get("/clauses", response={200: list[ClauseOut], **api.SCOPED_LIST_ERRORS}, summary="Klausulbiblioteket")
@api.requires("sees_procurement")
def list_clauses(request):
    return list(Clause.objects.prefetch_related("versions"))


@router.get("/follow-ups", response={200: FollowUpPage, **api.SCOPED_LIST_ERRORS}, summary="Anmodninger om dokumentation")
@api.requires("sees_procurement")
def list_follow_ups(request, filters: Query[FollowUpFilters], page: Query[api.PageParams]):
    if filters.overdue:
        items = overdue_requests(timezone.localdate()).filter(tender__in=access_for(request.user).tenders())
    else:
        items = DocumentationRequest.objects.filter(tender__in=access_for(request.user).tenders()).order_by("deadline", "pk")
    return api.paginate(items, page)


@router.post("/tenders/{tender_id}/follow-ups", response={201: FollowUpOut, **api.WRITE_ERRORS}, summary="Anmod leverandøren om dokumentation")
@api.requires("may_edit_procurement", in_body=True)
def create_follow_up(request, tender_id: api.Id, payload: FollowUpIn):
    tender = api.get_for_change(_tenders(request), _editable(request), tender_id)
    item = api.valid(DocumentationRequestForm(api.form_data(payload.dict()))).save(commit=False)
    item.tender = tender
    item.created_by = request.user
    return api.created(api.save_logged(request, item))


class FollowUpResultIn(api.InputSchema):
    received_on: api.Day | None = Field(None, description="Dagen dokumentationen blev modtaget; null = ikke modtaget.")
    result: Literal[tuple(DocumentationRequest.Result.values)] = Field(
        DocumentationRequest.Result.PENDING.value, description="afventer, ok eller afvigelse (kræver received_on).")
    result_note: str = Field("", max_length=2000, description="Hvad kontrollen viste; krævet ved afvigelse.")
    apprentices_documented: int | None = Field(None, ge=0, le=100000, description="Antal lærlinge/elever dokumenteret.")


class SanctionIn(api.InputSchema):
    kind: Literal[tuple(Sanction.Kind.values)] = Field(description="bod, tilbageholdelse eller ophaevelse.")
    amount: Decimal = Field(Decimal(0), ge=0, le=Decimal("999999999999.99"), max_digits=14, decimal_places=2, strict=False,
                            description="Beløb i kroner; krævet ved bod og tilbageholdelse.")
    decided_on: api.Day = Field(description="Besluttet den.")
    request: api.Id | None = Field(None, description="Id på den anmodning om dokumentation, sanktionen følger af.")
    note: str = Field("", max_length=2000, description="Begrundelse.")


class SanctionOut(Schema):
    id: int = Field(description="Sanktionens id.")
    tender: int = Field(alias="tender_id", description="Udbuddets id.")
    kind: str = Field(description="bod, tilbageholdelse eller ophaevelse.")
    amount: Decimal = Field(description="Beløb i kroner.")
    decided_on: date = Field(description="Besluttet den.")


@router.put("/follow-ups/{request_id}", response={200: FollowUpOut, **api.WRITE_ERRORS}, summary="Registrér modtagelse og kontrolresultat")
@api.requires("may_edit_procurement", in_body=True)
def record_follow_up_result(request, request_id: api.Id, payload: FollowUpResultIn):
    visible = DocumentationRequest.objects.filter(tender__in=_tenders(request))
    editable = DocumentationRequest.objects.filter(tender__in=_editable(request))
    item = api.get_for_change(visible, editable, request_id)
    form = api.valid(RequestResultForm(api.form_data(payload.dict()), instance=item))
    return api.save_logged(request, form.save(commit=False))


@router.post("/tenders/{tender_id}/sanctions", response={201: SanctionOut, **api.WRITE_ERRORS}, summary="Registrér en sanktion")
@api.requires("may_edit_procurement", in_body=True)
def create_sanction(request, tender_id: api.Id, payload: SanctionIn):
    tender = api.get_for_change(_tenders(request), _editable(request), tender_id)
    sanction = api.valid(SanctionForm(api.form_data(payload.dict()), tender=tender)).save(commit=False)
    sanction.tender = tender
    return api.created(api.save_logged(request, sanction))
