"""One dated version of a scheme (fleksjob, løntilskud, virksomhedspraktik …) as plain data.

The Django model ``Scheme`` stores these versions as rows, because the law changes on dates
(domain.md §0: the 2026-2027 beskæftigelsesreform renumbers LAB and abolishes jobrotation and
revalidering for new cases). It converts itself into a ``SchemeRule`` so the rules in this
package never touch the database.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

DAYS = "days"
WEEKS = "weeks"
MONTHS = "months"
YEARS = "years"
UNITS = (DAYS, WEEKS, MONTHS, YEARS)

DEFAULT_GROUP = ""


@dataclass(frozen=True)
class Duration:
    """A length of time as the law states it ("13 uger", "4 måneder", "2 år")."""

    amount: int
    unit: str

    def __post_init__(self):
        if self.unit not in UNITS:
            raise ValueError(f"Duration unit must be one of {UNITS}, not {self.unit!r}.")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 1:
            raise ValueError(f"Duration amount must be a positive integer, not {self.amount!r}.")


@dataclass(frozen=True)
class SchemeRule:
    """The rules of one scheme version, valid from ``valid_from`` to ``valid_to`` inclusive."""

    code: str
    permanent: bool
    # Target-group code -> maximum duration; the key "" is the default for every other group.
    # A scheme with no entry at all has no maximum (e.g. elever: the education sets the end).
    max_durations: Mapping[str, Duration] = field(hash=False)
    extension_allowed: bool
    counts_in_ratio: bool
    needs_statement: bool
    merbeskaeftigelse_applies: bool
    follow_up_first_months: int | None
    follow_up_every_months: int | None
    grant_months: int | None
    ends_at_age: int | None
    valid_from: date
    valid_to: date | None
    # The birth cohorts of the age the scheme ends at (rules.ages.AgeStep), when the law sets it
    # per cohort (folkepension, efterløn); ``ends_at_age`` is the fallback for anyone not covered.
    age_steps: tuple = ()

    def __post_init__(self):
        # Copy the mapping so that a caller mutating its dict cannot change a frozen rule.
        object.__setattr__(self, "max_durations", MappingProxyType(dict(self.max_durations)))
        object.__setattr__(self, "age_steps", tuple(self.age_steps))
        for group, duration in self.max_durations.items():
            if not isinstance(duration, Duration):
                raise TypeError(f"{self.code}: max duration for {group!r} must be a Duration.")
        for name in ("follow_up_first_months", "follow_up_every_months", "grant_months", "ends_at_age"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise ValueError(f"{self.code}: {name} must be a positive integer or None, not {value!r}.")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(f"{self.code}: valid_to {self.valid_to} is before valid_from {self.valid_from}.")

    def in_force_on(self, on: date) -> bool:
        """Tell whether this version applies on the given day."""
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


def max_duration(rule: SchemeRule, target_group: str | None) -> Duration | None:
    """Return the maximum duration for the target group, else the scheme's default, else None.

    None means the scheme itself sets no maximum (fleksjob, skånejob, elever).
    """
    if target_group and target_group in rule.max_durations:
        return rule.max_durations[target_group]
    return rule.max_durations.get(DEFAULT_GROUP)


def rule_in_force(rules: Iterable[SchemeRule], code: str, on: date) -> SchemeRule | None:
    """Return the version of the scheme ``code`` in force on ``on``, or None if there is none.

    Versions of one scheme must not overlap; if they do the data is wrong and we refuse to guess.
    """
    matches = [rule for rule in rules if rule.code == code and rule.in_force_on(on)]
    if len(matches) > 1:
        periods = ", ".join(f"{r.valid_from}–{r.valid_to or '…'}" for r in matches)
        raise ValueError(f"Scheme {code!r} has overlapping versions on {on}: {periods}.")
    return matches[0] if matches else None
