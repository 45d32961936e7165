"""The demo municipality's reception and follow-up (issue 15): checklists on recent placements (most items ticked,
some overdue), mentors (the demo employee "medarbejder" mentors at Solsikken), evaluations, outcome follow-ups,
positions on offer and the MED committees' framework answers. Written in bulk after the register."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Q

from rummelig.onboarding.checklists import kind_of
from rummelig.onboarding.models import (
    QUESTION_FIELDS,
    Checklist,
    ChecklistItem,
    ChecklistTemplate,
    Evaluation,
    FrameworkAnswer,
    Mentorship,
    OutcomeFollowUp,
    Position,
)
from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person
from rummelig.placements.models import Outcome, Placement
from rummelig.rules.onboarding import evaluation_dates, follow_up_dates, item_due, mentor_period_end
from rummelig.schemes.models import Scheme

from . import data

RECENT_DAYS = 150  # placements started this long ago or starting within 60 days get a checklist

POSITIONS = (
    ("Køkkenmedhjælper", "Opvask, anretning og klargøring af frokost", "koekken", "ingen", 25, ("virksomhedspraktik", "loentilskud", "fleksjob"), "Hygiejnebevis"),
    ("Pedelmedhjælper", "Græsslåning, snerydning og små reparationer", "udendoers", "ingen", 30, ("loentilskud", "nytteindsats", "skaanejob"), "Certifikat til minilæsser"),
    ("Kontormedhjælper", "Post, scanning, arkiv og telefon", "kontor", "kort", 20, ("fleksjob", "virksomhedspraktik"), "Kursus i journalisering"),
    ("Pædagogmedhjælper", "Leg, måltider og ture med børnene", "omsorg", "ingen", 30, ("loentilskud", "virksomhedspraktik", "igu"), "Førstehjælp til børn"),
    ("Servicemedarbejder", "Varemodtagelse, lager og intern post", "service", "ingen", 37, ("loentilskud", "seniorjob"), "Truckcertifikat"),
    ("It-supporter", "Opsætning af pc'er og hjælp til kolleger", "it", "erhverv", 15, ("fleksjob", "revalidering"), "Microsoft-certificering"),
    ("Håndværkerhjælper", "Maling og vedligehold af bygninger", "haandvaerk", "kort", 30, ("loentilskud", "jobrotation"), ""),
    ("Omsorgsmedhjælper", "Samvær, gåture og hjælp ved måltider", "omsorg", "ingen", 20, ("fleksjob", "skaanejob", "virksomhedspraktik"), "Kursus i demens"),
)
FRAMEWORK_TEXT = {
    "offer": "Medhjælperstillinger i køkken, have og administration; fleksjob med faste opgaver.",
    "perspectives_person": "Erfaring og anbefaling til ordinært job; mulighed for uddannelsesaftale.",
    "perspectives_workplace": "Flere hænder til opgaver, der ellers ikke bliver løst, og mere mangfoldighed.",
    "integration": "Arbejdstøj på første dag, med i kaffeordningen og inviteres til personalearrangementer.",
    "support": "Fast mentor med afsat tid og planlagte evalueringer; mentorkursus for nye mentorer.",
    "permanent_staff": "Vi aftaler på personalemødet, hvem der introducerer, så det ikke altid er de samme.",
}
NEXT_STEPS = ("Flere timer og mere ansvar", "Søger ordinært job på nabo-institutionen", "Fortsætter som aftalt",
              "Kursus i hygiejne", "Opfølgning med jobcentret")


def seed_onboarding(builder, users):
    rng, today = builder.rng, builder.today
    placements = list(
        Placement.objects.filter(start__gte=today - timedelta(days=RECENT_DAYS), start__lte=today + timedelta(days=60))
        .select_related("scheme", "workplace", "person")
    )
    _checklists(rng, today, placements, users["leder-boern"])
    _mentors(rng, today, placements, users["medarbejder"])
    _evaluations(rng, today, users["leder-boern"])
    _follow_ups(rng, today)
    _positions(rng, today)
    _framework(rng, today, users["leder-boern"])


def _templates():
    templates = {}
    for template in ChecklistTemplate.objects.filter(workplace__isnull=True).prefetch_related("items"):
        templates[(template.scheme_id, template.kind)] = template
    return templates


def _checklists(rng, today, placements, leder):
    templates = _templates()
    checklists = []
    for placement in placements:
        kind = kind_of(placement)
        template = templates.get((placement.scheme_id, kind)) or templates.get((placement.scheme_id, "ny")) or templates.get((None, kind))
        if template is not None:
            checklists.append((placement, template, Checklist(placement=placement, template=template, kind=kind)))
    Checklist.objects.bulk_create([c for _p, _t, c in checklists])
    items = []
    for placement, template, checklist in checklists:
        for item in template.items.all():
            due = item_due(placement.start, item.days_after_start)
            done = due <= today and rng.random() < 0.85
            items.append(ChecklistItem(checklist=checklist, text=item.text, order=item.order, due=due,
                                       done_on=min(due, today) if done else None, done_by=leder if done else None,
                                       note="Klaret på personalemødet" if done and rng.random() < 0.2 else ""))
    ChecklistItem.objects.bulk_create(items, batch_size=2000)


def _mentors(rng, today, placements, employee_user):
    solsikken = Unit.objects.filter(name=data.SOLSIKKEN).first()
    # The demo employee's login belongs to one of Solsikken's staff, who mentors two of its placements.
    mads = Person.objects.filter(user=employee_user).first()  # already linked (DemoBuilder.link_employee)
    own = None if mads is not None else Employment.objects.filter(
        unit=solsikken, is_manager=False, end__isnull=True, person__user__isnull=True).order_by("pk").first()
    if own is not None:
        mads = own.person
        mads.user, mads.account_name = employee_user, employee_user.username
        mads.save(update_fields=["user", "account_name"])
    staff = {}
    for employment in Employment.objects.filter(Q(end__isnull=True) | Q(end__gte=today), is_manager=False,
                                                unit__in={p.workplace_id for p in placements}).only("person_id", "unit_id"):
        staff.setdefault(employment.unit_id, []).append(employment.person_id)
    mentorships, changed = [], []
    mine = [p for p in placements if mads is not None and p.workplace_id == solsikken.pk and p.start <= today][:2]
    for placement in placements:
        if placement in mine:
            mentor_id = mads.pk
        elif staff.get(placement.workplace_id) and rng.random() < 0.4:
            mentor_id = rng.choice(staff[placement.workplace_id])
        else:
            continue
        placement.mentor_id = mentor_id
        changed.append(placement)
        mentorships.append(Mentorship(placement=placement, mentor_id=mentor_id, starts=placement.start,
                                      ends=mentor_period_end(placement.start), hours_per_week=Decimal(rng.choice((1, 2, 3, 4)))))
    Placement.objects.bulk_update(changed, ["mentor"], batch_size=2000)
    Mentorship.objects.bulk_create(mentorships, batch_size=2000)


def _evaluations(rng, today, leder):
    evaluations = []
    running = Placement.objects.filter(start__lte=today - timedelta(days=30)).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    for placement in running.select_related("scheme").prefetch_related("scheme__versions").iterator(chunk_size=2000):
        version = placement.scheme_version
        if version is None:
            continue
        planned = evaluation_dates(placement.start, version.follow_up_first_months, version.follow_up_every_months, today)
        days = [d for d in planned if rng.random() < 0.8]
        if not planned and not version.permanent and rng.random() < 0.6:
            days = [placement.start + timedelta(days=28)]
        for day in days:
            evaluations.append(Evaluation(
                placement=placement, held_on=min(day, today), participants="Leder, medarbejder og mentor",
                notes="Trives og løser opgaverne selvstændigt.", next_step=rng.choice(NEXT_STEPS),
                upskilling="" if version.permanent else rng.choice(("Hygiejnebevis", "Truckcertifikat", "Førstehjælp", "")),
                created_by=leder))
    Evaluation.objects.bulk_create(evaluations, batch_size=2000)


def _follow_ups(rng, today):
    temporary = set(Scheme.objects.filter(versions__permanent=False).values_list("pk", flat=True))
    ended = Placement.objects.filter(scheme_id__in=temporary, actual_end__isnull=False,
                                     actual_end__gte=today - timedelta(days=540), actual_end__lt=today - timedelta(days=92))
    outcomes = (Outcome.ORDINARY_JOB_HERE, Outcome.JOB_ELSEWHERE, Outcome.EDUCATION, Outcome.OTHER_SCHEME, Outcome.NO_JOB)
    rows = []
    for placement in ended.only("pk", "actual_end").iterator(chunk_size=2000):
        for months, due in follow_up_dates(placement.actual_end).items():
            if due <= today and rng.random() < 0.7:
                rows.append(OutcomeFollowUp(placement=placement, months=months, outcome=rng.choice(outcomes), recorded_on=due))
    OutcomeFollowUp.objects.bulk_create(rows, batch_size=2000)


def _positions(rng, today):
    schemes = {s.code: s for s in Scheme.objects.all()}
    workplaces = list(Unit.objects.filter(kind=Unit.Kind.WORKPLACE, valid_to__isnull=True).order_by("pk"))
    chosen = [w for w in workplaces if w.name in (data.SOLSIKKEN, data.SKOVBRYNET, data.AABJERG) or rng.random() < 0.25]
    for workplace in chosen:
        for title, tasks, kind, education, hours, codes, upskilling in rng.sample(POSITIONS, 2):
            position = Position.objects.create(
                workplace=workplace, title=title, tasks=tasks, task_kind=kind, education=education, hours_per_week=Decimal(hours),
                upskilling=upskilling, mentor_ready=rng.random() < 0.6, available_from=today + timedelta(days=rng.randrange(-60, 90)))
            position.schemes.set([schemes[c] for c in codes if c in schemes])
            if rng.random() < 0.25:
                placement = Placement.objects.filter(workplace=workplace, scheme__code__in=codes, position__isnull=True,
                                                     start__gte=today - timedelta(days=RECENT_DAYS)).first()
                if placement is not None:
                    position.filled_by = placement
                    position.save(update_fields=["filled_by"])


def _framework(rng, today, leder):
    answers = []
    for workplace in Unit.objects.filter(kind=Unit.Kind.WORKPLACE, valid_to__isnull=True).order_by("pk"):
        if workplace.name != data.SKOVBRYNET and rng.random() < 0.35:
            continue  # never answered
        answered = today - timedelta(days=rng.randrange(20, 520))
        answers.append(FrameworkAnswer(workplace=workplace, answered_on=answered, recorded_by=leder,
                                       **{field: FRAMEWORK_TEXT[field] for field in QUESTION_FIELDS}))
    FrameworkAnswer.objects.bulk_create(answers, batch_size=2000)
