"""REST API for placements (ansættelser på særlige vilkår): list with the page's filters, read, create, change.

Scoping, health fields and validation are the pages' own: `access_for(user)` decides what exists
for the user, an employee representative gets `target_group` and `special_considerations` as null
(`health_fields_hidden` true), and every create or change passes `validate_placement`, the same
rules and Danish messages as the form. Reads of one placement are audited as views, lists as exports.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from rummelig.accounts.access import access_for, get_placement_or_404
from rummelig.api import helpers as api
from rummelig.people.api import PersonIn, person_form
from rummelig.people.models import Person
from rummelig.schemes.models import Scheme, TargetGroup

from .filters import DEFAULT_SORT, SORTS, PlacementFilter, sort_fields
from .forms import mentor_candidates
from .models import Outcome, Placement, Status
from .validation import Proposal, validate_placement

router = Router(tags=["Ansættelser"])

StatusCode = Literal[tuple(Status.values)]
SortKey = Literal[tuple(key for name in SORTS for key in (name, f"-{name}"))]
TargetGroupCode = Literal[tuple(["", *TargetGroup.values])]
OutcomeCode = Literal[tuple(["", *Outcome.values])]

HIDDEN_FOR_TR = " Null for tillidsrepræsentanter (helbredsoplysning)."


class PlacementOut(Schema):
    id: int = Field(description="Ansættelsens id.")
    person: int = Field(alias="person_id", description="Personens id.")
    person_name: str = Field(alias="person.full_name", description="Personens fulde navn.")
    scheme: str = Field(alias="scheme.code", description="Ordningens kode, fx 'fleksjob'.")
    scheme_name: str = Field(alias="scheme.name", description="Ordningens navn.")
    workplace: int = Field(alias="workplace_id", description="Arbejdspladsens id.")
    workplace_name: str = Field(alias="workplace.name", description="Arbejdspladsens navn.")
    employment: int | None = Field(alias="employment_id", description="Id på den ordinære ansættelse, et fleksjob eller skånejob hører til.")
    target_group: str | None = Field(description="Målgruppe (se /api/v1/schemes/target-groups)." + HIDDEN_FOR_TR)
    start: date = Field(description="Startdato.")
    planned_end: date | None = Field(description="Planlagt slutdato.")
    actual_end: date | None = Field(description="Faktisk slutdato.")
    status: str = Field(description="Status i dag: planlagt, aktiv, ophoerer_snart (inden for 30 dage) eller ophoert.")
    hours_per_week: Decimal | None = Field(description="Timer pr. uge.")
    vacated_post_on: date | None = Field(
        description="Løntilskud: dagen stillingen blev ledig ved en ordinært ansats afsked eller fratræden, hvis ansættelsen besætter den."
    )
    purpose: str = Field(description="Hvad målet med ansættelsen er.")
    special_considerations: str | None = Field(
        description="Aftalte særlige hensyn (opgaver der ikke skal udføres, anden arbejdstid)." + HIDDEN_FOR_TR
    )
    mentor: int | None = Field(alias="mentor_id", description="Mentorens person-id.")
    jobcenter_contact: str = Field(description="Kontaktperson i jobcentret.")
    yearly_subsidy: Decimal | None = Field(description="Årligt tilskud i kroner.")
    lives_in_municipality: bool | None = Field(description="Bor i kommunen.")
    via_own_jobcenter: bool | None = Field(description="Kom via kommunens eget jobcenter.")
    no_other_education: bool | None = Field(description="Elever: har ingen anden uddannelse.")
    outcome: str = Field(description="Udfald ved ophør (se feltet i POST).")
    extension_reason: str = Field(description="Begrundelse for forlængelse ud over den længste varighed.")
    requested_on: date | None = Field(description="Seniorjob: dagen personen bad om jobbet.")
    health_fields_hidden: bool = Field(description="Sand når target_group og special_considerations er skjult for dig.")
    created_at: datetime = Field(description="Oprettet (tidspunkt).")
    updated_at: datetime = Field(description="Sidst ændret (tidspunkt).")
    warnings: list[str] = Field(
        description="Advarsler, der ikke hindrer gemningen, fx at personen samtidig har en ansættelse i en anden ordning. "
        "Kun i svaret på en oprettelse eller ændring; tom ved læsning."
    )

    @staticmethod
    def resolve_warnings(obj):
        return getattr(obj, "validation_warnings", [])

    @staticmethod
    def resolve_status(obj):
        return obj.status_on(timezone.localdate())

    @staticmethod
    def resolve_target_group(obj, context):
        return obj.target_group if _shows_health(obj, context) else None

    @staticmethod
    def resolve_special_considerations(obj, context):
        return obj.special_considerations if _shows_health(obj, context) else None

    @staticmethod
    def resolve_health_fields_hidden(obj, context):
        return not _shows_health(obj, context)


def _shows_health(placement, context):
    """True unless the requesting user sees this placement only as an employee representative."""
    return access_for(context["request"].user).sees_health_of(placement)


PlacementPage = api.page_of(PlacementOut, "Antal ansættelser, der passer på filteret.")


class PlacementFilters(Schema):
    scheme: str | None = Field(None, description="Ordningens kode, fx 'loentilskud'.")
    centre: api.Id | None = Field(None, description="Id på et center (område) i dine enheder; ellers 404.")
    workplace: api.Id | None = Field(None, description="Id på en arbejdsplads i dine enheder; ellers 404.")
    status: StatusCode | None = Field(None, description="Status i dag: aktiv, ophoerer_snart, ophoert eller planlagt.")
    period_from: api.Day | None = Field(None, description="Kun ansættelser, der løber mindst én dag fra og med denne dato.")
    period_to: api.Day | None = Field(None, description="Kun ansættelser, der løber mindst én dag til og med denne dato.")
    q: str | None = Field(
        None, max_length=100,
        description="Søg på personens navn; HR også på fødselsdato. Et CPR-nummer afvises her (422): brug POST /placements/search.",
    )
    person: api.Id | None = Field(None, description="Kun denne persons ansættelser.")
    sort: SortKey = Field(DEFAULT_SORT, description="Sortering: " + ", ".join(SORTS) + "; med minus foran faldende.")


# Both an existing and a new person is refused (PERSON_EITHER_OR), in every write.
NOT_BOTH_PEOPLE = {"not": {"required": ["person", "new_person"]}}


class PlacementIn(api.InputSchema):
    """A placement as PUT replaces it; fields left out get their default, a person left out is kept."""

    model_config = api.object_rules(NOT_BOTH_PEOPLE)

    person: api.Id = Field(None, description="Id på en eksisterende person. Udelad og brug new_person for at oprette personen.")
    new_person: PersonIn = Field(None, description="Opret personen sammen med ansættelsen.")
    scheme: str = Field(min_length=1, max_length=50, description="Ordningens kode, fx 'fleksjob' (se /api/v1/schemes).")
    workplace: api.Id = Field(description="Id på arbejdspladsen; skal være en af dine enheder og gyldig på startdatoen.")
    employment: api.Id | None = Field(None, description="Id på personens ordinære ansættelse (fleksjob/skånejob til en, der mistede arbejdsevne her).")
    target_group: TargetGroupCode = Field("", description="Målgruppe (se /api/v1/schemes/target-groups); styrer den længste varighed.")
    start: api.Day = Field(description="Startdato.")
    planned_end: api.Day | None = Field(None, description="Planlagt slutdato.")
    actual_end: api.Day | None = Field(None, description="Faktisk slutdato; kræver et udfald (outcome).")
    hours_per_week: Decimal | None = Field(
        None, ge=0, le=168, max_digits=5, decimal_places=2, strict=False, description="Timer pr. uge (0–168, højst to decimaler)."
    )
    vacated_post_on: api.Day | None = Field(
        None, description="Løntilskud: besætter ansættelsen en stilling, der blev ledig ved en ordinært ansats afsked eller "
        "fratræden, dagen den blev ledig. Løntilskud må ikke besætte en stilling, der er blevet ledig inden for 3 måneder.",
    )
    purpose: str = Field("", description="Hvad målet med ansættelsen er.")
    special_considerations: str = Field("", description="Aftalte særlige hensyn.")
    mentor: api.Id | None = Field(None, description="Mentorens person-id.")
    jobcenter_contact: str = Field("", max_length=200, description="Kontaktperson i jobcentret.")
    yearly_subsidy: Decimal | None = Field(
        None, ge=0, le=Decimal("9999999999.99"), max_digits=12, decimal_places=2, strict=False,
        description="Årligt tilskud i kroner (højst to decimaler).",
    )
    lives_in_municipality: bool | None = Field(None, description="Bor i kommunen.")
    via_own_jobcenter: bool | None = Field(None, description="Kom via kommunens eget jobcenter.")
    no_other_education: bool | None = Field(None, description="Elever: har ingen anden uddannelse.")
    outcome: OutcomeCode = Field("", description="Udfald ved ophør: " + ", ".join(Outcome.values) + ".")
    extension_reason: str = Field("", description="Skriftlig begrundelse, når ansættelsen forlænges ud over den længste varighed.")
    requested_on: api.Day | None = Field(None, description="Seniorjob: dagen personen bad om jobbet.")


class PlacementCreate(PlacementIn):
    """A new placement: as PUT, and the person is either an existing one (person) or a new one (new_person)."""

    model_config = api.object_rules({**NOT_BOTH_PEOPLE, "anyOf": [{"required": ["person"]}, {"required": ["new_person"]}]})


PlacementPatch = api.patch_schema(PlacementIn, NOT_BOTH_PEOPLE)


def _person(request, placement, data):
    """Return the placement's person: an existing one, a new (unsaved) one from new_person, or the current one."""
    existing, new = data.pop("person", None), data.pop("new_person", None)
    if existing is not None and new is not None:
        raise api.FieldErrors({"person": [api.PERSON_EITHER_OR]})
    if new is not None:
        return person_form(Person(), new, "new_person.", hr=access_for(request.user).is_hr).instance
    if existing is not None:
        return api.pick(access_for(request.user).people(), existing, "person")
    if placement.person_id is None:
        raise api.FieldErrors({"person": [api.PERSON_MISSING]})
    return placement.person


