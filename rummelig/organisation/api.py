"""REST API for units (the organisation tree).

Everyone with a role sees the units they work with: HR and auditors all, a leder or TR their own
units and sub-units, a MED member the committee's area (units hold no people, so MED may see the
tree; people and placements stay hidden from MED). Only HR creates and changes units.
"""

from datetime import date
from decimal import Decimal
from typing import Literal

from ninja import Field, Query, Router, Schema

from rummelig.accounts.access import access_for
from rummelig.api.helpers import (
    CREATE_ERRORS,
    LIST_ERRORS,
    ONLY_HR,
    READ_ERRORS,
    WRITE_ERRORS,
    Day,
    Id,
    InputSchema,
    PageParams,
    created,
    get_or_404,
    object_rules,
    paginate,
    patch_changes,
    patch_schema,
    require,
    requires,
    save_logged,
    valid,
)

from .forms import UnitForm
from .models import Unit

router = Router(tags=["Enheder"])

UnitKind = Literal[tuple(Unit.Kind.values)]
# The municipality is the tree's one root: the API creates only what lies under it.
SubUnitKind = Literal[tuple(kind for kind in Unit.Kind.values if kind != Unit.Kind.MUNICIPALITY)]


class UnitOut(Schema):
    id: int = Field(description="Enhedens id.")
    name: str = Field(description="Enhedens navn.")
    kind: str = Field(description="Enhedstype: kommune, omraade (område/center) eller arbejdsplads.")
    parent: int | None = Field(alias="parent_id", description="Id på enheden over denne; null for kommunen.")
    payroll_id: str = Field(description="Enhedens id i lønsystemet.")
    p_number: str = Field(description="P-nummer (10 cifre) for arbejdspladser.")
    cost_centre: str = Field(description="Omkostningssted.")
    valid_from: date = Field(description="Første dag enheden findes.")
    valid_to: date | None = Field(description="Sidste dag enheden findes; null = findes stadig.")
    balance_threshold: Decimal = Field(description="Grænse i procent for midlertidigt ansatte på særlige vilkår i forhold til ordinært ansatte.")
    depth: int = Field(description="Niveau i træet: 0 = kommunen.")


class UnitPage(Schema):
    count: int = Field(description="Antal enheder, der passer på filteret.")
    items: list[UnitOut]


class UnitFilters(Schema):
    kind: UnitKind | None = Field(None, description="Kun enheder af denne type.")
    parent: Id | None = Field(None, description="Kun enheder lige under enheden med dette id.")


NAME = {"min_length": 1, "max_length": 200, "pattern": r"\S", "description": "Enhedens navn."}
PAYROLL_ID = {"max_length": 50, "description": "Enhedens id i lønsystemet."}
P_NUMBER = {"max_length": 10, "description": "P-nummer (10 cifre)."}
COST_CENTRE = {"max_length": 50, "description": "Omkostningssted."}


class UnitIn(InputSchema):
    """A unit as PUT replaces it: the municipality has no parent, every other unit has one."""

    model_config = object_rules(
        {
            "if": {"properties": {"kind": {"const": Unit.Kind.MUNICIPALITY.value}}, "required": ["kind"]},
            "then": {"properties": {"parent": {"type": "null"}}},
            "else": {"properties": {"parent": {"type": "integer"}}, "required": ["parent"]},
        }
    )

    name: str = Field(**NAME)
    kind: UnitKind = Field(Unit.Kind.WORKPLACE.value, description="Enhedstype: kommune (kun den øverste enhed), omraade eller arbejdsplads.")
    parent: Id | None = Field(None, description="Id på enheden over denne; null kun for kommunen, som er den eneste uden.")
    payroll_id: str = Field("", **PAYROLL_ID)
    p_number: str = Field("", **P_NUMBER)
    cost_centre: str = Field("", **COST_CENTRE)
    valid_from: Day = Field(description="Første dag enheden findes.")
    valid_to: Day | None = Field(None, description="Sidste dag enheden findes.")


class UnitCreate(InputSchema):
    """A new unit: an area or a workplace under an existing unit (there is one municipality, made at installation)."""

    name: str = Field(**NAME)
    kind: SubUnitKind = Field(Unit.Kind.WORKPLACE.value, description="Enhedstype: omraade (område/center) eller arbejdsplads.")
    parent: Id = Field(description="Id på enheden over den nye enhed.")
    payroll_id: str = Field("", **PAYROLL_ID)
    p_number: str = Field("", **P_NUMBER)
    cost_centre: str = Field("", **COST_CENTRE)
    valid_from: Day = Field(description="Første dag enheden findes.")
    valid_to: Day | None = Field(None, description="Sidste dag enheden findes.")


UnitPatch = patch_schema(UnitIn)


def _save(request, unit, changes):
    """Check unit with the changes through HR's UnitForm (the page's rules), save it and log it."""
    values = {name: getattr(unit, name) for name in UnitIn.model_fields if name != "parent"}
    values["parent"] = unit.parent_id
    values.update(changes)
    form = valid(UnitForm({name: "" if value is None else value for name, value in values.items()}, instance=unit))
    return save_logged(request, form.save(commit=False))


@router.get("", response={200: UnitPage, **LIST_ERRORS}, summary="List enheder")
@requires("login")
def list_units(request, filters: Query[UnitFilters], page: Query[PageParams]):
    """Enhederne du har adgang til, i træets rækkefølge."""
    units = access_for(request.user).visible_units()
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.parent is not None:
        units = units.filter(parent_id=filters.parent)
    return paginate(units, page)


@router.get("/{unit_id}", response={200: UnitOut, **READ_ERRORS}, summary="Hent én enhed")
@requires("sees_units")
def get_unit(request, unit_id: Id):
    return get_or_404(access_for(request.user).visible_units(), unit_id)


@router.post("", response={201: UnitOut, **CREATE_ERRORS}, summary="Opret en enhed (kun HR)")
@requires("is_hr", refuse=403, message=ONLY_HR)
def create_unit(request, payload: UnitCreate):
    return created(_save(request, Unit(), payload.dict()))


@router.put("/{unit_id}", response={200: UnitOut, **WRITE_ERRORS}, summary="Ret en enhed (kun HR)")
@requires("is_hr", in_body=True)
def replace_unit(request, unit_id: Id, payload: UnitIn):
    """Erstat alle felter; felter, der udelades, får deres standardværdi."""
    unit = get_unit(request, unit_id)
    require(request, "is_hr", message=ONLY_HR)
    return _save(request, unit, payload.dict())


@router.patch("/{unit_id}", response={200: UnitOut, **WRITE_ERRORS}, summary="Ret udvalgte felter på en enhed (kun HR)")
@requires("is_hr", in_body=True)
def update_unit(request, unit_id: Id, payload: UnitPatch):
    """Send kun de felter, der ændres."""
    unit = get_unit(request, unit_id)
    require(request, "is_hr", message=ONLY_HR)
    return _save(request, unit, patch_changes(payload))
