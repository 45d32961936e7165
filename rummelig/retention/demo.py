"""Retention cases for the demo municipality: a few open, a few ended, one behind its interview deadline.

Called by the demo builder after the staff are written. Its own `random.Random` keeps the rest of
the demo the same whether or not this part runs.
"""

import random
from datetime import timedelta

from rummelig.demo import data
from rummelig.people.models import Employment
from rummelig.placements.models import Placement
from rummelig.schemes.models import Scheme, TargetGroup

from .models import AbsencePeriod, Result, RetentionCase, Step, StepKind

CASES_PER_EMPLOYEE = 1 / 250
# Results of the ended cases, in the proportions a municipality reports them.
RESULTS = [Result.ORDINARY] * 5 + [Result.FLEKSJOB] * 2 + [Result.SKAANEJOB, Result.OTHER_JOB, Result.LEFT]


def _current_staff(today, workplaces):
    return list(
        Employment.objects.filter(unit__name__in=workplaces, start__lte=today - timedelta(days=400))
        .exclude(end__lt=today).select_related("person", "unit").order_by("pk")
    )


def build_retention(builder, hr):
    """Create the demo's retention cases; return how many."""
    rng = random.Random(builder.seed * 7919 + 56)
    today = builder.today
    anchors = [staff[0] for staff in (_current_staff(today, [name]) for name in (data.SKOVBRYNET, data.SOLSIKKEN)) if staff]
    staff = Employment.objects.filter(start__lte=today - timedelta(days=400)).exclude(end__lt=today).select_related(
        "person", "unit").order_by("pk")
    total = staff.count()
    chosen = anchors[:2] + rng.sample(list(staff[: min(total, 20000)]), max(8, int(builder.n * CASES_PER_EMPLOYEE)) - 2)
    schemes = {s.code: s for s in Scheme.objects.filter(code__in=["fleksjob", "skaanejob"])}
    seen, made = set(), 0
    for index, employment in enumerate(chosen):
        if employment.person_id in seen:
            continue
        seen.add(employment.person_id)
        first_day = today - timedelta(days=rng.randint(20, 330))
        case = RetentionCase.objects.create(person=employment.person, unit=employment.unit, opened_on=first_day + timedelta(days=14),
                                            opened_by=hr)
        ended = index >= 3 and rng.random() < 0.5
        last_day = first_day + timedelta(days=rng.randint(35, 120)) if ended else None
        AbsencePeriod.objects.create(case=case, first_day=first_day, last_day=last_day, partial=rng.random() < 0.3)
        if index != 1:  # the second anchor case is behind its sickness-absence interview
            Step.objects.create(case=case, kind=StepKind.ABSENCE_TALK, on=first_day + timedelta(days=rng.randint(7, 27)),
                                note="Samtale om gradvis tilbagevenden og tilpassede opgaver.", created_by=hr)
        if rng.random() < 0.3:
            Step.objects.create(case=case, kind=StepKind.AGREEMENT_56, on=first_day + timedelta(days=30), created_by=hr)
        if ended and last_day < today:
            result = rng.choice(RESULTS)
            closed_on = min(today, last_day + timedelta(days=rng.randint(1, 30)))
            placement = None
            if result in (Result.FLEKSJOB, Result.SKAANEJOB):
                placement = Placement.objects.create(
                    person=employment.person, scheme=schemes[result.value], workplace=employment.unit,
                    start=closed_on + timedelta(days=1), target_group=TargetGroup.EMPLOYED, hours_per_week=15,
                    created_by=hr,
                )
            case.closed_on, case.result, case.result_placement = closed_on, result, placement
            case.save()
            # The ordinary employment is left as payroll made it: the demo keeps the staff count it was asked for.
        made += 1
    return made
