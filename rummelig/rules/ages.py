"""Ages that depend on the year of birth: folkepension and efterløn.

A scheme that runs "until folkepension age" (fleksjob, skånejob; domain.md §1.1-1.2) or "until
efterløn age" (seniorjob; domain.md §1.6) ends at an age that the law sets per birth cohort:

- Folkepension: lov om social pension § 1 a (LBK nr. 527 af 25/4/2022): 65 år for persons born
  before 1 January 1954, then 65½, 66, 66½, 67 (born 1 July 1955 – 31 December 1962), 68
  (1963-1966), 69 (1967-1970); 70 for persons born 1 January 1971 or later (raised by the law
  in force 31 December 2025, per Arbejdsmarkedets Erhvervssikring).
- Efterløn: lov om arbejdsløshedsforsikring m.v. (efterlønsreformen 2011): 60 år for persons born
  before 1 January 1954, rising by half years to 64 (born 1 July 1959 – 31 December 1962), then
  folkepension age minus 3 (65, 66, 67). Table: pension.dk, dsa.dk.

The cohorts are data (the Django model ``schemes.AgeLimit``, one row per cohort with its source),
because Folketinget keeps raising them; this module only looks a person up in such a table
(the last day before the age is ``dates.day_before_age``).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

FOLKEPENSION = "folkepension"
EFTERLOEN = "efterloen"
KINDS = (FOLKEPENSION, EFTERLOEN)


@dataclass(frozen=True)
class AgeStep:
    """The age (years and months) for persons born from ``born_from`` to ``born_to`` inclusive.

    An open end (None) means "born before" or "born on or after" without a limit.
    """

    born_from: date | None
    born_to: date | None
    years: int
    months: int = 0

    def __post_init__(self):
        if isinstance(self.years, bool) or not isinstance(self.years, int) or self.years < 1:
            raise ValueError(f"years must be a positive integer, not {self.years!r}.")
        if isinstance(self.months, bool) or not isinstance(self.months, int) or not 0 <= self.months < 12:
            raise ValueError(f"months must be 0-11, not {self.months!r}.")
        if self.born_from and self.born_to and self.born_to < self.born_from:
            raise ValueError(f"born_to {self.born_to} is before born_from {self.born_from}.")

    def covers(self, birth_date: date) -> bool:
        return (self.born_from is None or self.born_from <= birth_date) and (
            self.born_to is None or birth_date <= self.born_to
        )


def age_for(steps: Iterable[AgeStep], birth_date: date) -> AgeStep | None:
    """Return the cohort of the table that covers ``birth_date``, or None if none does.

    Cohorts must not overlap; if two cover the same day the table is wrong and we refuse to guess.
    """
    matches = [step for step in steps if step.covers(birth_date)]
    if len(matches) > 1:
        raise ValueError(f"Age cohorts overlap on {birth_date}: {matches}.")
    return matches[0] if matches else None

