"""REST API for MED committees: the same permissions as the pages. A record takes no person (unknown fields are refused)."""

from datetime import date

from ninja import Field, Router, Schema

from rummelig.accounts.access import access_for
from rummelig.api.helpers import (
    READ_ERRORS,
    SCOPED_LIST_ERRORS,
    WRITE_ERRORS,
    Id,
    InputSchema,
    created,
    form_data,
    get_or_404,
    requires,
    save_form,
    valid,
)

from .forms import ItemForm
from .models import AgendaItem, Committee, Meeting, Theme

router = Router(tags=["MED"])


class CommitteeOut(Schema):
    id: int
    name: str
    kind: str
    parent: int | None
    units: list[int]

    @staticmethod
    def resolve_parent(obj):
        return obj.parent_id

    @staticmethod
    def resolve_units(obj):
        return [u.pk for u in obj.units.all()]


class MemberOut(Schema):
    user: str = Field(description="Medlemmets navn.")
    seat: str
    union: str
    substitute: bool
    term_from: date
    term_until: date | None

    @staticmethod
    def resolve_user(obj):
        return obj.user.get_full_name() or obj.user.username


class ThemeOut(Schema):
    id: int
    name: str
    month: int
    fixed: bool

    @staticmethod
    def resolve_fixed(obj):
        return obj.is_fixed


class ItemOut(Schema):
    id: int
    title: str
    record: str
    theme: int | None
    attachment: str

    @staticmethod
    def resolve_theme(obj):
        return obj.theme_id


class MeetingOut(Schema):
    id: int
    committee: int
    date: date
    items: list[ItemOut]

    @staticmethod
    def resolve_committee(obj):
        return obj.committee_id

    @staticmethod
    def resolve_items(obj):
        return list(obj.items.all())


class ItemIn(InputSchema):
    """An item and its record: principles only. There is no field for a person, and an unknown field is refused."""

    title: str = Field(min_length=1, max_length=200)
    record: str = Field("", max_length=20000)
    attachment: str = Field("", pattern="^(|figures|annual_report|framework)$")
    confirm_no_case: bool = Field(False, description="Bekræft, at en tekst, der nævner et navn, handler om principper.")


def _committee(request, pk):
    return get_or_404(access_for(request.user).committees(), pk)


@router.get("/committees", response={200: list[CommitteeOut], **SCOPED_LIST_ERRORS}, summary="List MED-udvalg")
@requires("sees_committees")
def list_committees(request):
    return list(access_for(request.user).committees().prefetch_related("units"))


@router.get("/committees/{committee_id}", response={200: CommitteeOut, **READ_ERRORS}, summary="Hent ét MED-udvalg")
@requires("sees_committees")
def get_committee(request, committee_id: Id):
    return _committee(request, committee_id)


@router.get("/committees/{committee_id}/members", response={200: list[MemberOut], **READ_ERRORS}, summary="Udvalgets medlemmer")
@requires("sees_committees")
def list_members(request, committee_id: Id):
    return list(_committee(request, committee_id).memberships.select_related("user"))


@router.get("/committees/{committee_id}/themes", response={200: list[ThemeOut], **READ_ERRORS}, summary="Udvalgets årshjul")
@requires("sees_committees")
def list_themes(request, committee_id: Id):
    return list(Theme.for_committee(_committee(request, committee_id)))


@router.get("/committees/{committee_id}/meetings", response={200: list[MeetingOut], **READ_ERRORS}, summary="Udvalgets møder")
@requires("sees_committees")
def list_meetings(request, committee_id: Id):
    return list(_committee(request, committee_id).meetings.prefetch_related("items"))


@router.post("/meetings/{meeting_id}/items", response={201: ItemOut, **WRITE_ERRORS}, summary="Tilføj et punkt med referat")
@requires("sees_committees")
def add_item(request, meeting_id: Id, payload: ItemIn):
    meeting = get_or_404(Meeting.objects.filter(committee__in=access_for(request.user).committees()), meeting_id)
    if not access_for(request.user).chairs(meeting.committee):
        from ninja.errors import HttpError

        raise HttpError(403, "Kun udvalgets formand og næstformand skriver referat.")
    item = AgendaItem(meeting=meeting, position=meeting.items.count())
    form = ItemForm(form_data(payload.dict()), instance=item, may_attach_report=meeting.committee.kind == Committee.Kind.HOVEDUDVALG)
    return created(save_form(request, valid(form)))
