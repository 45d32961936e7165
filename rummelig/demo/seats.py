"""The placements of the demo: per seat, today's holder, the earlier ones and the next one.

A seat is one place for a scheme at one workplace (one fleksjob, one løntilskud …) held by one
person after another. Each seat's holder today is drawn first, then the earlier holders back to
the start of the period, then (for half of the seats whose holder leaves within two months) the
next one, already registered. So the number of people in a scheme on any day is close to its
seats, which are the scheme's share of staff (data.PROFILES), and the seats that count in the
rimelighedskrav never exceed what a workplace's ordinary FTE allows (rules.ratio). Every date is
fitted to the scheme's rules (rules.durations.max_end_date) before the placement is kept, so the
demo passes rummelig.placements.validation.
"""

import dataclasses
import math
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from rummelig.placements.models import Outcome, Placement
from rummelig.rules.dates import add_duration
from rummelig.rules.durations import max_end_date
from rummelig.rules.ratio import FULL_TIME_HOURS, max_supported_placements
from rummelig.rules.schemes import DAYS, MONTHS, WEEKS, YEARS, Duration, max_duration
from rummelig.schemes.models import TargetGroup as TG

from . import data
from .people import Weighted, years_before

PLANNED_AHEAD = 60  # days: a placement starting within this may already be registered
PLANNED_SHARE = 0.5  # share of the next holders that are already registered
RATIO_MARGIN = Decimal("0.8")  # plan counted seats as if the ordinary staff were 20 % smaller
RATIO_MONTHS_DAYS = 123  # the 4 months of ordinary staff the rimelighedskrav averages


def approx_days(d):
    return {DAYS: 1, WEEKS: 7, MONTHS: 30.44, YEARS: 365.25}[d.unit] * d.amount


