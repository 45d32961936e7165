"""REST API for schemes (ordninger): read-only, the law as dated rules.

Schemes hold no personal data, so every logged-in user may read them. They change only with the
law, by a data migration, so the API has no writes.
"""

import re
from datetime import date

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from rummelig.api import helpers as api

from .models import Scheme, SchemeVersion, TargetGroup

router = Router(tags=["Ordninger"])

# An id is ASCII digits; str.isdigit() would also take "³", which int() refuses.
ID_PATTERN = re.compile(r"[0-9]+")


class DurationOut(Schema):
    target_group: str = Field(description="Målgruppen; tom betyder alle målgrupper uden egen linje.")
    amount: int = Field(description="Den længste varighed, som tal.")
    unit: str = Field(description="Enheden: days, weeks, months eller years.")
    source: str = Field(description="Hvor grænsen står: lovens sætning med link.")
    verified: bool = Field(description="Grænsen er bekræftet i lovteksten; false = ikke bekræftet (se kilden).")


class SchemeVersionOut(Schema):
    valid_from: date = Field(description="Reglerne gælder for ansættelser, der begynder fra denne dag.")
    valid_to: date | None = Field(description="Sidste dag reglerne gælder; null = gælder stadig.")
    legal_basis: str = Field(description="Lovgrundlag.")
    source: str = Field(description="Kilde: lov, bekendtgørelse eller vejledning med link.")
    permanent: bool = Field(description="Varig ordning (fx fleksjob) frem for midlertidig.")
    extension_allowed: bool = Field(description="Må forlænges ud over den længste varighed med en skriftlig begrundelse.")
    counts_in_ratio: bool = Field(description="Tæller med i rimelighedskravet.")
    needs_statement: bool = Field(description="Kræver udtalelse fra de ansattes repræsentant.")
    merbeskaeftigelse_applies: bool = Field(description="Kravet om merbeskæftigelse gælder.")
    subsidy_kind: str = Field(description="Tilskud til: arbejdsgiver, medarbejder eller ingen.")
    follow_up_first_months: int | None = Field(description="Første opfølgning efter så mange måneder.")
    follow_up_every_months: int | None = Field(description="Derefter opfølgning hver så mange måneder.")
    grant_months: int | None = Field(description="Bevillings- eller aftaleperiode i måneder.")
    ends_at_age: int | None = Field(description="Ordningen slutter senest dagen før personen fylder denne alder.")
    note: str = Field(description="Bemærkning.")
    checked_on: date | None = Field(description="Dagen reglerne sidst blev læst op mod lovteksten; null = ikke kontrolleret.")
    verified: bool = Field(description="Alle regler i versionen er bekræftet i lovteksten; false = noget er ikke bekræftet (se note).")
    durations: list[DurationOut] = Field(description="Længste varighed pr. målgruppe.")


class SchemeOut(Schema):
    id: int = Field(description="Ordningens id.")
    code: str = Field(description="Ordningens kode, fx 'fleksjob' eller 'loentilskud'; bruges i ansættelser.")
    name: str = Field(description="Ordningens danske navn.")
    description: str = Field(description="Kort beskrivelse.")
    versions: list[SchemeVersionOut] = Field(description="Reglerne med gyldighedsperioder, nyeste først.")


SchemePage = api.page_of(SchemeOut, "Antal ordninger i alt.")


class TargetGroupOut(Schema):
    code: str = Field(description="Målgruppens kode, som den bruges i ansættelser.")
    name: str = Field(description="Målgruppens navn på dansk.")


def _schemes():
    versions = SchemeVersion.objects.prefetch_related("durations").order_by("-valid_from")
    return Scheme.objects.prefetch_related(Prefetch("versions", queryset=versions))


@router.get("", response={200: SchemePage, **api.LIST_ERRORS}, summary="List ordninger")
@api.requires("login")
def list_schemes(request, page: Query[api.PageParams]):
    """Alle ordninger med deres regler; alle brugere med login må læse dem."""
    return api.paginate(_schemes(), page)


@router.get("/target-groups", response={200: list[TargetGroupOut], 401: api.READ_ERRORS[401]}, summary="List målgrupper")
@api.requires("login")
def list_target_groups(request):
    """Målgrupperne en ansættelse kan have (feltet `target_group`)."""
    return [{"code": value, "name": str(label)} for value, label in TargetGroup.choices]


@router.get("/{key}", response={200: SchemeOut, **api.READ_ERRORS}, summary="Hent én ordning")
@api.requires("login")
def get_scheme(request, key: str):
    """Én ordning, fundet på sin kode eller sit id (fx `/api/v1/schemes/fleksjob`)."""
    if ID_PATTERN.fullmatch(key) and int(key) <= api.MAX_ID:
        return get_object_or_404(_schemes(), pk=int(key))
    return get_object_or_404(_schemes(), code=key)
