"""REST API of the personnel and working-environment policy: guidelines, KOMPUS dialogues, concerns, health offers.

The same permissions as the pages (accounts/access.py, block `# --- policy ---`): guidelines are read by
every role and every employee linked to their record; dialogues by HR and lederne of the employee's units,
with the goals only for the leder who held the dialogue; a concern only by its recipient and HR (404 for
anyone else), the reporter sees the status of their own under /me; sign-ups only by the employee (and HR
on the pages, as counts). Every change and every read of a concern is audited.
"""

from datetime import date, datetime
from typing import Literal

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from rummelig.accounts.access import access_for
from rummelig.api import helpers as api

from . import concerns as concern_rules
from . import kompus
from .guidelines import readable_versions
from .models import CompetenceDialogue, Concern, Guideline, HealthOffer, HealthSignup
from .views import _staff_people, _tell_recipient, _tell_reporter, concern_fields, dialogue_fields, signup_fields

router = Router(tags=["Personalepolitik"])

MAY_NOT_HOLD = gettext_lazy("Only HR and lederne record competence dialogues.")
ONLY_EMPLOYEES = gettext_lazy("Only an employee whose login is linked to their own record can do this.")
NOT_RECIPIENT = gettext_lazy("Only the person the concern was told to may close it.")
IN_FUTURE = gettext_lazy("The date of the dialogue cannot be in the future.")
ALREADY_HELD = gettext_lazy("The dialogue of this year is already recorded.")
YEAR_AHEAD = gettext_lazy("The year cannot be in the future.")
ALREADY_CLOSED = gettext_lazy("The concern is already closed.")
CHOOSE_RECIPIENT = gettext_lazy("Choose your leder, AMR or TR from /me/concern-recipients.")
NO_SIGN_UP = gettext_lazy("Does not exist, or one does not sign up for this offer.")
ALREADY_SIGNED_UP = gettext_lazy("You are already signed up this year.")


# Guidelines --------------------------------------------------------------------------------------


class VersionOut(Schema):
    id: int = Field(description="Versionens id.")
    number: int = Field(description="Versionsnummer (1, 2, …).")
    text: str = Field(description="Teksten; kan være tom, hvis retningslinjen kun findes som PDF.")
    has_pdf: bool = Field(description="Der er vedhæftet en PDF (hentes på siden).")
    approved_by_body: str = Field(description="Hvem godkendte den, fx Hovedudvalget.")
    approved_on: date | None = Field(description="Godkendelsesdato.")
    review_on: date | None = Field(description="Revisionsdato.")
    origin: str = Field(description="Hvor teksten stammer fra.")
    current: bool = Field(alias="is_current", description="Den gældende version.")
    approved: bool = Field(alias="is_approved", description="Godkendt (false = udkast, kun for HR).")

    @staticmethod
    def resolve_has_pdf(obj):
        return bool(obj.pdf)


class GuidelineOut(Schema):
    id: int = Field(description="Retningslinjens id.")
    title: str = Field(description="Titel.")
    kind: str = Field(description="policy, guideline eller strategy.")
    current_version: int | None = Field(description="Den gældende versions nummer; null = kun udkast.")

    @staticmethod
    def resolve_current_version(obj):
        return obj.current_version.number if obj.current_version_id else None


class GuidelineDetailOut(GuidelineOut):
    versions: list[VersionOut] = Field(description="De versioner, du må læse, nyeste først.")


GuidelinePage = api.page_of(GuidelineOut)


@router.get("/guidelines", response={200: GuidelinePage, **api.SCOPED_LIST_ERRORS}, summary="List politikker og retningslinjer")
@api.requires("reads_guidelines")
def list_guidelines(request, page: Query[api.PageParams]):
    """Kommunens politikker og retningslinjer; alle roller og alle medarbejdere med egne oplysninger læser dem."""
    access = access_for(request.user)
    guidelines = Guideline.objects.select_related("current_version").order_by("title", "pk")
    if not access.edits_guidelines:
        guidelines = guidelines.filter(current_version__isnull=False)
    return api.paginate(guidelines, page)


@router.get("/guidelines/{guideline_id}", response={200: GuidelineDetailOut, **api.READ_ERRORS}, summary="Hent én retningslinje med versioner")
@api.requires("reads_guidelines")
def get_guideline(request, guideline_id: api.Id):
    """Retningslinjen med de versioner, du må læse: godkendte (gældende og tidligere); udkast kun for HR."""
    access = access_for(request.user)
    guideline = api.get_or_404(Guideline.objects.select_related("current_version"), guideline_id)
    versions = list(readable_versions(guideline, access).select_related("guideline"))
    if not versions:
        raise Http404
    return {
        "id": guideline.pk, "title": guideline.title, "kind": guideline.kind,
        "current_version": guideline.current_version.number if guideline.current_version_id else None,
        "versions": versions,
    }


