"""Build the demo municipality in memory, then write it with bulk_create in batches.

Deterministic for a seed: every random choice comes from one `random.Random(seed)` (and a seeded
`Faker("da_DK")` for the jobcentre contacts) in a fixed order, and "today" is a parameter. Model
`save()` methods are bypassed by bulk_create, so the builder sets what they would have set (unit
paths, a person's date of birth, a placement's `ends_on`). The parts: units and staff here,
people in people.py, placements in seats.py, the tables in data.py.
"""

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from faker import Faker

from rummelig.accounts.models import RoleAssignment
from rummelig.med.demo import build_med
from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person
from rummelig.placements.models import Placement
from rummelig.reports.publications import publish
from rummelig.retention.demo import build_retention
from rummelig.rules.ratio import FULL_TIME_HOURS
from rummelig.schemes.models import Scheme

from . import data
from .onboarding import seed_onboarding
from .people import PersonMaker, Weighted, years_after, years_before
from .procurement import build_procurement
from .seats import PlacementMaker

BATCH = 2000
FOUNDED = date(2007, 1, 1)  # the municipality as it is since the structural reform
WORKPLACES_AT_5000 = 120  # ~120 workplaces for 5,000 staff, ~600 for 50,000
LEAVERS_PER_YEAR = 0.06  # share of staff who left in each year of the period


@dataclass
class Site:
    """A workplace while it is being built: its unit, its staff and its seats."""

    unit: Unit
    centre: data.Centre
    kind: data.Kind
    staff_target: int
    closed: bool = False
    staff: list = field(default_factory=list)  # current employments
    fte: Decimal = Decimal(0)  # ordinary (unsubsidised) FTE today
    ratio_seats: int = 0


