"""REST API for units (the organisation tree).

Everyone with a role sees the units they work with: HR and auditors all, a leder or TR their own
units and sub-units, a MED member the committee's area (units hold no people, so MED may see the
tree; people and placements stay hidden from MED). Only HR creates and changes units.
"""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from rummelig.accounts.access import access_for
from rummelig.accounts.api_helpers import (
    ONLY_HR,
    READ_ERRORS,
    WRITE_ERRORS,
    FieldErrors,
    PageParams,
    form_errors,
    paginate,
    patch_changes,
    patch_schema,
    require_hr,
    save_logged,
)
from rummelig.audit import log

from .forms import UnitForm
from .models import Unit

router = Router(tags=["Enheder"])

UnitKind = Literal[tuple(Unit.Kind.values)]


class UnitOut(Schema):
    id: int = Field(description="Enhedens id.")
    name: str = Field(description="Enhedens navn.")
    kind: str = Field(description="Enhedstype: kommune, omraade (område/center) eller arbejdsplads.")
    parent: int | None = Field(description="Id på enheden over denne; null for kommunen.")
    payroll_id: str = Field(description="Enhedens id i lønsystemet.")
    p_number: str = Field(description="P-nummer (10 cifre) for arbejdspladser.")
    cost_centre: str = Field(description="Omkostningssted.")
    valid_from: date = Field(description="Første dag enheden findes.")
    valid_to: date | None = Field(description="Sidste dag enheden findes; null = findes stadig.")
    balance_threshold: Decimal = Field(description="Grænse i procent for midlertidigt ansatte på særlige vilkår i forhold til ordinært ansatte.")
    depth: int = Field(description="Niveau i træet: 0 = kommunen.")

    @staticmethod
    def resolve_parent(obj):
        return obj.parent_id


class UnitPage(Schema):
    count: int = Field(description="Antal enheder, der passer på filteret.")
    items: list[UnitOut]


class UnitFilters(Schema):
    kind: UnitKind | None = Field(None, description="Kun enheder af denne type.")
    parent: int | None = Field(None, description="Kun enheder lige under enheden med dette id.")


class UnitIn(Schema):
    name: str = Field(min_length=1, max_length=200, description="Enhedens navn.")
    kind: UnitKind = Field(Unit.Kind.WORKPLACE.value, description="Enhedstype: kommune, omraade eller arbejdsplads.")
    parent: int | None = Field(None, description="Id på enheden over denne; kræves for alt andet end kommunen.")
    payroll_id: str = Field("", max_length=50, description="Enhedens id i lønsystemet.")
    p_number: str = Field("", max_length=10, description="P-nummer (10 cifre).")
    cost_centre: str = Field("", max_length=50, description="Omkostningssted.")
    valid_from: date = Field(description="Første dag enheden findes.")
    valid_to: date | None = Field(None, description="Sidste dag enheden findes.")


UnitPatch = patch_schema(UnitIn)


def _save(request, unit, changes):
    """Check unit with the changes through HR's UnitForm (the page's rules), save it and log it."""
    before = log.snapshot(unit) if unit.pk else None
    values = {name: getattr(unit, name) for name in UnitIn.model_fields if name != "parent"}
    values["parent"] = unit.parent_id
    values.update(changes)
    form = UnitForm({name: "" if value is None else value for name, value in values.items()}, instance=unit)
    if not form.is_valid():
        raise FieldErrors(form_errors(form))
    return save_logged(request, form.save(commit=False), before)


@router.get("", response={200: UnitPage, **READ_ERRORS}, summary="List enheder")
def list_units(request, filters: Query[UnitFilters], page: Query[PageParams]):
    """Enhederne du har adgang til, i træets rækkefølge."""
    units = access_for(request.user).visible_units()
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.parent is not None:
        units = units.filter(parent_id=filters.parent)
    return paginate(units, page)


@router.get("/{int:unit_id}", response={200: UnitOut, **READ_ERRORS}, summary="Hent én enhed")
def get_unit(request, unit_id: int):
    return get_object_or_404(access_for(request.user).visible_units(), pk=unit_id)


@router.post("", response={201: UnitOut, **WRITE_ERRORS}, summary="Opret en enhed (kun HR)")
def create_unit(request, payload: UnitIn):
    require_hr(request, ONLY_HR)
    return 201, _save(request, Unit(), payload.dict())


@router.put("/{int:unit_id}", response={200: UnitOut, **WRITE_ERRORS}, summary="Ret en enhed (kun HR)")
def replace_unit(request, unit_id: int, payload: UnitIn):
    """Erstat alle felter; felter, der udelades, får deres standardværdi."""
    unit = get_unit(request, unit_id)
    require_hr(request, ONLY_HR)
    return _save(request, unit, payload.dict())


@router.patch("/{int:unit_id}", response={200: UnitOut, **WRITE_ERRORS}, summary="Ret udvalgte felter på en enhed (kun HR)")
def update_unit(request, unit_id: int, payload: UnitPatch):
    """Send kun de felter, der ændres."""
    unit = get_unit(request, unit_id)
    require_hr(request, ONLY_HR)
    return _save(request, unit, patch_changes(payload, UnitIn))