# KOMPUS ------------------------------------------------------------------------------------------


class DialogueOut(Schema):
    id: int = Field(description="Samtalens id.")
    person: int = Field(description="Medarbejderens person-id.")
    person_name: str = Field(description="Medarbejderens navn.")
    year: int = Field(description="Året samtalen gælder.")
    held_on: date = Field(description="Dagen samtalen blev holdt.")
    leder: str = Field(description="Lederen, der holdt samtalen.")
    goals: str | None = Field(description="Udviklingsmål; null, når du ikke er lederen, der holdt samtalen.")


def _dialogue_out(dialogue, user):
    return {
        "id": dialogue.pk, "person": dialogue.person_id, "person_name": dialogue.person.full_name, "year": dialogue.year,
        "held_on": dialogue.held_on, "leder": (dialogue.leder.get_full_name() or dialogue.leder.username) if dialogue.leder_id else "",
        "goals": dialogue.goals if dialogue.leder_id == user.pk else None,
    }


DialoguePage = api.page_of(DialogueOut)


class DialogueFilters(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Året; udeladt = i år.")


def _staff(access):
    return _staff_people(access)


@router.get("/kompus", response={200: DialoguePage, **api.SCOPED_LIST_ERRORS}, summary="List kompetencesamtaler (KOMPUS)")
@api.requires("holds_dialogues")
def list_dialogues(request, filters: Query[DialogueFilters], page: Query[api.PageParams]):
    """Årets samtaler med medarbejderne i dine enheder (HR: hele kommunen). Udviklingsmålene ses kun af lederen,
    der holdt samtalen. Listen skrives i revisionsloggen."""
    year = filters.year or timezone.localdate().year
    staff = _staff(access_for(request.user))
    dialogues = CompetenceDialogue.objects.filter(year=year, person__in=staff).select_related("person", "leder").order_by("person__last_name", "pk")
    result = api.audited_page(request, "competencedialogue", dialogues, page, {"year": year})
    result["items"] = [_dialogue_out(d, request.user) for d in result["items"]]
    return result


class DialogueIn(api.InputSchema):
    person: api.Id = Field(description="Medarbejderens person-id (en nuværende ordinær ansættelse i dine enheder).")
    held_on: api.Day = Field(description="Dagen samtalen blev holdt (i år eller tidligere år, ikke i fremtiden).")
    goals: str = Field("", max_length=5000, description="Aftalte udviklingsmål; ses kun af medarbejderen og dig.")


@router.post("/kompus", response={201: DialogueOut, **api.CREATE_ERRORS}, summary="Registrér en kompetencesamtale")
@api.requires("holds_dialogues", refuse=403, message=MAY_NOT_HOLD)
def create_dialogue(request, payload: DialogueIn):
    """Registrér, at samtalen er holdt. HR registrerer kun datoen (ingen mål); én samtale pr. medarbejder og år."""
    access = access_for(request.user)
    person = _staff(access).filter(pk=payload.person).first()
    if person is None:
        raise api.FieldErrors({"person": [api.UNKNOWN_REFERENCE]})
    if payload.held_on > timezone.localdate():
        raise api.FieldErrors({"held_on": [IN_FUTURE]})
    if CompetenceDialogue.objects.filter(person=person, year=payload.held_on.year).exists():
        raise api.FieldErrors({"held_on": [ALREADY_HELD]})
    goals = "" if access.is_hr else payload.goals
    dialogue = CompetenceDialogue(person=person, year=payload.held_on.year, held_on=payload.held_on, leder=request.user, goals=goals)
    api.save_logged(request, dialogue, fields=dialogue_fields)
    return api.created(_dialogue_out(dialogue, request.user))


class CoverageOut(Schema):
    unit: int = Field(description="Enhedens id.")
    unit_name: str = Field(description="Enhedens navn.")
    staff: int = Field(description="Medarbejdere: nuværende ordinære ansættelser i enheden og enhederne under den.")
    held: int = Field(description="Heraf med årets samtale holdt.")
    share: float | None = Field(description="Andel holdt i procent; null uden medarbejdere.")


@router.get("/kompus/coverage", response={200: list[CoverageOut], **api.SCOPED_LIST_ERRORS}, summary="KOMPUS-dækning pr. enhed")
@api.requires("holds_dialogues")
def dialogue_coverage(request, filters: Query[DialogueFilters]):
    """Andelen af medarbejderne med årets samtale holdt, pr. enhed og center i dine enheder (højst 300 enheder)."""
    access = access_for(request.user)
    year = filters.year or timezone.localdate().year
    if year > timezone.localdate().year:
        raise api.FieldErrors({"year": [YEAR_AHEAD]})
    rows = kompus.coverage(kompus.report_units(access.dialogue_units())[:300], year)
    return [{"unit": r.unit.pk, "unit_name": r.unit.name, "staff": r.staff, "held": r.held, "share": r.share} for r in rows]


# Concerns ---------------------------------------------------------------------------------------

Kind = Literal["bullying", "not_thriving", "violence", "threats", "harassment"]


def _recipient_name(concern):
    return concern.recipient.get_full_name() or concern.recipient.username


class ConcernOut(Schema):
    id: int = Field(description="Bekymringens id.")
    kind: str = Field(description="bullying, not_thriving, violence, threats eller harassment.")
    about: str = Field(description="self (medarbejderen selv) eller colleague (en kollega).")
    description: str = Field(description="Hvad der er sket.")
    reporter: str = Field(alias="reporter.full_name", description="Medarbejderen, der meldte den.")
    workplace: int = Field(alias="workplace_id", description="Arbejdspladsens enheds-id.")
    recipient: str = Field(description="Den, den er fortalt til.")
    recipient_role: str = Field(description="leder, amr eller tr.")
    status: str = Field(description="open eller closed.")
    action_taken: str = Field(description="Hvad der er gjort (udfyldes ved lukning).")
    reported_at: datetime = Field(description="Tidspunktet den blev meldt.")
    closed_at: datetime | None = Field(description="Tidspunktet den blev lukket.")

    resolve_recipient = staticmethod(_recipient_name)


ConcernPage = api.page_of(ConcernOut)


@router.get("/concerns", response={200: ConcernPage, **api.SCOPED_LIST_ERRORS}, summary="List bekymringer sendt til dig")
@api.requires("receives_concerns")
def list_concerns(request, page: Query[api.PageParams]):
    """Bekymringerne sendt til dig (HR: alle). Listen skrives i revisionsloggen."""
    concerns = _concerns(request).order_by("-reported_at", "-pk")
    return api.audited_page(request, "concern", concerns, page)


def _concerns(request):
    return access_for(request.user).concerns().select_related("reporter", "recipient")


@router.get("/concerns/{concern_id}", response={200: ConcernOut, **api.READ_ERRORS}, summary="Hent én bekymring")
@api.requires("receives_concerns")
def get_concern(request, concern_id: api.Id):
    """Kun modtageren og HR; alle andre får 404. Læsningen skrives i revisionsloggen."""
    return api.log_read(request, api.get_or_404(_concerns(request), concern_id))


class CloseIn(api.InputSchema):
    action_taken: str = Field(min_length=1, max_length=5000, pattern=r"\S", description="Hvad der er gjort.")


@router.post("/concerns/{concern_id}/close", response={200: ConcernOut, **api.WRITE_ERRORS}, summary="Luk en bekymring")
@api.requires("receives_concerns")
def close_concern(request, concern_id: api.Id, payload: CloseIn):
    """Modtageren skriver, hvad der er gjort, og lukker; medarbejderen får besked (status og e-mail)."""
    concern = api.get_or_404(_concerns(request), concern_id)
    if concern.recipient_id != request.user.pk:
        raise HttpError(403, str(NOT_RECIPIENT))
    if concern.status == Concern.Status.CLOSED:
        raise api.FieldErrors({"__all__": [ALREADY_CLOSED]})
    concern.action_taken = payload.action_taken
    concern.status = Concern.Status.CLOSED
    concern.closed_at = timezone.now()
    api.save_logged(request, concern, fields=concern_fields)
    _tell_reporter(request, concern)
    return concern


class MyConcernOut(Schema):
    id: int = Field(description="Bekymringens id.")
    kind: str = Field(description="Hvad den drejer sig om.")
    recipient: str = Field(description="Den, du har fortalt det til.")
    status: str = Field(description="open (modtaget) eller closed (lukket).")
    reported_at: datetime = Field(description="Hvornår du meldte den.")
    closed_at: datetime | None = Field(description="Hvornår den blev lukket.")

    resolve_recipient = staticmethod(_recipient_name)


@router.get("/me/concerns", response={200: list[MyConcernOut], **api.READ_ERRORS}, summary="Mine bekymringer og deres status")
@api.requires("is_employee")
def my_concerns(request):
    """De bekymringer, du selv har meldt, med status (ikke modtagerens notater)."""
    return list(access_for(request.user).own_concerns().select_related("recipient")[:500])


class RecipientOut(Schema):
    user: int = Field(description="Modtagerens bruger-id.")
    role: str = Field(description="leder, amr eller tr.")
    name: str = Field(description="Navn, rolle og enhed.")


@router.get("/me/concern-recipients", response={200: list[RecipientOut], **api.READ_ERRORS}, summary="Hvem jeg kan fortælle en bekymring til")
@api.requires("is_employee")
def my_recipients(request):
    """Lederen, AMR og TR for din arbejdsplads eller enhederne over den."""
    return [{"user": r.user.pk, "role": r.role, "name": r.label} for r in _recipients(request)]


def _recipients(request):
    person = access_for(request.user).own_person()
    found = [r for w in concern_rules.workplaces_of(person) for r in concern_rules.recipients_for(w, exclude_user=request.user)]
    return list({r.key: r for r in found}.values())


class ConcernIn(api.InputSchema):
    kind: Kind = Field(description="Hvad det drejer sig om.")
    about: Literal["self", "colleague"] = Field("self", description="Dig selv eller en kollega.")
    description: str = Field(min_length=1, max_length=5000, pattern=r"\S", description="Hvad der er sket.")
    recipient: api.Id = Field(description="Modtagerens bruger-id (fra /me/concern-recipients).")
    recipient_role: Literal["leder", "amr", "tr"] = Field(description="Modtagerens rolle.")


@router.post("/me/concerns", response={201: MyConcernOut, **api.CREATE_ERRORS}, summary="Fortæl om en bekymring")
@api.requires("is_employee", refuse=403, message=ONLY_EMPLOYEES)
def report_concern(request, payload: ConcernIn):
    """Kun modtageren og HR ser den; du ser dens status."""
    person = access_for(request.user).own_person()
    chosen = next((r for r in _recipients(request) if r.user.pk == payload.recipient and r.role == payload.recipient_role), None)
    if chosen is None:
        raise api.FieldErrors({"recipient": [CHOOSE_RECIPIENT]})
    workplaces = list(concern_rules.workplaces_of(person))
    workplace = next((w for w in workplaces if chosen.unit.path in concern_rules.prefixes(w.path)), workplaces[0])
    concern = Concern(reporter=person, workplace=workplace, kind=payload.kind, about=payload.about, description=payload.description,
                      recipient=chosen.user, recipient_role=chosen.role)
    api.save_logged(request, concern, fields=concern_fields)
    _tell_recipient(request, concern)
    return api.created(concern)


# Health offers ------------------------------------------------------------------------------------


class OfferOut(Schema):
    id: int = Field(description="Tilbuddets id.")
    name: str = Field(description="Navn.")
    how_to_use: str = Field(description="Sådan bruger du tilbuddet.")
    sign_up: bool = Field(description="Man tilmelder sig i Rummelig.")


@router.get("/offers", response={200: list[OfferOut], **api.READ_ERRORS}, summary="List sundhedstilbud")
@api.requires("reads_guidelines")
def list_offers(request):
    """Kommunens sundhedstilbud og hvordan de bruges."""
    return list(HealthOffer.objects.filter(active=True))


class SignupOut(Schema):
    offer: int = Field(description="Tilbuddets id.")
    offer_name: str = Field(description="Tilbuddets navn.")
    year: int = Field(description="Året tilmeldingen gælder.")


def _signup_out(signup):
    return {"offer": signup.offer_id, "offer_name": signup.offer.name, "year": signup.year}


@router.get("/me/signups", response={200: list[SignupOut], **api.READ_ERRORS}, summary="Mine tilmeldinger")
@api.requires("is_employee")
def my_signups(request):
    """Dine tilmeldinger; kun du (og HR, som tal) ser dem."""
    person = access_for(request.user).own_person()
    return [_signup_out(s) for s in HealthSignup.objects.filter(person=person).select_related("offer").order_by("-year", "offer__name")[:500]]


class SignupIn(api.InputSchema):
    offer: api.Id = Field(description="Tilbuddets id (et tilbud med tilmelding).")


@router.post("/me/signups", response={201: SignupOut, **api.CREATE_ERRORS}, summary="Tilmeld mig et sundhedstilbud i år")
@api.requires("is_employee", refuse=403, message=ONLY_EMPLOYEES)
def sign_up(request, payload: SignupIn):
    person = access_for(request.user).own_person()
    offer = HealthOffer.objects.filter(pk=payload.offer, active=True, sign_up=True).first()
    if offer is None:
        raise api.FieldErrors({"offer": [NO_SIGN_UP]})
    signup = HealthSignup(offer=offer, person=person, year=timezone.localdate().year)
    if HealthSignup.objects.filter(offer=offer, person=person, year=signup.year).exists():
        raise api.FieldErrors({"offer": [ALREADY_SIGNED_UP]})
    try:
        with transaction.atomic():
            api.save_logged(request, signup, fields=signup_fields)
    except IntegrityError:
        raise api.FieldErrors({"offer": [ALREADY_SIGNED_UP]}) from None
    return api.created(_signup_out(signup))
