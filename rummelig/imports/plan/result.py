"""What an import would do: the plan, and its typed change rows.

The rows say what changes in the planner's terms (field names, dates, decimals, the names of the
units and people involved); how a row reads to HR – field labels, dd.mm.åååå, ja/nej – is decided
by `imports/display.py`, for the pages, the commands and the run's record alike.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.utils.translation import gettext as _

from rummelig.organisation.models import Unit

from ..bulk import New
from ..parsers import ImportProblem
from ..sources import Staged

MAX_CHANGES = 200  # changes kept for the preview and the result page

Entity = Literal["unit", "person", "employment", "placement", "role"]
Action = Literal["added", "updated", "ended", "removed", "linked"]
Value = str | date | Decimal | bool | None


@dataclass(slots=True)
class FieldChange:
    """One field of a change: the model field's name, the value before (None: new) and after."""

    field: str
    before: Value
    after: Value


@dataclass(slots=True)
class Change:
    """One unit, person, employment, placement or leder role that the import adds, changes, ends, removes or links."""

    entity: Entity
    action: Action
    key: str  # the payroll id ("" for a person, whom payroll knows by CPR)
    name: str  # the unit's or the person's name
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class Plan:
    """What an import would do; `apply.apply_plan` writes it."""

    staged: Staged
    now: datetime
    problems: list[ImportProblem] = field(default_factory=list)
    notices: list[ImportProblem] = field(default_factory=list)
    unknown_codes: list[dict] = field(default_factory=list)  # {source, code, text, count, location}
    counts: Counter = field(default_factory=Counter)
    changes: list[Change] = field(default_factory=list)
    changes_total: int = 0

    all_units: dict[int, Unit] = field(default_factory=dict)  # pk → every unit in the database
    new_units: list[Unit] = field(default_factory=list)
    updated_units: list[Unit] = field(default_factory=list)
    unit_parents: dict[int, str | None] = field(default_factory=dict)  # id(unit) → parent source id
    units_by_source: dict[str, Unit] = field(default_factory=dict)  # existing and new, by payroll id

    new_people: list[New] = field(default_factory=list)
    updated_people: list[tuple[int, dict]] = field(default_factory=list)

    new_employments: list[New] = field(default_factory=list)
    updated_employments: list[tuple[int, dict]] = field(default_factory=list)
    removed_employment_ids: list[int] = field(default_factory=list)

    new_placements: list[New] = field(default_factory=list)
    updated_placements: list[tuple[int, dict]] = field(default_factory=list)
    links: list[New] = field(default_factory=list)  # ImportedPlacementLink rows
    removed_placement_ids: list[int] = field(default_factory=list)

    # the leder roles payroll gives (plan/roles.py): users to create (by user name), roles.Wanted to
    # create, (pk, {valid_from, valid_until}) to change, pks to delete
    new_users: list[str] = field(default_factory=list)
    new_roles: list = field(default_factory=list)
    updated_roles: list[tuple[int, dict]] = field(default_factory=list)
    removed_role_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True unless something stops the import: a problem, or a payroll code HR has not mapped."""
        return not self.problems and not self.unknown_codes

    @property
    def writes(self) -> int:
        """Rows to write, for the progress bar."""
        return (
            len(self.new_units) + len(self.updated_units) + len(self.new_people) + len(self.updated_people)
            + len(self.new_employments) + len(self.updated_employments) + len(self.removed_employment_ids)
            + len(self.new_placements) + len(self.updated_placements) + len(self.links)
            + len(self.removed_placement_ids) + len(self.new_users) + len(self.new_roles) + len(self.updated_roles)
            + len(self.removed_role_ids)
        )  # fmt: skip

    @property
    def detailed(self) -> bool:
        """True while changes are still kept in full (the first MAX_CHANGES); later ones are only counted."""
        return len(self.changes) < MAX_CHANGES

    def change(self, entity: Entity, action: Action, key: str, name: str, fields: list[FieldChange] | None = None):
        self.changes_total += 1
        if len(self.changes) < MAX_CHANGES:
            self.changes.append(Change(entity, action, key, name, fields or []))

    def problem(self, location: str, message: str) -> None:
        self.problems.append(ImportProblem(self.staged.file, location, message))

    def notice(self, location: str, message: str) -> None:
        self.notices.append(ImportProblem(self.staged.file, location, message))

    def fit(self, value: str, limit: int, location: str, field_name: str) -> str:
        """Return a text cut to the column's length, with a notice when it was cut."""
        if len(value) <= limit:
            return value
        self.notice(
            location,
            _("The field <%(field)s> is longer than %(limit)s characters and was shortened.")
            % {"field": field_name, "limit": limit},
        )
        return value[:limit]


def pk_of(value):
    """Return the pk of a saved unit, or the value itself (a pk, or a New row written later)."""
    return value.pk if isinstance(value, (New, Unit)) else value
