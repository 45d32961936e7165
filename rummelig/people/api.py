"""REST API for people: list, read, create (HR) and change name, CPR number and e-mail.

The CPR number is write-only: responses carry it masked (`cpr_masked`, "ddmmyy-xxxx"); a full
number is only ever revealed on the person page, to HR, audited. Changes go through the same
PersonForm as the edit page, so the API and the page refuse the same input with the same words.
A person belongs to no unit until they have a placement or an employment, so only HR creates
people here; a leder creates a person together with the placement (`new_person`).
"""

from datetime import date

from ninja import Field, Query, Router, Schema

from rummelig.accounts.access import access_for, get_person_or_404
from rummelig.api import helpers as api

from .forms import PersonForm
from .models import Person
from .search import search_people

router = Router(tags=["Personer"])


class PersonOut(Schema):
    id: int = Field(description="Personens id.")
    first_name: str = Field(description="Fornavn(e).")
    last_name: str = Field(description="Efternavn.")
    full_name: str = Field(description="Fulde navn.")
    cpr_masked: str = Field(description="CPR-nummer maskeret som ddmmåå-xxxx; tom hvis personen ikke har et.")
    birth_date: date | None = Field(description="Fødselsdato.")
    email: str = Field(description="E-mailadresse.")

    @staticmethod
    def resolve_cpr_masked(obj):
        return obj.masked_cpr


PersonPage = api.page_of(PersonOut, "Antal personer, der passer på søgningen.")


class PersonFilters(Schema):
    q: str | None = Field(
        None, max_length=100,
        description="Søg på navn; HR kan også søge på de første seks cifre eller fødselsdato. Et fuldt CPR-nummer "
        "afvises her (422), fordi adressen skrives i logfiler: brug POST /people/search.",
    )


class PersonSearchIn(api.InputSchema, api.PageParams):
    """The search text and paging in a body, so a CPR number never is in an address."""

    q: str = Field(
        max_length=100,
        description="Søg på navn; HR kan også søge på fuldt CPR-nummer, de første seks cifre eller fødselsdato. "
        "Andre roller finder kun på navn.",
    )


class PersonIn(api.InputSchema):
    first_name: str = Field(min_length=1, max_length=100, pattern=r"\S", description="Fornavn(e).")
    last_name: str = Field(min_length=1, max_length=100, pattern=r"\S", description="Efternavn.")
    cpr: str | None = Field(
        None,
        max_length=20,
        description="Fuldt CPR-nummer (ddmmåå-xxxx), kun til at skrive; vises aldrig i svar. Udeladt eller tomt: behold det nuværende.",
    )
    remove_cpr: bool = Field(False, description="Fjern personens CPR-nummer.")
    email: str = Field("", max_length=254, description="E-mailadresse.")


PersonPatch = api.patch_schema(PersonIn)


def person_form(person, data, prefix="", *, hr=False):
    """Return a bound, validated PersonForm for data; raise FieldErrors (fields prefixed) if it is invalid.

    Only HR (hr=True) is told that another person has the CPR number; see people.forms."""
    values = {
        "first_name": data.get("first_name", person.first_name),
        "last_name": data.get("last_name", person.last_name),
        "email": data.get("email", person.email) or "",
        "cpr": data.get("cpr") or "",
    }
    if data.get("remove_cpr"):
        values["remove_cpr"] = "on"
    return api.valid(PersonForm(values, instance=person, hr=hr), prefix)


def _save(request, person, data):
    form = person_form(person, data, hr=access_for(request.user).is_hr)
    return api.save_logged(request, form.save(commit=False))


def _people_page(request, text, filters, page):
    access = api.require(request, "sees_individuals", refuse=404)
    people = search_people(access, access.people(), text).order_by("last_name", "first_name", "pk")
    return api.audited_page(request, "person", people, page, filters)


@router.get("", response={200: PersonPage, **api.SCOPED_LIST_ERRORS}, summary="List personer")
@api.requires("sees_individuals", in_body=True)
def list_people(request, filters: Query[PersonFilters], page: Query[api.PageParams]):
    """Personerne i dine enheder. Hver liste skrives i revisionsloggen som et udtræk med filter og antal."""
    api.refuse_cpr_in_address(filters.q, "/api/v1/people/search")
    return _people_page(request, filters.q or "", filters, page)


@router.post("/search", response={200: PersonPage, **api.SEARCH_ERRORS}, summary="Søg personer (også på CPR-nummer)")
@api.requires("sees_individuals", in_body=True)
def search_people_by_post(request, payload: PersonSearchIn):
    """Som listen, men søgeteksten står i kroppen, så et CPR-nummer aldrig kommer i en adresse eller en logfil.
    Søgningen skrives i revisionsloggen med CPR-nummeret maskeret."""
    return _people_page(request, payload.q, payload, payload)


@router.get("/{person_id}", response={200: PersonOut, **api.READ_ERRORS}, summary="Hent én person")
@api.requires("sees_individuals")
def get_person(request, person_id: api.Id):
    """Én person; læsningen skrives i revisionsloggen."""
    return api.log_read(request, get_person_or_404(request.user, person_id))


@router.post("", response={201: PersonOut, **api.CREATE_ERRORS}, summary="Opret en person (kun HR)")
@api.requires("is_hr", refuse=403)
def create_person(request, payload: PersonIn):
    """Kun HR: en person hører først til en enhed, når hun har en ansættelse. En leder opretter personen sammen
    med ansættelsen (`new_person` på `POST /placements`)."""
    return api.created(_save(request, Person(), payload.dict()))


def _person_for_change(request, person_id):
    access = access_for(request.user)
    return api.get_for_change(access.people(), access.editable_people(), person_id)


@router.put("/{person_id}", response={200: PersonOut, **api.WRITE_ERRORS}, summary="Ret en person")
@api.requires("may_edit", in_body=True)
def replace_person(request, person_id: api.Id, payload: PersonIn):
    """HR og ledere for personer i egne enheder. Et udeladt CPR-nummer bevares."""
    return _save(request, _person_for_change(request, person_id), payload.dict())


@router.patch("/{person_id}", response={200: PersonOut, **api.WRITE_ERRORS}, summary="Ret udvalgte felter på en person")
@api.requires("may_edit", in_body=True)
def update_person(request, person_id: api.Id, payload: PersonPatch):
    """Send kun de felter, der ændres."""
    return _save(request, _person_for_change(request, person_id), api.patch_changes(payload))
