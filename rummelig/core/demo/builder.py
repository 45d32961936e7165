"""Build the demo municipality in memory, then write it with bulk_create in batches.

Deterministic for a seed: every random choice comes from one `random.Random(seed)` and one seeded
`Faker("da_DK")`, in a fixed order, and "today" is a parameter. Model `save()` methods are bypassed
by bulk_create, so the builder sets what they would have set itself (unit paths, a person's date
of birth, a placement's `ends_on`).

Placements are made per *seat*: a seat is one place for a scheme at one workplace (one fleksjob,
one løntilskud …) held by one person after another. Each seat's holder today is drawn first, then
the earlier holders back to the start of the period, then the next one if they start within two
months. So the number of people in a scheme on any day is close to the seats, which are the
scheme's share of staff (data.PROFILES), and the seats that count in the rimelighedskrav never
exceed what a workplace's ordinary FTE allows (rules.ratio). Every date is checked against the
scheme's rules (rules.durations.max_end_date) before it is kept.

CPR numbers are fictitious: a real date of birth, a 7th digit that gives the right century
(rummelig.lib.cpr), an even last digit for women, and digits chosen so the number fails the
modulus-11 check, which CPR numbers issued before 2007 pass; so a demo number is unlikely to be
anyone's real one.
"""

import math
import random
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from faker import Faker
from faker.providers.person.da_DK import Provider as DanishNames

from rummelig.accounts.models import RoleAssignment
from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person
from rummelig.placements.models import Outcome, Placement
from rummelig.rules.durations import add_duration, day_before_birthday, max_end_date
from rummelig.rules.ratio import max_supported_placements
from rummelig.rules.schemes import MONTHS, WEEKS, YEARS, Duration, max_duration
from rummelig.schemes.models import Scheme
from rummelig.schemes.models import TargetGroup as TG

from . import data

BATCH = 2000
FOUNDED = date(2007, 1, 1)  # the municipality as it is since the structural reform
FULL_TIME = Decimal(37)
WORKPLACES_AT_5000 = 120  # ~120 workplaces for 5,000 staff, ~600 for 50,000
PLANNED_AHEAD = 60  # days: placements starting within this may already be registered
PLANNED_SHARE = 0.5  # share of the next holders that are
LEAVERS_PER_YEAR = 0.06  # share of staff who left in each year of the period
MOD11_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


@dataclass
class Site:
    """A workplace while it is being built: its unit, its staff and its seats."""

    unit: Unit
    centre: data.Centre
    kind: data.Kind
    staff_target: int
    closed: bool = False
    staff: list = field(default_factory=list)  # current employments
    fte: Decimal = Decimal(0)
    ratio_seats: int = 0