def _save(request, placement, data):
    """Apply data to placement, check it as the form does, save it (and a new person) and log both."""
    access = access_for(request.user)
    person = _person(request, placement, data)
    if "scheme" in data:
        data["scheme"] = Scheme.objects.filter(code=data["scheme"]).prefetch_related("versions__durations").first()
        if data["scheme"] is None:
            raise api.FieldErrors({"scheme": [api.UNKNOWN_REFERENCE]})
    if "workplace" in data:
        data["workplace"] = api.pick(access.editable_units(), data["workplace"], "workplace")
    if "employment" in data:
        employments = access.editable_employments().filter(person_id=person.pk)
        data["employment"] = api.pick(employments, data["employment"], "employment")
    if "mentor" in data:
        data["mentor"] = api.pick(mentor_candidates(access, placement.mentor), data["mentor"], "mentor")
    for name, value in data.items():
        setattr(placement, name, value)
    findings = validate_placement(Proposal(
        scheme=placement.scheme,
        workplace=placement.workplace,
        target_group=placement.target_group,
        start=placement.start,
        planned_end=placement.planned_end,
        actual_end=placement.actual_end,
        extension_reason=placement.extension_reason,
        outcome=placement.outcome,
        birth_date=person.birth_date,
        placement=placement if placement.pk else None,
        hours_per_week=placement.hours_per_week,
        vacated_post_on=placement.vacated_post_on,
        person=person if person.pk else None,
    ))
    if findings.errors:
        raise api.FieldErrors(findings.errors)
    if person.pk is None:
        api.save_logged(request, person)
    placement.person = person
    if placement.pk is None:
        placement.created_by = request.user
    saved = api.save_logged(request, placement)
    saved.validation_warnings = findings.warnings
    return saved


