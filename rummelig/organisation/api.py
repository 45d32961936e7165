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
from rummelig.api import helpers as api

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


UnitPage = api.page_of(UnitOut, "Antal enheder, der passer på filteret.")


class UnitFilters(Schema):
    kind: UnitKind | None = Field(None, description="Kun enheder af denne type.")
    parent: api.Id | None = Field(None, description="Kun enheder lige under enheden med dette id.")


NAME = {"min_length": 1, "max_length": 200, "pattern": r"\S", "description": "Enhedens navn."}
PAYROLL_ID = {"max_length": 50, "description": "Enhedens id i lønsystemet."}
P_NUMBER = {"max_length": 10, "description": "P-nummer (10 cifre)."}
COST_CENTRE = {"max_length": 50, "description": "Omkostningssted."}


class UnitIn(api.InputSchema):
    """A unit as PUT replaces it: the municipality has no parent, every other unit has one."""

    model_config = api.object_rules(
        {
            "if": {"properties": {"kind": {"const": Unit.Kind.MUNICIPALITY.value}}, "required": ["kind"]},
            "then": {"properties": {"parent": {"type": "null"}}},
            "else": {"properties": {"parent": {"type": "integer"}}, "required": ["parent"]},
        }
    )

    name: str = Field(**NAME)
    kind: UnitKind = Field(Unit.Kind.WORKPLACE.value, description="Enhedstype: kommune (kun den øverste enhed), omraade eller arbejdsplads.")
    parent: api.Id | None = Field(None, description="Id på enheden over denne; null kun for kommunen, som er den eneste uden.")
    payroll_id: str = Field("", **PAYROLL_ID)
    p_number: str = Field("", **P_NUMBER)
    cost_centre: str = Field("", **COST_CENTRE)
    valid_from: api.Day = Field(description="Første dag enheden findes.")
    valid_to: api.Day | None = Field(None, description="Sidste dag enheden findes.")


class UnitCreate(api.InputSchema):
    """A new unit: an area or a workplace under an existing unit (there is one municipality, made at installation)."""

    name: str = Field(**NAME)
    kind: SubUnitKind = Field(Unit.Kind.WORKPLACE.value, description="Enhedstype: omraade (område/center) eller arbejdsplads.")
    parent: api.Id = Field(description="Id på enheden over den nye enhed.")
    payroll_id: str = Field("", **PAYROLL_ID)
    p_number: str = Field("", **P_NUMBER)
    cost_centre: str = Field("", **COST_CENTRE)
    valid_from: api.Day = Field(description="Første dag enheden findes.")
    valid_to: api.Day | None = Field(None, description="Sidste dag enheden findes.")


UnitPatch = api.patch_schema(UnitIn)


def _save(request, unit, changes):
    """Check unit with the changes through HR's UnitForm (the page's rules), save it and log it."""
    values = {name: getattr(unit, name) for name in UnitIn.model_fields if name != "parent"}
    values["parent"] = unit.parent_id
    values.update(changes)
    form = api.valid(UnitForm({name: "" if value is None else value for name, value in values.items()}, instance=unit))
    return api.save_logged(request, form.save(commit=False))


@router.get("", response={200: UnitPage, **api.LIST_ERRORS}, summary="List enheder")
@api.requires("login")
def list_units(request, filters: Query[UnitFilters], page: Query[api.PageParams]):
    """Enhederne du har adgang til, i træets rækkefølge."""
    units = access_for(request.user).visible_units()
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.parent is not None:
        units = units.filter(parent_id=filters.parent)
    return api.paginate(units, page)


@router.get("/{unit_id}", response={200: UnitOut, **api.READ_ERRORS}, summary="Hent én enhed")
@api.requires("sees_units")
def get_unit(request, unit_id: api.Id):
    return api.get_or_404(access_for(request.user).visible_units(), unit_id)


@router.post("", response={201: UnitOut, **api.CREATE_ERRORS}, summary="Opret en enhed (kun HR)")
@api.requires("is_hr", refuse=403, message=api.ONLY_HR)
def create_unit(request, payload: UnitCreate):
    return api.created(_save(request, Unit(), payload.dict()))


@router.put("/{unit_id}", response={200: UnitOut, **api.WRITE_ERRORS}, summary="Ret en enhed (kun HR)")
@api.requires("is_hr", in_body=True)
def replace_unit(request, unit_id: api.Id, payload: UnitIn):
    """Erstat alle felter; felter, der udelades, får deres standardværdi."""
    unit = get_unit(request, unit_id)
    api.require(request, "is_hr", message=api.ONLY_HR)
    return _save(request, unit, payload.dict())


@router.patch("/{unit_id}", response={200: UnitOut, **api.WRITE_ERRORS}, summary="Ret udvalgte felter på en enhed (kun HR)")
@api.requires("is_hr", in_body=True)
def update_unit(request, unit_id: api.Id, payload: UnitPatch):
    """Send kun de felter, der ændres."""
    unit = get_unit(request, unit_id)
    api.require(request, "is_hr", message=api.ONLY_HR)
    return _save(request, unit, api.patch_changes(payload))
