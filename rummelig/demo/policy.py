"""The demo municipality's personnel policy: the seed guidelines and health offers, Mads Frost's record, and
some KOMPUS dialogues, concerns and sign-ups, so every role's policy pages have something to show.

- The login `medarbejder` (Mads Frost) is linked to his person, an ordinary employee of Solsikken.
- KOMPUS: about half of the current staff have had this year's dialogue with their leder.
- Concerns: a few dozen in the last four quarters across the municipality (the MED counts), and one open
  concern at Solsikken told to `amr-solsikken`.
- Sign-ups: some staff signed up for the health check, exercise and stop-smoking course this year.

Its own random generator (from the seed) so the rest of the demo stays as it was.
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person
from rummelig.policy.concerns import ended_quarters, quarter_bounds
from rummelig.policy.models import CompetenceDialogue, Concern, HealthOffer, HealthSignup
from rummelig.policy.offers import load_seed_offers
from rummelig.policy.seed_guidelines import load_seed_guidelines

from . import data

LEDER_OF = {"boern": "leder-boern", "aeldre": "leder-aeldre"}
CONCERN_TEXTS = {
    Concern.Kind.BULLYING: "En kollega bliver gjort grin med på personalemøderne.",
    Concern.Kind.NOT_THRIVING: "Jeg sover dårligt og har svært ved at nå mine opgaver.",
    Concern.Kind.VIOLENCE: "En borger slog ud efter en kollega i går.",
    Concern.Kind.THREATS: "En pårørende truede mig i telefonen.",
    Concern.Kind.HARASSMENT: "Jeg får gentagne beskeder fra en kollega, som jeg har bedt om at stoppe.",
}


def link_employee(builder):
    """Give the login `medarbejder` his own record: one of Solsikken's own staff (a man) becomes Mads Frost.

    An existing employee is renamed rather than a new one added, so the demo's staff figures stay as built.
    """
    user = builder.users["medarbejder"]
    solsikken = Unit.objects.get(name=data.SOLSIKKEN)
    person = Person.objects.filter(user=user).first()
    if person is None:
        staff = (
            Employment.objects.active_on(builder.today)
            .filter(unit=solsikken, subsidised=False, is_manager=False, person__user__isnull=True)
            .exclude(person__placements__isnull=False)
            .select_related("person")
            .order_by("start", "pk")
        )
        men = [e.person for e in staff if e.person.cpr and int(e.person.cpr[-1]) % 2 == 1]
        person = men[0] if men else staff[0].person
        person.first_name, person.last_name = user.first_name, user.last_name
        person.account_name, person.email, person.user = user.username, user.email, user
        person.save()
    return person, solsikken


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(10, 30)))


def seed_policy(builder):
    rng = random.Random(builder.seed * 7919 + 17)
    today = builder.today
    hr = builder.users["hr"]
    load_seed_guidelines(today, user=hr)
    load_seed_offers()
    mads, solsikken = link_employee(builder)
    centre_of = {unit.pk: key for key, unit in builder.centres.items()}
    staff = list(
        Employment.objects.active_on(today).filter(subsidised=False).select_related("unit").values_list("person_id", "unit__parent_id", "unit_id")
    )
    people = {}
    for person_id, parent_id, unit_id in staff:
        people.setdefault(person_id, (parent_id, unit_id))
    skovbrynet = Unit.objects.filter(name=data.SKOVBRYNET).values_list("pk", flat=True).first()

    def leder(parent_id, unit_id):
        if unit_id == skovbrynet:
            return builder.users["leder-skovbrynet"]
        key = centre_of.get(parent_id)
        return builder.users.get(LEDER_OF.get(key, ""))

    # KOMPUS: about half of this year's dialogues are held (none dated after today).
    start_of_year = date(today.year, 1, 1)
    days = max((today - start_of_year).days, 1)
    dialogues = []
    for person_id, (parent_id, unit_id) in sorted(people.items()):
        if person_id == mads.pk or rng.random() >= 0.5:
            continue
        who = leder(parent_id, unit_id)
        goals = rng.choice(("", "", "Kursus i konflikthåndtering", "Sidemandsoplæring i det nye journalsystem"))
        dialogues.append(CompetenceDialogue(person_id=person_id, year=today.year, held_on=start_of_year + timedelta(days=rng.randrange(days)),
                                            leder=who, goals=goals if who else ""))
    dialogues.append(CompetenceDialogue(person=mads, year=today.year - 1, held_on=date(today.year - 1, 9, 14),
                                        leder=builder.users["leder-boern"], goals="Uddannelse i inkluderende pædagogik"))
    CompetenceDialogue.objects.bulk_create(dialogues, batch_size=2000)

    # Concerns: the last four ended quarters, spread over the workplaces (closed), and one open at Solsikken.
    amr = builder.users["amr-solsikken"]
    pool = [(pid, unit_id, parent_id) for pid, (parent_id, unit_id) in people.items() if pid != mads.pk]
    concerns = []
    kinds = list(Concern.Kind)
    for year, quarter in ended_quarters(today, count=4):
        first, after = quarter_bounds(year, quarter)
        for _i in range(rng.randint(8, 16)):
            person_id, unit_id, parent_id = rng.choice(pool)
            recipient = (amr if unit_id == solsikken.pk else leder(parent_id, unit_id)) or hr
            day = first + timedelta(days=rng.randrange((after - first).days))
            kind = rng.choice(kinds)
            concerns.append(Concern(
                reporter_id=person_id, workplace_id=unit_id, kind=kind, about=rng.choice(list(Concern.About)),
                description=CONCERN_TEXTS[kind], recipient=recipient, recipient_role="amr" if recipient == amr else "leder",
                status=Concern.Status.CLOSED, action_taken="Samtale med de involverede; fulgt op efter fire uger.",
                reported_at=_at(day), closed_at=_at(min(day + timedelta(days=14), today)),
            ))
    colleague = next((pid for pid, unit_id, _p in pool if unit_id == solsikken.pk), None)
    if colleague:
        concerns.append(Concern(
            reporter_id=colleague, workplace=solsikken, kind=Concern.Kind.NOT_THRIVING, about=Concern.About.COLLEAGUE,
            description="En kollega virker meget presset og er begyndt at trække sig fra de andre.", recipient=amr,
            recipient_role="amr", reported_at=_at(today - timedelta(days=2)),
        ))
    Concern.objects.bulk_create(concerns)

    # Sign-ups for this year.
    offers = {o.name: o for o in HealthOffer.objects.filter(sign_up=True)}
    shares = {"Sundhedstjek": 0.12, "Motion i FH-Hallen": 0.08, "Rygestopkursus": 0.02}
    signups = [
        HealthSignup(offer=offers[name], person_id=person_id, year=today.year)
        for person_id in sorted(people) for name, share in shares.items() if name in offers and rng.random() < share
    ]
    HealthSignup.objects.bulk_create(signups, batch_size=2000, ignore_conflicts=True)