def years_before(day, years):
    """Return the same day `years` earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def approx_days(d):
    return {"days": 1, WEEKS: 7, MONTHS: 30.44, YEARS: 365.25}[d.unit] * d.amount


class Weighted:
    """Draw from (item, weight) pairs quickly and repeatedly."""

    def __init__(self, pairs):
        self.items = [item for item, _ in pairs]
        self.cum = list(accumulate(weight for _, weight in pairs))

    def draw(self, rng):
        return self.items[bisect_right(self.cum, rng.random() * self.cum[-1])]


class DemoBuilder:
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
        self.cprs = set()
        self.persons = []
        self.employments = []
        self.placements = []
        self.hires = 0
        self.payroll_seq = 100000
        self.used_employees = set()  # ids of employments holding a fleksjob, skånejob or § 56
        self.fte_cache = {}
        self.weighted = {}
        self.hired = set()  # ids of persons hired after a placement
        self._names()
        self._schemes()

    # Pools ------------------------------------------------------------------------------------

    def _names(self):
        women, men = DanishNames.first_names_female, DanishNames.first_names_male
        self.first = {True: list(women), False: list(men)}
        last = list(DanishNames.last_names)
        # Danish surnames are very unequal: Jensen, Nielsen and Hansen are each ~5 % of people.
        self.last = Weighted([(name, 1 / (rank + 6)) for rank, name in enumerate(last)])
        self.hours = {True: Weighted(data.HOURS_FULL), False: Weighted(data.HOURS_PART)}
        self.contacts = [f"{self.fake.first_name()} {self.fake.last_name()}" for _ in range(16)]

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

    # People -------------------------------------------------------------------------------------

    def cpr(self, birth, female):
        ddmmyy = f"{birth.day:02d}{birth.month:02d}{birth.year % 100:02d}"
        rng = self.rng
        while True:
            seventh = rng.randint(0, 3) if birth.year < 2000 else rng.choice((4, 5, 6, 7, 8, 9))
            last = rng.randrange(0, 10, 2) if female else rng.randrange(1, 10, 2)
            number = f"{ddmmyy}{seventh}{rng.randint(0, 99):02d}{last}"
            if sum(int(c) * w for c, w in zip(number, MOD11_WEIGHTS)) % 11 == 0:
                continue
            if number not in self.cprs:
                self.cprs.add(number)
                return number

    def person(self, birth, female, integration=False):
        rng = self.rng
        if integration:
            first = rng.choice(data.INTEGRATION_FIRST[female])
            last = rng.choice(data.INTEGRATION_LAST)
        else:
            first = rng.choice(self.first[female])
            if rng.random() < 0.12:
                second = rng.choice(self.first[female])
                if second != first:
                    first = f"{first} {second}"
            last = self.last.draw(rng)
            if rng.random() < 0.15:
                middle = self.last.draw(rng)
                if middle != last:
                    last = f"{middle} {last}"
        person = Person(first_name=first, last_name=last, cpr=self.cpr(birth, female), birth_date=birth)
        self.persons.append(person)
        return person

    def fte(self, hours):
        if hours not in self.fte_cache:
            self.fte_cache[hours] = (Decimal(hours) / FULL_TIME).quantize(Decimal("0.0001"))
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
        for _ in range(10):
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
        for ci, (centre, count) in enumerate(zip(data.CENTRES, counts), start=1):
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
            for wi, ((name, kind), target) in enumerate(zip(planned, staff), start=1):
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
        if self.rng.random() < 0.15:
            valid_from = FOUNDED + timedelta(days=self.rng.randint(365, 13 * 365))
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
        for _ in range(round(self.n * LEAVERS_PER_YEAR * self.years)):
            site = pick.draw(rng)
            end = self.window_start + timedelta(days=rng.randint(0, days - 1))
            if end >= site.unit.valid_from:
                self.employ(site, end=end)
        for site in self.sites:
            if site.closed:
                for i in range(site.staff_target):
                    self.employ(site, end=site.unit.valid_to, manager=i == 0)

    # Placements ---------------------------------------------------------------------------------

    def build_placements(self, created_by):
        self.created_by = created_by
        rng = self.rng
        open_sites = [s for s in self.sites if not s.closed]
        by_name = {s.unit.name: s for s in open_sites}
        for profile in data.PROFILES:
            if profile.code not in self.schemes:
                continue
            seats = max(profile.min_seats, round(profile.share * self.staff_now / (1 - profile.vacated)))
            sites = []
            for name, codes in data.ANCHORS.items():
                if profile.code in codes and name in by_name and len(sites) < seats:
                    sites.append(by_name[name])
            pick = Weighted([(s, float(s.fte) * profile.centres.get(s.centre.key, 0)) for s in open_sites])
            while len(sites) < seats:
                site = pick.draw(rng)
                for _ in range(30):
                    if not profile.counts_in_ratio or site.ratio_seats < max_supported_placements(site.fte):
                        break
                    site = pick.draw(rng)
                sites.append(site)
            for site in sites:
                if profile.counts_in_ratio:
                    site.ratio_seats += 1
                self.seat(profile, site)
        profiles = {p.code: p for p in data.PROFILES}
        for site in self.sites:
            if site.closed:
                for code in ("loentilskud", "virksomhedspraktik"):
                    self.seat(profiles[code], site, vacated=True)

    def seat(self, profile, site, vacated=False):
        """Make the placements of one seat: today's holder, the earlier ones, the next planned one."""
        rng = self.rng
        if site.closed:
            cursor = site.unit.valid_to - timedelta(days=rng.randint(0, 60))
            self.earlier(profile, site, cursor, None)
            return
        if vacated or rng.random() < profile.vacated:
            cursor = self.today - timedelta(days=rng.randint(1, (self.today - self.window_start).days))
            self.earlier(profile, site, cursor, None)
            return
        current = self.current(profile, site)
        if current is None:
            return
        renew = rng.random() < profile.renew
        self.earlier(profile, site, current.start - timedelta(days=1 if renew else 1 + rng.randint(*profile.gap)),
                     current if renew else None)
        end = current.planned_end
        if (end is not None and end <= self.today + timedelta(days=PLANNED_AHEAD) and profile.model != "open"
                and rng.random() < PLANNED_SHARE):
            renew = rng.random() < profile.renew
            start = end + timedelta(days=1 if renew else 1 + rng.randint(*profile.gap))
            if self.today < start <= self.today + timedelta(days=PLANNED_AHEAD):
                self.planned(profile, site, start, current if renew else None)

    def earliest(self, profile, site):
        first_version = self.rules[profile.code][0][0]
        return max(site.unit.valid_from, first_version)

    def length(self, profile, site, tg, day):
        """Return (planned Duration or None, education) for a placement starting about `day`."""
        rng = self.rng
        if profile.model == "education":
            name, months = self.w(data.EDUCATIONS[site.centre.key]).draw(rng)
            return Duration(months, MONTHS), name
        if profile.model == "months":
            return Duration(self.w(profile.months).draw(rng), MONTHS), ""
        if profile.model != "max":
            return None, ""
        rule = self.rule_on(profile.code, day)
        d = (max_duration(rule, tg) if rule else None) or Duration(profile.fallback_weeks, WEEKS)
        if rng.random() < profile.full or d.amount == 1:
            return d, ""
        if d.unit == YEARS:
            return Duration(rng.randint(12, 12 * d.amount - 1), MONTHS), ""
        return Duration(rng.randint(max(1, math.ceil(d.amount / 2)), d.amount - 1), d.unit), ""

    def tenure_days(self, profile):
        years = min(max(self.rng.expovariate(1 / profile.tenure), 0.25), 25)
        return int(years * 365.25)

    def current(self, profile, site):
        """Make the placement running today on the seat, or None if the seat cannot have one."""
        rng = self.rng
        today = self.today
        tg = self.w(profile.groups).draw(rng)
        lo = self.earliest(profile, site)
        d, education = self.length(profile, site, tg, today)
        if profile.last_start:
            if lo > profile.last_start:
                return None
            start = lo + timedelta(days=rng.randint(0, (profile.last_start - lo).days))
        else:
            if profile.model == "open":
                span = self.tenure_days(profile)
            elif profile.model == "age":
                span = rng.randint(120, int(4.9 * 365))
            else:
                span = max(1, int(approx_days(d)))
            start = max(lo, today - timedelta(days=rng.randint(0, span - 1)))
        planned_end = None
        if d is not None:
            planned_end = add_duration(start, d)
            if planned_end < today:
                start += today - planned_end
                planned_end = add_duration(start, d)
        holder = self.holder(profile, site, start, need_until=planned_end or today, tg=tg, may_link=True)
        if holder is None:
            return None
        person, employment, tg = holder
        return self.place(profile, site, person, tg, start, planned_end, None, employment, education)

    def earlier(self, profile, site, cursor, renewal_of):
        """Make the seat's ended placements backwards from `cursor` (the last one's last day)."""
        rng = self.rng
        lo = self.earliest(profile, site)
        following = renewal_of
        while cursor >= self.window_start and cursor >= lo:
            tg = following.target_group if following else self.w(profile.groups).draw(rng)
            d, education = self.length(profile, site, tg, cursor)
            early = rng.random() < profile.early
            at_age = False
            if profile.model == "open":
                span = self.tenure_days(profile)
            elif profile.model == "age":
                span = rng.randint(120, int(4.8 * 365))
                at_age = not early
            else:
                span = max(1, int(approx_days(d)))
                if early and span > 14:
                    span = rng.randint(max(7, span // 5), span - 1)
            start = max(lo, cursor - timedelta(days=span - 1))
            if profile.last_start:
                start = min(start, profile.last_start)
            if (cursor - start).days < 6:
                return
            planned_end = add_duration(start, d) if d is not None else None
            if planned_end is not None and not early and planned_end > cursor:
                start -= planned_end - cursor
                if start < lo:
                    return
                planned_end = add_duration(start, d)
            actual_end = min(cursor, planned_end) if planned_end else cursor
            if following is not None:
                person, employment = following.person, following.demo_employment
            else:
                holder = self.holder(profile, site, start, need_until=actual_end, tg=tg, at_age=at_age)
                if holder is None:
                    return
                person, employment, tg = holder
            placement = self.place(profile, site, person, tg, start, planned_end, actual_end, employment, education,
                                   at_age=at_age)
            if placement is None:
                return
            renew = rng.random() < profile.renew
            following = placement if renew else None
            cursor = placement.start - timedelta(days=1 if renew else 1 + rng.randint(*profile.gap))

    def planned(self, profile, site, start, renewal_of):
        """Make a placement that starts after today (registered ahead, as HR does)."""
        tg = renewal_of.target_group if renewal_of else self.w(profile.groups).draw(self.rng)
        if profile.last_start and start > profile.last_start:
            return
        d, education = self.length(profile, site, tg, start)
        planned_end = add_duration(start, d) if d is not None else None
        if renewal_of:
            person, employment = renewal_of.person, renewal_of.demo_employment
        else:
            holder = self.holder(profile, site, start, need_until=planned_end or start, tg=tg)
            if holder is None:
                return
            person, employment, tg = holder
        self.place(profile, site, person, tg, start, planned_end, None, employment, education)

    def holder(self, profile, site, start, need_until, tg, may_link=False, at_age=False):
        """Return (person, their employment here or None, target group) for a placement from `start`.

        `need_until` is a day the person must still be young enough for the scheme on.
        """
        rng = self.rng
        rule = self.rule_on(profile.code, start)
        age_limit = rule.ends_at_age if rule else None
        if profile.employee or (may_link and profile.linked and rng.random() < profile.linked):
            employment = self.existing_employee(site, start, age_limit)
            if employment is not None:
                if profile.code == "fleksjob":
                    tg = TG.EMPLOYED
                return employment.person, employment, tg
            if profile.employee:
                return None
        if profile.model == "age" and at_age:
            # Ended on the day before the birthday that ends the scheme.
            birth = years_before(need_until + timedelta(days=1), age_limit)
        else:
            youngest, oldest = profile.ages
            lo = years_before(start, oldest + 1) + timedelta(days=1)
            hi = years_before(start, youngest)
            if age_limit:
                margin = 30 if profile.model == "age" else 2
                lo = max(lo, years_before(need_until + timedelta(days=margin), age_limit))
            if lo > hi:
                hi = lo
            birth = lo + timedelta(days=rng.randint(0, (hi - lo).days))
        female = rng.random() < site.centre.women
        return self.person(birth, female, integration=tg == TG.INTEGRATION), None, tg

    def existing_employee(self, site, start, age_limit):
        """Pick a member of the site's staff, employed a year before `start`, not yet holding a scheme."""
        rng = self.rng
        for _ in range(20):
            if not site.staff:
                return None
            employment = rng.choice(site.staff)
            if id(employment) in self.used_employees or employment.is_manager:
                continue
            if employment.start > start - timedelta(days=365):
                continue
            birth = employment.person.birth_date
            if age_limit and day_before_birthday(birth, age_limit) <= self.today + timedelta(days=365):
                continue
            self.used_employees.add(id(employment))
            return employment
        return None

    def place(self, profile, site, person, tg, start, planned_end, actual_end, employment, education, at_age=False):
        """Fit the dates to the scheme's rules and the workplace, and add the placement (None if impossible).

        `employment` is the person's own employment here: linked to a fleksjob or skånejob (whose
        hours it then takes), only the source of the hours for a § 56 agreement.
        """
        rng = self.rng
        rule = self.rule_on(profile.code, start)
        if rule is None or not site.unit.is_valid_on(start):
            return None
        limit = max_end_date(rule, tg, start, person.birth_date)
        if limit is not None:
            if limit < start:
                return None
            if planned_end is not None and planned_end > limit:
                planned_end = limit
            if actual_end is not None and actual_end > limit:
                actual_end = limit
            if profile.model == "age" and planned_end is None:
                planned_end = limit
            if planned_end is None and actual_end is None and limit <= self.today + timedelta(days=730):
                planned_end = limit  # a fleksjob or skånejob ends at folkepension age
        if site.unit.valid_to is not None:
            actual_end = min(actual_end or site.unit.valid_to, site.unit.valid_to)
            planned_end = min(planned_end, site.unit.valid_to) if planned_end else None
        if actual_end is None and planned_end is not None and planned_end < self.today:
            actual_end = planned_end
        if actual_end is not None and actual_end >= self.today:
            planned_end, actual_end = planned_end or actual_end, None
        linked = employment if employment is not None and not profile.employee else None
        if profile.employee and employment is not None:
            hours = int(employment.weekly_hours)
        else:
            hours = self.w(profile.hours).draw(rng)
        if linked is not None and actual_end is None:
            # The employee now works the fleksjob's or skånejob's hours, on subsidised terms.
            linked.subsidised = True
            linked.weekly_hours, linked.fte = Decimal(hours), self.fte(hours)
        outcome = ""
        if actual_end is not None:
            reached_limit = rule.ends_at_age is not None and actual_end == limit
            outcome = self.w(data.OUTCOMES_AT_AGE_LIMIT if reached_limit or at_age else profile.outcomes).draw(rng)
        lives = rng.random() < (0.85 if profile.jobcenter else 0.7)
        considerations = ""
        if rng.random() < profile.considerations:
            considerations = " ".join(rng.sample(data.CONSIDERATIONS, rng.randint(1, 2)))
        mentor = None
        if profile.mentor and rng.random() < profile.mentor and site.staff:
            candidate = rng.choice(site.staff)
            if candidate.person is not person and candidate.start <= start:
                mentor = candidate.person
        placement = Placement(
            person=person, scheme=self.schemes[profile.code], workplace=site.unit, employment=linked,
            target_group=tg, start=start, planned_end=planned_end, actual_end=actual_end,
            ends_on=actual_end or planned_end, hours_per_week=Decimal(hours),
            purpose=rng.choice(profile.purposes).format(task=rng.choice(site.kind.tasks), education=education),
            special_considerations=considerations, mentor=mentor,
            jobcenter_contact=self.contact(profile),
            yearly_subsidy=self.subsidy(profile, hours, tg),
            lives_in_municipality=lives if rng.random() < 0.97 else None,
            via_own_jobcenter=(lives and rng.random() < 0.92) if profile.jobcenter else None,
            no_other_education=(rng.random() < 0.82) if profile.code == "elev" else None,
            outcome=outcome,
            requested_on=self.requested_on(start) if profile.code == "seniorjob" else None,
            started_at=(timezone.make_aware(datetime.combine(start, time(8))) if start <= self.today else None),
            created_by=self.created_by,
        )
        placement.demo_employment = employment  # for a renewal of the same person's agreement
        self.placements.append(placement)
        if (outcome == Outcome.ORDINARY_JOB_HERE and employment is None and not site.closed
                and id(person) not in self.hired and actual_end < self.today - timedelta(days=1)):
            self.hired.add(id(person))
            self.hire(site, person, actual_end + timedelta(days=1))
        return placement

    def contact(self, profile):
        if profile.code == "paragraf-56":
            return f"Sygedagpengeteamet – {self.rng.choice(self.contacts)}"
        if profile.jobcenter:
            return f"Jobcenter Rummelig – {self.rng.choice(self.contacts)}"
        return ""

    def subsidy(self, profile, hours, tg):
        if not profile.subsidy:
            return None
        kind, *values = profile.subsidy
        if kind == "range":
            amount = self.rng.randint(values[0], values[1]) * hours / 37 if profile.code == "seniorjob" else self.rng.randint(*values)
        else:
            rate = values[0]
            if profile.code == "loentilskud" and tg in data.LOENTILSKUD_LOW_RATE_GROUPS:
                rate = 95
            amount = rate * hours * 52
        return Decimal(int(round(amount, -2)))

    def requested_on(self, start):
        """The seniorjob was asked for up to two months before it began (a few too late)."""
        days = self.rng.randint(62, 90) if self.rng.random() < 0.05 else self.rng.randint(10, 58)
        return start - timedelta(days=days)

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
        Person.objects.bulk_create(self.persons, batch_size=BATCH)
        Employment.objects.bulk_create(self.employments, batch_size=BATCH)
        Placement.objects.bulk_create(self.placements, batch_size=BATCH)

    def build(self):
        """Create the whole municipality; return the builder (its lists hold what was made)."""
        self.build_units()
        users = self.build_users()
        self.build_staff()
        self.build_placements(created_by=users["hr"])
        self.write()
        return self
