"""REST API of the onboarding app: positions on special terms, a placement's checklist, evaluations, mentor periods
and outcome follow-ups, and the MED committees' framework answers. Same permissions as the pages: a record outside
the user's units is 404, a role that may only read gets 403. Input is checked by the pages' forms."""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from rummelig.accounts.access import access_for
from rummelig.api import helpers as api
from rummelig.placements.models import Outcome

from .checklists import progress_of
from .forms import EvaluationForm, FollowUpForm, FrameworkForm, MentorshipForm, PositionForm
from .models import QUESTION_FIELDS, Checklist, ChecklistItem, Education, FrameworkAnswer, Mentorship, Position, TaskKind
from .views.follow_up import save_follow_up, save_mentorship, tick

router = Router(tags=["Modtagelse og opfølgning"])

TaskKindCode = Literal[tuple(TaskKind.values)]
EducationCode = Literal[tuple(Education.values)]
OutcomeCode = Literal[tuple(Outcome.values)]


# Positions -------------------------------------------------------------------------------------------------

class PositionOut(Schema):
    id: int
    workplace: int = Field(alias="workplace_id", description="Arbejdspladsens id.")
    title: str
    tasks: str
    task_kind: str = Field(description="Opgavetype: " + ", ".join(TaskKind.values))
    education: str = Field(description="Uddannelse, der efterspørges: " + ", ".join(Education.values))
    hours_per_week: Decimal | None
    schemes: list[str] = Field(description="Koderne på de ordninger, stillingen passer til.")
    upskilling: str
    mentor_ready: bool
    available_from: date
    taken: bool = Field(alias="is_taken", description="Besat af en ansættelse.")
    withdrawn: bool

    @staticmethod
    def resolve_schemes(obj):
        return [s.code for s in obj.schemes.all()]


PositionPage = api.page_of(PositionOut)


class PositionIn(api.InputSchema):
    workplace: api.Id = Field(description="Arbejdspladsens id (en af dine enheder).")
    title: str = Field(min_length=1, max_length=200, pattern=r"\S")
    tasks: str = Field(min_length=1, max_length=5000, pattern=r"\S")
    task_kind: TaskKindCode
    education: EducationCode = "ingen"
    hours_per_week: Decimal | None = Field(None, ge=0, le=168, max_digits=5, decimal_places=2, strict=False)
    schemes: list[str] = Field(min_length=1, max_length=20, description="Ordningernes koder, fx 'fleksjob'.")
    upskilling: str = Field("", max_length=5000)
    mentor_ready: bool = False
    available_from: api.Day
    filled_by: api.Id | None = Field(None, description="Id på den ansættelse, der besætter stillingen.")
    withdrawn: bool = False


PositionPatch = api.patch_schema(PositionIn)


def _position_values(position, data):
    from rummelig.schemes.models import Scheme

    current = {
        "workplace": position.workplace_id, "title": position.title, "tasks": position.tasks, "task_kind": position.task_kind,
        "education": position.education, "hours_per_week": position.hours_per_week, "upskilling": position.upskilling,
        "mentor_ready": position.mentor_ready, "available_from": position.available_from, "filled_by": position.filled_by_id,
        "withdrawn": position.withdrawn,
        "schemes": [s.code for s in position.schemes.all()] if position.pk else [],
    }
    current.update(data)
    codes = current.pop("schemes")
    found = dict(Scheme.objects.filter(code__in=codes).values_list("code", "pk"))
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise api.FieldErrors({"schemes": [f"Ukendt ordning: {', '.join(unknown)}."]})
    values = api.form_data(current)
    values["schemes"] = [found[c] for c in codes]
    return values


def _save_position(request, position, data):
    return api.save_form(request, api.valid(PositionForm(_position_values(position, data), instance=position, access=access_for(request.user))))


@router.get("/positions", response={200: PositionPage, **api.SCOPED_LIST_ERRORS}, summary="List stillinger på særlige vilkår")
@api.requires("sees_positions")
def list_positions(request, page: Query[api.PageParams], open_only: bool = False):
    """Stillingerne i dine enheder (HR, ledere og beskæftigelsesenheden). `open_only`: kun ledige."""
    positions = access_for(request.user).positions().prefetch_related("schemes").order_by("available_from", "pk")
    if open_only:
        positions = positions.filter(filled_by__isnull=True, withdrawn=False)
    return api.paginate(positions, page)