class PlacementMaker:
    """The placement half of DemoBuilder (mixed into it).

    Uses the builder's rng, today, window_start, sites, schemes and rules, `person()`, `hire()`,
    `w()`, `fte()` and `rule_on()`; adds to its `placements`.
    """

    def build_placements(self, created_by):
        self.created_by = created_by
        open_sites = [s for s in self.sites if not s.closed]
        by_name = {s.unit.name: s for s in open_sites}
        for profile in data.PROFILES:
            if profile.code not in self.schemes:
                continue
            for site in self.seat_sites(profile, open_sites, by_name):
                self.seat(profile, site)
        profiles = {p.code: p for p in data.PROFILES}
        for site in self.sites:
            if site.closed:
                for code in ("loentilskud", "virksomhedspraktik"):
                    self.seat(profiles[code], site, vacated=True)

    def seat_sites(self, profile, open_sites, by_name):
        """Return the sites of the scheme's seats: its anchor workplaces first, then drawn by size and centre."""
        rng = self.rng
        seats = max(profile.min_seats, round(profile.share * self.staff_now / (1 - profile.vacated)))
        sites = []

        def has_room(site):
            return not profile.counts_in_ratio or site.ratio_seats < self.ratio_cap(site)

        def take(site):
            sites.append(site)
            if profile.counts_in_ratio:
                site.ratio_seats += 1

        for name, codes in data.ANCHORS.items():
            if profile.code in codes and name in by_name and len(sites) < seats and has_room(by_name[name]):
                take(by_name[name])
        pick = Weighted([(s, float(s.fte) * profile.centres.get(s.centre.key, 0)) for s in open_sites])
        while len(sites) < seats:
            site = pick.draw(rng)
            for _ in range(30):
                if has_room(site):
                    break
                site = pick.draw(rng)
            take(site)
        return sites

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

    def ratio_cap(self, site):
        """Return the seats in counted schemes the site may have (rimelighedskrav, with a margin).

        The law measures the ordinary staff of the 4 months before each start, which may be a
        little smaller than today's, so the demo stays under the limit with some room.
        """
        return max_supported_placements(site.fte * RATIO_MARGIN)

    def earliest(self, profile, site):
        """Return the first day a placement of the scheme can start at the site."""
        lo = max(site.unit.valid_from, self.rules[profile.code][0][0])
        if profile.counts_in_ratio:
            # A new workplace has no ordinary staff in the 4 months the rimelighedskrav looks back on.
            lo = max(lo, site.unit.valid_from + timedelta(days=RATIO_MONTHS_DAYS))
        return lo

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

    def age_limit_day(self, rule, birth):
        """Return the day before the person reaches the scheme's age limit, or None if it has none.

        Asks rules.durations (the rule without its maximum durations), so a limit that depends on
        the birth cohort (folkepension, efterløn) is the law's, not a guess.
        """
        key = id(rule)
        if key not in self.ageless:
            self.ageless[key] = (rule, dataclasses.replace(rule, max_durations={}))
        return max_end_date(self.ageless[key][1], None, birth, birth)

    def holder(self, profile, site, start, need_until, tg, may_link=False, at_age=False):
        """Return (person, their employment here or None, target group) for a placement from `start`.

        `need_until` is a day the person must still be young enough for the scheme on; with
        `at_age` the placement ended on `need_until` because the person reached the age limit.
        """
        rng = self.rng
        rule = self.rule_on(profile.code, start)
        aged = rule is not None and self.age_limit_day(rule, start) is not None
        if profile.employee or (may_link and profile.linked and rng.random() < profile.linked):
            employment = self.existing_employee(site, start, rule if aged else None)
            if employment is not None:
                if profile.code == "fleksjob":
                    tg = TG.EMPLOYED
                return employment.person, employment, tg
            if profile.employee:
                return None
        youngest, oldest = profile.ages
        if aged and at_age:
            birth = years_before(need_until + timedelta(days=1), oldest + 1)
            target = need_until
        else:
            lo = years_before(start, oldest + 1) + timedelta(days=1)
            hi = years_before(start, youngest)
            birth = lo + timedelta(days=rng.randint(0, (hi - lo).days))
            target = need_until + timedelta(days=30 if profile.model == "age" else 2)
        if aged:
            # Move the birthday until the age limit falls on (at_age) or after the target day.
            for _ in range(5):
                limit = self.age_limit_day(rule, birth)
                if limit == target or (limit > target and not at_age):
                    break
                birth += target - limit
        female = rng.random() < site.centre.women
        return self.person(birth, female, integration=tg == TG.INTEGRATION), None, tg

    def existing_employee(self, site, start, aged_rule):
        """Pick a member of the site's staff, employed a year before `start`, not yet holding a scheme.

        With `aged_rule`, only someone more than a year from the scheme's age limit.
        """
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
            if aged_rule and self.age_limit_day(aged_rule, birth) <= self.today + timedelta(days=365):
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
        if limit is not None and limit < start:
            return None
        planned_end, actual_end = self.fit_ends(profile, site, limit, planned_end, actual_end)
        linked = employment if employment is not None and not profile.employee else None
        if profile.employee and employment is not None:
            hours = int(employment.weekly_hours)
        else:
            hours = self.w(profile.hours).draw(rng)
        if linked is not None and actual_end is None:
            # The employee now works the fleksjob's or skånejob's hours, on subsidised terms, and
            # no longer counts as ordinary staff in the rimelighedskrav.
            site.fte -= linked.fte
            linked.subsidised = True
            linked.weekly_hours, linked.fte = Decimal(hours), self.fte(hours)
        outcome = ""
        if actual_end is not None:
            reached_limit = actual_end == self.age_limit_day(rule, person.birth_date)
            outcome = self.w(data.OUTCOMES_AT_AGE_LIMIT if reached_limit or at_age else profile.outcomes).draw(rng)
        lives = rng.random() < (0.85 if profile.jobcenter else 0.7)
        considerations = ""
        if rng.random() < profile.considerations:
            considerations = " ".join(rng.sample(data.CONSIDERATIONS, rng.randint(1, 2)))
        mentor = self.mentor(profile, site, person, start)
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

    def fit_ends(self, profile, site, limit, planned_end, actual_end):
        """Return (planned_end, actual_end) fitted to the scheme's last day (limit, or None) and the workplace's closing."""
        if limit is not None:
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
        return planned_end, actual_end

    def mentor(self, profile, site, person, start):
        """Return a colleague at the site as the placement's mentor, or None."""
        rng = self.rng
        if profile.mentor and rng.random() < profile.mentor and site.staff:
            candidate = rng.choice(site.staff)
            if candidate.person is not person and candidate.start <= start:
                return candidate.person
        return None

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
            amount = self.rng.randint(*values)
            if profile.code == "seniorjob":
                amount = amount * hours / FULL_TIME_HOURS  # the seniorjob subsidy follows the hours
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
