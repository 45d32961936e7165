"""Made-up Danish people: names from Faker's da_DK lists and fictitious CPR numbers.

A CPR number here is a real date of birth, a 7th digit that gives the right century (see
rummelig.lib.cpr), an even last digit for women and an odd one for men, and digits chosen so the
number FAILS the modulus-11 check that CPR numbers issued before October 2007 pass; so a demo
number is unlikely to be a real person's. Faker is slow per call, so names are drawn from its
lists with our own seeded random generator instead.
"""

from bisect import bisect_right
from itertools import accumulate

from faker.providers.person.da_DK import Provider as DanishNames

from rummelig.people.models import Person
from rummelig.rules.dates import same_day_in

from . import data

MOD11_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def years_before(day, years):
    """Return the same day `years` earlier (28 February for 29 February)."""
    return same_day_in(day, day.year - years)


def years_after(day, years):
    return years_before(day, -years)


class Weighted:
    """Draw from (item, weight) pairs quickly and repeatedly."""

    def __init__(self, pairs):
        self.items = [item for item, _ in pairs]
        self.cum = list(accumulate(weight for _, weight in pairs))

    def draw(self, rng):
        return self.items[bisect_right(self.cum, rng.random() * self.cum[-1])]


def fails_modulus_11(number):
    return sum(int(c) * w for c, w in zip(number, MOD11_WEIGHTS, strict=True)) % 11 != 0


class PersonMaker:
    """Make unsaved Person rows with Danish names and unique fictitious CPR numbers."""

    def __init__(self, rng):
        self.rng = rng
        self.cprs = set()
        self.persons = []
        self.first = {True: list(DanishNames.first_names_female), False: list(DanishNames.first_names_male)}
        # Danish surnames are very unequal: Jensen, Nielsen and Hansen are each ~5 % of people.
        self.last = Weighted([(name, 1 / (rank + 6)) for rank, name in enumerate(DanishNames.last_names)])

    def cpr(self, birth, female):
        ddmmyy = f"{birth.day:02d}{birth.month:02d}{birth.year % 100:02d}"
        rng = self.rng
        while True:
            seventh = rng.randint(0, 3) if birth.year < 2000 else rng.choice((4, 5, 6, 7, 8, 9))
            last = rng.randrange(0, 10, 2) if female else rng.randrange(1, 10, 2)
            number = f"{ddmmyy}{seventh}{rng.randint(0, 99):02d}{last}"
            if fails_modulus_11(number) and number not in self.cprs:
                self.cprs.add(number)
                return number

    def person(self, birth, female, integration=False):
        """Return a new person born on `birth`; refugees (IGU, integration) get names of their own."""
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
