"""REST API for retention cases: the same permission and rules as the pages (HR and the workplace's leder)."""

from datetime import date
from typing import Literal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema

from rummelig.accounts.access import access_for, get_person_or_404
from rummelig.api import helpers as api

from .forms import AbsenceForm, CaseForm, CloseForm, StepForm
from .models import AbsencePeriod, Result, RetentionCase, Step, StepKind
from .views import _case_units, result_placements

router = Router(tags=["Fastholdelse"])

class AbsenceOut(Schema):
    id: int
    first_day: date = Field(description="Første fraværsdag.")
    last_day: date | None = Field(description="Sidste fraværsdag; null mens fraværet varer.")
    partial: bool = Field(description="Delvist fraværende.")


class StepOut(Schema):
    id: int
    kind: str = Field(description="Skridtets art, fx absence_talk (sygefraværssamtale) eller agreement_56 (§ 56-aftale).")
    on: date
    until: date | None = Field(description="Sidste dag det gælder; en § 56-aftale får to år.")
    note: str


class DeadlineOut(Schema):
    label: str
    due: date
    met_on: date | None
    overdue: bool


class CaseOut(Schema):
    id: int
    person: int = Field(alias="person_id", description="Personens id.")
    unit: int = Field(alias="unit_id", description="Arbejdspladsens id.")
    opened_on: date
    closed_on: date | None
    result: str = Field(description="Resultatet, når sagen er afsluttet: ordinary, fleksjob, skaanejob, other_job, left.")
    result_placement: int | None = Field(alias="result_placement_id", description="Fleksjobbet eller skånejobbet på samme arbejdsplads.")


class CaseDetailOut(CaseOut):
    absences: list[AbsenceOut]
    steps: list[StepOut]
    deadlines: list[DeadlineOut]

    @staticmethod
    def resolve_deadlines(obj):
        today = timezone.localdate()
        return [{"label": d.rule.label, "due": d.due, "met_on": d.met_on, "overdue": d.is_overdue(today)} for d in obj.deadlines()]


CasePage = api.page_of(CaseOut)


class CaseFilters(Schema):
    open: bool | None = Field(None, description="true: kun åbne sager; false: kun afsluttede.")
    person: api.Id | None = Field(None, description="Kun sager om personen med dette id.")


class CaseIn(api.InputSchema):
    person: api.Id = Field(description="Personens id; personen skal have en ordinær ansættelse i dine enheder.")
    unit: api.Id = Field(description="Arbejdspladsen, hvor personen er ansat.")
    opened_on: api.Day = Field(description="Dagen sagen åbnes.")
    first_day: api.Day | None = Field(None, description="Valgfrit: første fraværsdag i det fravær, der førte til sagen.")


class AbsenceIn(api.InputSchema):
    first_day: api.Day
    last_day: api.Day | None = None
    partial: bool = False


class StepIn(api.InputSchema):
    kind: Literal[tuple(StepKind.values)]
    on: api.Day
    until: api.Day | None = None
    note: str = Field("", max_length=5000, description="Hvad der blev gjort og aftalt; aldrig en diagnose eller årsagen.")


class CloseIn(api.InputSchema):
    closed_on: api.Day
    result: Literal[tuple(Result.values)]
    result_placement: api.Id | None = Field(None, description="Ved fleksjob eller skånejob: ansættelsen på samme arbejdsplads.")


def _case(request, case_id):
    return api.get_or_404(access_for(request.user).retention_cases(), case_id)


@router.get("", response={200: CasePage, **api.SCOPED_LIST_ERRORS}, summary="List fastholdelsessager")
@api.requires("handles_retention")
def list_cases(request, filters: Query[CaseFilters], page: Query[api.PageParams]):
    cases = access_for(request.user).retention_cases()
    if filters.open is not None:
        cases = cases.filter(closed_on__isnull=filters.open)
    if filters.person is not None:
        cases = cases.filter(person_id=filters.person)
    return api.audited_page(request, "retention_case", cases, page, filters)


@router.get("/{case_id}", response={200: CaseDetailOut, **api.READ_ERRORS}, summary="Hent én fastholdelsessag")
@api.requires("handles_retention")
def get_case(request, case_id: api.Id):
    return api.log_read(request, _case(request, case_id))


@router.post("", response={201: CaseOut, **api.WRITE_ERRORS}, summary="Åbn en fastholdelsessag")
@api.requires("handles_retention")
def create_case(request, payload: CaseIn):
    person = get_person_or_404(request.user, payload.person)
    case = RetentionCase(person=person, opened_by=request.user)
    form = api.valid(CaseForm(api.form_data(payload.dict()), instance=case, units=_case_units(access_for(request.user), person)))
    with transaction.atomic():
        api.save_form(request, form)
        if payload.first_day:
            api.save_logged(request, AbsencePeriod(case=case, first_day=payload.first_day))
    return api.created(case)


def _add(request, case_id, payload, form_class, item):
    case = _case(request, case_id)
    if not case.is_open:
        raise api.FieldErrors({"__all__": [CLOSED]})
    item.case = case
    return api.created(api.save_form(request, api.valid(form_class(api.form_data(payload.dict()), instance=item))))


CLOSED = gettext_lazy("The case is closed; it can no longer be changed.")


@router.post("/{case_id}/absences", response={201: AbsenceOut, **api.WRITE_ERRORS},
             summary="Registrér en fraværsperiode")
@api.requires("handles_retention")
def add_absence(request, case_id: api.Id, payload: AbsenceIn):
    return _add(request, case_id, payload, AbsenceForm, AbsencePeriod())


@router.post("/{case_id}/steps", response={201: StepOut, **api.WRITE_ERRORS}, summary="Registrér et skridt")
@api.requires("handles_retention")
def add_step(request, case_id: api.Id, payload: StepIn):
    return _add(request, case_id, payload, StepForm, Step(created_by=request.user))


@router.post("/{case_id}/close", response={200: CaseOut, **api.WRITE_ERRORS}, summary="Afslut sagen")
@api.requires("handles_retention")
def close_case(request, case_id: api.Id, payload: CloseIn):
    case = _case(request, case_id)
    if not case.is_open:
        raise api.FieldErrors({"__all__": [CLOSED]})
    return api.save_form(request, api.valid(CloseForm(api.form_data(payload.dict()), instance=case, placements=result_placements(case))))