class PlacementSearchIn(api.InputSchema, PlacementFilters, api.PageParams):
    """The list's filters and paging in a body, so a CPR number in q never is in an address."""

    q: str | None = Field(
        None, max_length=100,
        description="Søg på personens navn; HR også på fuldt CPR-nummer, de første seks cifre eller fødselsdato.",
    )


@router.post("/search", response={200: PlacementPage, **api.SEARCH_ERRORS}, summary="Søg ansættelser (også på CPR-nummer)")
@api.requires("sees_individuals", in_body=True)
def search_placements(request, payload: PlacementSearchIn):
    """Som listen, men filtrene står i kroppen, så HR kan søge på et CPR-nummer uden at det kommer i en adresse
    eller en logfil. Søgningen skrives i revisionsloggen med CPR-nummeret maskeret."""
    return list_placements(request, payload, payload)


@router.get("", response={200: PlacementPage, **api.SCOPED_LIST_ERRORS}, summary="List ansættelser")
@api.requires("sees_individuals", in_body=True)
def list_placements(request, filters: Query[PlacementFilters], page: Query[api.PageParams]):
    """Ansættelserne i dine enheder, nyeste start først, filtreret som på listesiden.
    Hver liste skrives i revisionsloggen som et udtræk med filter og antal."""
    if request.method == "GET":
        api.refuse_cpr_in_address(filters.q, "/api/v1/placements/search")
    access = api.require(request, "sees_individuals", refuse=404)
    placements = filter_placements(access, filters).select_related("person", "scheme", "workplace")
    return api.audited_page(request, "placement", placements, page, filters)