@router.get("/positions/{position_id}", response={200: PositionOut, **api.READ_ERRORS}, summary="Hent én stilling")
@api.requires("sees_positions")
def get_position(request, position_id: api.Id):
    return api.get_or_404(access_for(request.user).positions(), position_id)


@router.post("/positions", response={201: PositionOut, **api.CREATE_ERRORS}, summary="Opret en stilling")
@api.requires("may_edit", refuse=403)
def create_position(request, payload: PositionIn):
    """HR og ledere, på en arbejdsplads i egne enheder."""
    return api.created(_save_position(request, Position(), payload.dict()))


@router.patch("/positions/{position_id}", response={200: PositionOut, **api.WRITE_ERRORS}, summary="Ret en stilling")
@api.requires("may_edit", in_body=True)
def update_position(request, position_id: api.Id, payload: PositionPatch):
    access = access_for(request.user)
    position = api.get_for_change(access.positions(), access.editable_positions(), position_id)
    return _save_position(request, position, api.patch_changes(payload))


# A placement's checklist, evaluations, mentors and follow-ups ---------------------------------------------------

def _followed(request, placement_id):
    return api.get_or_404(access_for(request.user).follow_up_placements().select_related("scheme"), placement_id)


def _followed_for_change(request, placement_id):
    access = access_for(request.user)
    return api.get_for_change(access.follow_up_placements().select_related("scheme", "person"),
                          access.editable_placements(), placement_id)


class ItemOut(Schema):
    id: int
    text: str
    due: date
    done_on: date | None
    note: str


class ChecklistOut(Schema):
    placement: int
    done: int
    total: int
    overdue: int
    items: list[ItemOut]


class ItemIn(api.InputSchema):
    done: bool = Field(description="Punktet er gjort (i dag), eller ikke gjort.")
    note: str = Field("", max_length=2000)


@router.get("/placements/{placement_id}/checklist", response={200: ChecklistOut, **api.READ_ERRORS}, summary="En ansættelses tjekliste")
@api.requires("sees_follow_up")
def get_checklist(request, placement_id: api.Id):
    """HR, revisor og ansættelsens leder; ikke TR, mentor eller MED."""
    placement = _followed(request, placement_id)
    checklist = Checklist.objects.filter(placement=placement).first()
    if checklist is None:
        raise Http404
    api.log_read(request, placement)
    done, total, late = progress_of(checklist, timezone.localdate())
    return {"placement": placement.pk, "done": done, "total": total, "overdue": late, "items": list(checklist.items.all())}


@router.patch("/placements/{placement_id}/checklist/items/{item_id}", response={200: ItemOut, **api.WRITE_ERRORS},
              summary="Markér et punkt på tjeklisten")
@api.requires("may_edit", in_body=True)
def tick_item(request, placement_id: api.Id, item_id: api.Id, payload: ItemIn):
    placement = _followed_for_change(request, placement_id)
    item = api.get_or_404(ChecklistItem.objects.filter(checklist__placement=placement), item_id)
    return tick(request.user, item, payload.done, payload.note)


class EvaluationOut(Schema):
    id: int
    held_on: date
    participants: str
    notes: str
    next_step: str
    upskilling: str
    extra: bool


class EvaluationIn(api.InputSchema):
    held_on: api.Day
    participants: str = Field(min_length=1, max_length=300, pattern=r"\S")
    notes: str = Field("", max_length=10000)
    next_step: str = Field(min_length=1, max_length=5000, pattern=r"\S")
    upskilling: str = Field("", max_length=5000)
    extra: bool = False


@router.get("/placements/{placement_id}/evaluations", response={200: list[EvaluationOut], **api.READ_ERRORS}, summary="En ansættelses evalueringer")
@api.requires("sees_follow_up")
def list_evaluations(request, placement_id: api.Id):
    """Med noter: kun HR, revisor og ansættelsens leder."""
    placement = _followed(request, placement_id)
    api.log_read(request, placement)
    return list(placement.evaluations.all())


@router.post("/placements/{placement_id}/evaluations", response={201: EvaluationOut, **api.WRITE_ERRORS}, summary="Registrér en evaluering")
@api.requires("may_edit", in_body=True)
def create_evaluation(request, placement_id: api.Id, payload: EvaluationIn):
    placement = _followed_for_change(request, placement_id)
    evaluation = api.valid(EvaluationForm(api.form_data(payload.dict()), placement=placement)).save(commit=False)
    evaluation.placement, evaluation.created_by = placement, request.user
    return api.created(api.save_logged(request, evaluation))


