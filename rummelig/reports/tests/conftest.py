"""A small municipality whose every report figure for 2025 (and 2024) is worked out by hand.

On top of rummelig.testing's world (Rummelig Kommune; Center for Børn og Unge with Solsikken
Børnehus and Skovbrynet Skole; Center for Ældre og Sundhed with Plejecenter Åbjerg):

Ordinary staff (not subsidised), all from 1 January 2021:
- Solsikken: 20 employments of 1.0 FTE; Skovbrynet: 30 of 0.5 FTE         → centre A 50 staff, 35 FTE
- Åbjerg: 40 of 1.0 FTE, 10 of them end 30 June 2025; 1 subsidised (never counted)
                                                                          → centre B 30 staff (2024: 40)

Placements (37 hours a week unless said):
- A  fleksjob, Solsikken: 6 from 1 Jan 2023, open                        (pool pays 20,000 each in 2025, 15,000 in 2024)
- A  fleksjob, Skovbrynet: 2 from 1 Mar 2025, 18.5 hours, own citizens via own jobcenter
- A  løntilskud, Skovbrynet: 5 from 1 Sep 2025 to 31 Jan 2026, yearly subsidy 120,000;
     3 own citizens, 1 lives elsewhere, 1 not registered; 1 born 1999 (young)
- A  elever, Solsikken: 5 from 1 Aug 2025, born 2003; no other education: 3 yes, 1 no, 1 not registered
- B  seniorjob, Åbjerg: 7 from 1 Jun 2024, open, yearly subsidy 36,500; 36,000 received each in 2025
- B  virksomhedspraktik, Åbjerg: 3 from 1 Feb to 30 Apr 2025, own citizens; 2 born 2000 went on to
     education, 1 born 1970 ended without a job
- B  fleksjob (gammel ordning), Åbjerg: 1 from 1 Jan 2010, open; 2025: wage basis 600,000, 2/3
- B  løntilskud, Åbjerg: 4 from 1 Jan to 31 Mar 2024, born 1960, ordinary job here

Targets: 2025 kommune all schemes 30 persons, centre A fleksjob + fleksjob (gammel) 10 persons,
centre B seniorjob 6 FTE, kommune elever dimensioned 6; 2024 kommune all schemes 25 persons and
elever dimensioned 4. Fleksjob pool budget 1,000,000 (2025) and 900,000 (2024).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from rummelig.reports.models import FleksjobPool, PlacementEconomy, Target
from rummelig.schemes.models import Scheme
from rummelig.testing import make_employment, make_person, make_placement

FIRST_NAMES = ["Åse", "Søren", "Bjørn", "Mette", "Jørgen", "Else", "Ærø", "Kåre", "Birthe", "Øjvind"]


@dataclass
class Municipality:
    world: object
    old_fleksjob: object
    fleksjob_solsikken: list
    names: list


def _person(n, **extra):
    return make_person(FIRST_NAMES[n % len(FIRST_NAMES)], f"Testesen{n}", **extra)


def build_municipality(world):
    names = []
    counter = iter(range(10_000))

    def person(**extra):
        p = _person(next(counter), **extra)
        names.append(p.full_name)
        return p

    start = date(2021, 1, 1)
    for _ in range(20):
        make_employment(person(), world.solsikken, start=start, fte=Decimal("1"))
    for _ in range(30):
        make_employment(person(), world.skovbrynet, start=start, fte=Decimal("0.5"))
    for i in range(40):
        make_employment(person(), world.aabjerg, start=start, end=date(2025, 6, 30) if i < 10 else None, fte=Decimal("1"))
    make_employment(person(), world.aabjerg, start=start, subsidised=True)

    full = Decimal("37")
    fleksjob_solsikken = [
        make_placement(world.solsikken, "fleksjob", person(), start=date(2023, 1, 1), hours_per_week=full) for _ in range(6)
    ]
    for _ in range(2):
        make_placement(world.skovbrynet, "fleksjob", person(), start=date(2025, 3, 1), hours_per_week=Decimal("18.5"),
                       lives_in_municipality=True, via_own_jobcenter=True)
    origins = [(True, True), (True, True), (True, True), (False, True), (None, None)]
    for i, (lives, via) in enumerate(origins):
        make_placement(world.skovbrynet, "loentilskud", person(birth_date=date(1999, 4, 4) if i == 0 else date(1980, 1, 1)),
                       start=date(2025, 9, 1), planned_end=date(2026, 1, 31), hours_per_week=full,
                       yearly_subsidy=Decimal("120000"), lives_in_municipality=lives, via_own_jobcenter=via)
    for education in (True, True, True, False, None):
        make_placement(world.solsikken, "elev", person(birth_date=date(2003, 5, 5)), start=date(2025, 8, 1),
                       planned_end=date(2028, 1, 31), hours_per_week=full, no_other_education=education)
    for _ in range(7):
        placement = make_placement(world.aabjerg, "seniorjob", person(birth_date=date(1962, 2, 2)), start=date(2024, 6, 1),
                                   hours_per_week=full, yearly_subsidy=Decimal("36500"))
        PlacementEconomy.objects.create(placement=placement, year=2025, subsidy_received=Decimal("36000"))
    for born, outcome in ((date(2000, 1, 1), "uddannelse"), (date(2000, 6, 1), "uddannelse"), (date(1970, 1, 1), "ingen_job")):
        make_placement(world.aabjerg, "virksomhedspraktik", person(birth_date=born), start=date(2025, 2, 1),
                       planned_end=date(2025, 4, 30), actual_end=date(2025, 4, 30), hours_per_week=full, outcome=outcome,
                       lives_in_municipality=True, via_own_jobcenter=True)
    old = make_placement(world.aabjerg, "fleksjob-gammel", person(), start=date(2010, 1, 1), hours_per_week=full)
    PlacementEconomy.objects.create(placement=old, year=2025, wage_basis=Decimal("600000"), refusion_fraction="2/3")
    for _ in range(4):
        make_placement(world.aabjerg, "loentilskud", person(birth_date=date(1960, 3, 3)), start=date(2024, 1, 1),
                       planned_end=date(2024, 3, 31), actual_end=date(2024, 3, 31), hours_per_week=full,
                       outcome="ordinaert_job_her")

    _pool_and_targets(world, fleksjob_solsikken)
    return Municipality(world, old, fleksjob_solsikken, names)


def _pool_and_targets(world, fleksjob_solsikken):
    """The fleksjob pool's payments and budgets, and the year's targets."""
    for placement in fleksjob_solsikken:
        PlacementEconomy.objects.create(placement=placement, year=2025, pool_payment=Decimal("20000"))
        PlacementEconomy.objects.create(placement=placement, year=2024, pool_payment=Decimal("15000"))
    FleksjobPool.objects.create(year=2025, budget=Decimal("1000000"))
    FleksjobPool.objects.create(year=2024, budget=Decimal("900000"))

    def target(year, unit, value, codes=(), measure=Target.Measure.HEADCOUNT, kind=Target.Kind.TARGET):
        t = Target.objects.create(year=year, unit=unit, value=Decimal(value), measure=measure, kind=kind)
        t.schemes.set(Scheme.objects.filter(code__in=codes))
        return t

    target(2025, world.kommune, 30)
    target(2025, world.centre_a, 10, ("fleksjob", "fleksjob-gammel"))
    target(2025, world.centre_b, 6, ("seniorjob",), measure=Target.Measure.FTE)
    target(2025, world.kommune, 6, ("elev",), kind=Target.Kind.DIMENSIONING)
    target(2024, world.kommune, 25)
    target(2024, world.kommune, 4, ("elev",), kind=Target.Kind.DIMENSIONING)


@pytest.fixture
def municipality(world):
    return build_municipality(world)