def filter_placements(access, filters):
    """Return the user's placements filtered and sorted by the list page's own PlacementFilter."""
    data = {name: value for name, value in filters.dict().items() if value not in (None, "") and name not in ("limit", "offset")}
    if "scheme" in data:
        data["scheme"] = Scheme.objects.filter(code=data["scheme"]).values_list("pk", flat=True).first()
        if data["scheme"] is None:
            raise api.FieldErrors({"scheme": [api.UNKNOWN_REFERENCE]})
    filterset = PlacementFilter(data, queryset=access.placements(), access=access)
    if filterset.unit_outside_scope:
        raise Http404
    api.valid(filterset.form)
    placements = filterset.qs.order_by(*sort_fields(filters.sort))
    if filters.person is not None:
        placements = placements.filter(person_id=filters.person)
    return placements


@router.get("/{placement_id}", response={200: PlacementOut, **api.READ_ERRORS}, summary="Hent én ansættelse")
@api.requires("sees_individuals")
def get_placement(request, placement_id: api.Id):
    """Én ansættelse; læsningen skrives i revisionsloggen."""
    return api.log_read(request, get_placement_or_404(request.user, placement_id))


@router.post("", response={201: PlacementOut, **api.CREATE_ERRORS}, summary="Opret en ansættelse")
@api.requires("may_edit", refuse=403)
def create_placement(request, payload: PlacementCreate):
    """HR overalt, ledere i egne enheder. Reglerne er de samme som i formularen; fejl svarer 422 med danske beskeder."""
    return api.created(_save(request, Placement(), payload.dict()))


def _placement_for_change(request, placement_id):
    access = access_for(request.user)
    return api.get_for_change(access.placements().select_related("person", "scheme", "workplace"), access.editable_placements(), placement_id)


@router.put("/{placement_id}", response={200: PlacementOut, **api.WRITE_ERRORS}, summary="Ret en ansættelse")
@api.requires("may_edit", in_body=True)
def replace_placement(request, placement_id: api.Id, payload: PlacementIn):
    """Erstat alle felter; udeladte felter får deres standardværdi, en udeladt person bevares."""
    placement = _placement_for_change(request, placement_id)
    return _save(request, placement, payload.dict())


@router.patch("/{placement_id}", response={200: PlacementOut, **api.WRITE_ERRORS}, summary="Ret udvalgte felter på en ansættelse")
@api.requires("may_edit", in_body=True)
def update_placement(request, placement_id: api.Id, payload: PlacementPatch):
    """Send kun de felter, der ændres; resten kontrolleres igen sammen med ændringen."""
    placement = _placement_for_change(request, placement_id)
    return _save(request, placement, api.patch_changes(payload))