class MentorshipOut(Schema):
    id: int
    mentor: int = Field(alias="mentor_id", description="Mentorens person-id.")
    mentor_name: str = Field(alias="mentor.full_name")
    starts: date
    ends: date
    hours_per_week: Decimal


class MentorshipIn(api.InputSchema):
    mentor: api.Id = Field(description="Person-id på en medarbejder i dine enheder.")
    starts: api.Day
    ends: api.Day = Field(description="Højst 6 måneder efter starten (LAB § 167).")
    hours_per_week: Decimal = Field(gt=0, le=37, max_digits=5, decimal_places=2, strict=False)


@router.get("/placements/{placement_id}/mentors", response={200: list[MentorshipOut], **api.READ_ERRORS}, summary="En ansættelses mentorperioder")
@api.requires("sees_follow_up")
def list_mentors(request, placement_id: api.Id):
    return list(_followed(request, placement_id).mentorships.select_related("mentor"))


@router.post("/placements/{placement_id}/mentors", response={201: MentorshipOut, **api.WRITE_ERRORS}, summary="Tilføj en mentorperiode")
@api.requires("may_edit", in_body=True)
def create_mentorship(request, placement_id: api.Id, payload: MentorshipIn):
    placement = _followed_for_change(request, placement_id)
    form = api.valid(MentorshipForm(payload.dict(), access=access_for(request.user), placement=placement, instance=Mentorship(placement=placement)))
    return api.created(save_mentorship(request.user, form))


class FollowUpOut(Schema):
    months: int
    outcome: str
    recorded_on: date


class FollowUpIn(api.InputSchema):
    months: Literal[3, 12] = Field(description="3 eller 12 måneder efter ophøret.")
    outcome: OutcomeCode


@router.post("/placements/{placement_id}/follow-ups", response={201: FollowUpOut, **api.WRITE_ERRORS}, summary="Registrér en opfølgning efter ophør")
@api.requires("may_edit", in_body=True)
def create_follow_up(request, placement_id: api.Id, payload: FollowUpIn):
    """Hvad personen gik videre til 3 og 12 måneder efter en midlertidig ansættelse ophørte."""
    placement = _followed_for_change(request, placement_id)
    form = api.valid(FollowUpForm({"months": payload.months, "outcome": payload.outcome}, placement=placement))
    return api.created(save_follow_up(request.user, placement, form.cleaned_data["months"], form.cleaned_data["outcome"]))


# The MED committees' framework ---------------------------------------------------------------------------------

class FrameworkOut(Schema):
    id: int
    workplace: int = Field(alias="workplace_id")
    answered_on: date
    offer: str
    perspectives_person: str
    perspectives_workplace: str
    integration: str
    support: str
    permanent_staff: str


FrameworkPage = api.page_of(FrameworkOut)


_answer = Field(min_length=1, max_length=10000, pattern=r"\S")


class FrameworkIn(api.InputSchema):
    workplace: api.Id
    answered_on: api.Day
    offer: str = _answer
    perspectives_person: str = _answer
    perspectives_workplace: str = _answer
    integration: str = _answer
    support: str = _answer
    permanent_staff: str = _answer


@router.get("/framework-answers", response={200: FrameworkPage, **api.SCOPED_LIST_ERRORS}, summary="MED-udvalgenes rammer")
@api.requires("sees_framework")
def list_framework_answers(request, page: Query[api.PageParams]):
    """De lokale MED-udvalgs svar på de seks spørgsmål, nyeste først. Principper: ingen personer."""
    units = access_for(request.user).framework_units()
    return api.paginate(FrameworkAnswer.objects.filter(workplace__in=units).order_by("-answered_on", "-pk"), page)


@router.post("/framework-answers", response={201: FrameworkOut, **api.CREATE_ERRORS}, summary="Registrér MED-udvalgets svar")
@api.requires("may_edit", refuse=403)
def create_framework_answer(request, payload: FrameworkIn):
    answer = api.valid(FrameworkForm(payload.dict(), access=access_for(request.user))).save(commit=False)
    answer.recorded_by = request.user
    return api.created(api.save_logged(request, answer))


assert set(QUESTION_FIELDS) <= set(FrameworkIn.model_fields)