class DemoBuilder(PlacementMaker):
    """Build the demo municipality; `build()` writes it and returns the builder with what it made."""

    def __init__(self, employees, seed=1, years=3, today=None):
        self.n = employees
        self.seed = seed
        self.today = today or timezone.localdate()
        self.window_start = years_before(self.today, years)
        self.years = years
        self.rng = random.Random(seed)
        self.fake = Faker("da_DK")
        self.fake.seed_instance(seed)
        self.people = PersonMaker(self.rng)
        self.person = self.people.person
        self.employments = []
        self.placements = []
        self.hires = 0
        self.payroll_seq = 100000
        self.used_employees = set()  # ids of employments holding a fleksjob, skånejob or § 56
        self.hired = set()  # ids of persons hired after a placement
        self.fte_cache = {}
        self.weighted = {}
        self.ageless = {}  # rules without their durations, for age limits
        self.hours = {True: Weighted(data.HOURS_FULL), False: Weighted(data.HOURS_PART)}
        self.contacts = [f"{self.fake.first_name()} {self.fake.last_name()}" for _ in range(16)]
        self._schemes()

    # Rules and tables ---------------------------------------------------------------------------

    def _schemes(self):
        """Load each scheme's versions as rules, so dates are checked without a query each."""
        self.schemes = {}
        self.rules = {}
        for scheme in Scheme.objects.prefetch_related("versions__durations"):
            self.schemes[scheme.code] = scheme
            self.rules[scheme.code] = sorted(
                ((v.valid_from, v.valid_to, v.as_rule()) for v in scheme.versions.all()), key=lambda r: r[0]
            )

    def w(self, pairs):
        """Return the cached Weighted table of a constant tuple of (item, weight) pairs."""
        key = id(pairs)
        if key not in self.weighted:
            self.weighted[key] = (pairs, Weighted(pairs))  # keep pairs alive so the id stays theirs
        return self.weighted[key][1]

    def rule_on(self, code, day):
        for valid_from, valid_to, rule in self.rules.get(code, ()):
            if valid_from <= day and (valid_to is None or day <= valid_to):
                return rule
        return None

    def fte(self, hours):
        if hours not in self.fte_cache:
            self.fte_cache[hours] = (Decimal(hours) / FULL_TIME_HOURS).quantize(Decimal("0.0001"))
        return self.fte_cache[hours]

    def payroll_number(self):
        self.payroll_seq += 1
        return str(self.payroll_seq)

    def employ(self, site, end=None, manager=False, person=None, start=None):
        """Add an ordinary employment at the site (ended on `end`, if given) and return it.

        Without a person, a new member of staff is made up with an age and years of service.
        """
        rng = self.rng
        if person is None:
            ref = end or self.today
            age = rng.triangular(19, 66.5, 46)
            birth = ref - timedelta(days=int(age * 365.25))
            person = self.person(birth, rng.random() < site.centre.women)
            service = max(0.05, min(rng.expovariate(1 / 9), age - 18.5))
            start = ref - timedelta(days=int(service * 365.25))
        if site.unit.valid_from > FOUNDED:
            # Staff of the first workplaces came with the merged municipalities in 2007; later
            # workplaces have nobody from before they opened.
            start = max(start, site.unit.valid_from)
        if end and start > end:
            start = end
        if manager:
            title, hours = site.kind.manager, 37
        else:
            title = self.w(site.kind.titles).draw(rng)
            hours = self.hours[not site.kind.part_time].draw(rng)
        employment = Employment(
            person=person, unit=site.unit, job_title=title, weekly_hours=Decimal(hours), fte=self.fte(hours),
            start=start, end=end, payroll_number=self.payroll_number(), is_manager=manager,
        )
        self.employments.append(employment)
        if end is None and not site.closed:
            site.staff.append(employment)
            site.fte += employment.fte
        return employment

    def hire(self, site, person, start):
        """Employ a person after their placement, in the job of someone who left the day before."""
        rng = self.rng
        for _ in range(10 if site.staff else 0):
            leaver = rng.choice(site.staff)
            if leaver.is_manager or id(leaver) in self.used_employees or leaver.start >= start - timedelta(days=30):
                continue
            leaver.end = start - timedelta(days=1)
            site.staff.remove(leaver)
            site.fte -= leaver.fte
            break
        self.employ(site, person=person, start=start)
        self.hires += 1

    # Units --------------------------------------------------------------------------------------

    def build_units(self):
        rng = self.rng
        n_workplaces = max(2 * len(data.CENTRES), round(WORKPLACES_AT_5000 * (self.n / 5000) ** 0.7))
        self.kommune = Unit(name=data.KOMMUNE, kind=Unit.Kind.MUNICIPALITY, valid_from=FOUNDED, payroll_id="K0001")
        self.kommune.save()
        self.centres = {}
        for i, centre in enumerate(data.CENTRES, start=1):
            unit = Unit(name=centre.name, kind=Unit.Kind.AREA, parent=self.kommune, valid_from=FOUNDED,
                        payroll_id=f"C{i:02d}", cost_centre=f"{i}0000")
            unit.save()
            self.centres[centre.key] = unit
        counts = self._largest_remainder([c.workplace_share for c in data.CENTRES], n_workplaces, minimum=2)
        towns = ["Rummelig"]
        while len(towns) < max(8, n_workplaces // 6):
            town = rng.choice(data.TOWN_PREFIXES) + rng.choice(data.TOWN_SUFFIXES)
            if town not in towns and town[-3:] != town[-6:-3]:
                towns.append(town)
        self.towns = towns
        used = {name for centre in data.CENTRES if centre.fixed for name in [centre.fixed[0]]}
        self.sites = []
        p_numbers = set()
        for ci, (centre, count) in enumerate(zip(data.CENTRES, counts, strict=True), start=1):
            kinds = Weighted([(k, k.weight) for k in centre.kinds])
            singles = {}
            planned = []
            for index in range(count):
                if index == 0 and centre.fixed:
                    name, key = centre.fixed
                    planned.append((name, next(k for k in centre.kinds if k.key == key)))
                    continue
                kind = kinds.draw(rng)
                limit = 1 + n_workplaces // 250
                while kind.single and singles.get(kind.key, 0) >= limit:
                    kind = kinds.draw(rng)
                singles[kind.key] = singles.get(kind.key, 0) + 1
                planned.append((self._workplace_name(kind, used, singles[kind.key]), kind))
            staff = self._largest_remainder(
                [kind.size * rng.uniform(0.7, 1.3) for _, kind in planned], round(self.n * centre.staff_share), minimum=3
            )
            for wi, ((name, kind), target) in enumerate(zip(planned, staff, strict=True), start=1):
                self.sites.append(Site(self._workplace(name, centre, ci, wi, p_numbers), centre, kind, target))
        # One workplace opened within the period, and two closed during it.
        newest = next(s for s in reversed(self.sites) if s.centre.key == "boern")
        newest.unit.valid_from = self.today - timedelta(days=rng.randint(120, 300))
        for ci, centre in enumerate(data.CENTRES, start=1):
            if centre.key in ("aeldre", "skole"):
                kind = centre.kinds[0]
                name = self._workplace_name(kind, used, 1)
                unit = self._workplace(name, centre, ci, 900 + ci, p_numbers)
                first_day = self.window_start + timedelta(days=90)
                unit.valid_to = first_day + timedelta(days=rng.randint(0, max(30, (self.today - first_day).days - 120)))
                unit.name = f"{name} (nedlagt)"
                self.sites.append(Site(unit, centre, kind, max(6, kind.size // 3), closed=True))
        units = [site.unit for site in self.sites]
        Unit.objects.bulk_create(units, batch_size=BATCH)
        for unit in units:
            unit.path = f"{unit.parent.path}{unit.pk}/"
            unit.depth = unit.path.count("/") - 2
        Unit.objects.bulk_update(units, ["path", "depth"], batch_size=BATCH)

    def _largest_remainder(self, weights, total, minimum=0):
        """Split total into integers proportional to weights, each at least `minimum` when possible."""
        total = max(total, minimum * len(weights))
        spare = total - minimum * len(weights)
        s = sum(weights)
        exact = [spare * w / s for w in weights]
        parts = [math.floor(x) for x in exact]
        order = sorted(range(len(weights)), key=lambda i: exact[i] - parts[i], reverse=True)
        for i in order[: spare - sum(parts)]:
            parts[i] += 1
        return [p + minimum for p in parts]

    def _workplace_name(self, kind, used, nth):
        rng = self.rng
        templates = kind.names
        for attempt in range(60):
            template = templates[0] if kind.single and nth == 1 and attempt == 0 else rng.choice(templates)
            prefix = rng.choice(data.LOCAL_PREFIXES)
            root, definite = rng.choice(data.LOCAL_ROOTS)
            if prefix.lower().startswith(root):
                continue
            name = template.format(
                town=rng.choice(self.towns), nature=rng.choice(data.NATURE), local=prefix + definite,
                localroot=prefix + root, district=rng.choice(data.DISTRICTS),
            )
            if name not in used:
                used.add(name)
                return name
        name = f"{name} {len(used)}"
        used.add(name)
        return name

    def _workplace(self, name, centre, ci, wi, p_numbers):
        while True:
            p_number = f"10{self.rng.randint(0, 99_999_999):08d}"
            if p_number not in p_numbers:
                p_numbers.add(p_number)
                break
        valid_from = FOUNDED
        newest = (self.window_start - FOUNDED).days
        if self.rng.random() < 0.15 and newest > 365:
            # Opened later, but before the period the demo covers.
            valid_from = FOUNDED + timedelta(days=self.rng.randint(365, newest))
        return Unit(
            name=name, kind=Unit.Kind.WORKPLACE, parent=self.centres[centre.key], valid_from=valid_from,
            payroll_id=f"A{ci}{wi:03d}", p_number=p_number, cost_centre=f"{ci}{wi:04d}",
        )

    # Staff --------------------------------------------------------------------------------------

    def build_staff(self):
        rng = self.rng
        open_sites = [s for s in self.sites if not s.closed]
        for site in open_sites:
            for i in range(site.staff_target):
                self.employ(site, manager=i == 0)
        self.staff_now = sum(len(s.staff) for s in open_sites)
        # Those who left during the period.
        pick = Weighted([(s, s.staff_target) for s in open_sites])
        days = (self.today - self.window_start).days
        successors = set()
        for _ in range(round(self.n * LEAVERS_PER_YEAR * self.years)):
            site = pick.draw(rng)
            end = self.window_start + timedelta(days=rng.randint(0, days - 1))
            if end >= site.unit.valid_from:
                self.employ(site, end=end)
                self.fill(site, end, successors)
        for site in self.sites:
            if site.closed:
                for i in range(site.staff_target):
                    self.employ(site, end=site.unit.valid_to, manager=i == 0)

    def fill(self, site, vacated, successors):
        """Let one of the site's current staff have started soon after a leaver, in the leaver's job.

        Staff numbers then stay steady, as they do when jobs are filled again, rather than
        jumping about month by month; the merbeskæftigelse rule looks at exactly that.
        """
        rng = self.rng
        start = vacated + timedelta(days=1 if rng.random() < 0.6 else rng.randint(2, 45))
        for _ in range(5):
            successor = rng.choice(site.staff)
            if successor.is_manager or id(successor) in successors or start > self.today:
                continue
            if start < years_after(successor.person.birth_date, 18):
                continue
            successor.start = start
            successors.add(id(successor))
            return

    # Users --------------------------------------------------------------------------------------

    def build_users(self):
        """Create a login for every role; all share the demo password (hashed once)."""
        User = get_user_model()
        password = make_password(data.DEMO_PASSWORD)
        by_name = {s.unit.name: s.unit for s in self.sites}
        users = {}
        for demo_user in data.DEMO_USERS:
            users[demo_user.username] = User(
                username=demo_user.username, first_name=demo_user.first_name, last_name=demo_user.last_name,
                email=f"{demo_user.username}@rummelig.invalid", password=password,
            )
        User.objects.bulk_create(list(users.values()))
        assignments = []
        for demo_user in data.DEMO_USERS:
            if demo_user.role is None:
                continue
            if demo_user.unit is None:
                unit = None
            elif demo_user.unit == "kommune":
                unit = self.kommune
            elif demo_user.unit in self.centres:
                unit = self.centres[demo_user.unit]
            else:
                unit = by_name[demo_user.unit]
            assignments.append(RoleAssignment(user=users[demo_user.username], role=demo_user.role, unit=unit))
        RoleAssignment.objects.bulk_create(assignments)
        self.users = users
        return users

    # Writing ------------------------------------------------------------------------------------

    def write(self):
        Person.objects.bulk_create(self.people.persons, batch_size=BATCH)
        Employment.objects.bulk_create(self.employments, batch_size=BATCH)
        Placement.objects.bulk_create(self.placements, batch_size=BATCH)

    def build(self):
        """Create the whole municipality; return the builder (its lists hold what was made)."""
        self.build_units()
        users = self.build_users()
        self.build_staff()
        self.build_placements(created_by=users["hr"])
        self.write()
        self.retention_cases = build_retention(self, users["hr"])
        build_procurement(self.today, self.centres, users["indkoeb"])
        self.link_employee(users["medarbejder"])
        seed_onboarding(self, users)
        self.committees = build_med(self, users)
        self.publish(users["hr"])
        return self

    def link_employee(self, user):
        """Give the demo employee (login "medarbejder") records of their own: a member of Solsikken's staff.

        The person gets the login's name and payroll user name and is linked, as a login by
        RUMMELIG_EMPLOYEE_LINK would link them.
        """
        site = next((s for s in self.sites if s.unit.name == data.SOLSIKKEN and s.staff), None)
        staff = [e for e in site.staff if not e.is_manager] if site else []
        if not staff:
            return
        Person.objects.filter(pk=staff[0].person.pk).update(
            first_name=user.first_name, last_name=user.last_name, account_name=user.username, user=user)

    def publish(self, hr):
        """Publish the last two annual report dates, so MED members' pages have figures to show."""
        for year in (self.today.year - 2, self.today.year - 1):
            publish(date(year, 12, 31), hr)
