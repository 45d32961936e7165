"""What Rummelig already holds, read once into dicts keyed by payroll id; nothing is queried per record."""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person
from rummelig.placements.models import Placement
from rummelig.schemes.models import Scheme

from ..models import ImportedPlacementLink, PayrollCodeMapping

EMPLOYMENT_FIELDS = (
    "person_id", "unit_id", "job_title", "weekly_hours", "fte", "start", "end",
    "subsidised", "contract_code", "is_manager",
)  # fmt: skip


class ExistingEmployment(NamedTuple):
    pk: int
    person_id: int
    unit_id: int
    job_title: str
    weekly_hours: Decimal
    fte: Decimal
    start: date
    end: date | None
    subsidised: bool
    contract_code: str
    is_manager: bool


class ExistingPlacement(NamedTuple):
    pk: int
    person_id: int
    scheme_id: int
    workplace_id: int
    start: date
    planned_end: date | None
    actual_end: date | None
    hours_per_week: Decimal | None


class Register:
    """The database as the planner compares with it; each part is loaded when the plan gets to it."""

    def load_units(self) -> set[str]:
        """Load every unit; return the payroll ids that more than one unit has."""
        self.all_units: dict[int, Unit] = {unit.pk: unit for unit in Unit.objects.all()}
        self.units: dict[str, Unit] = {}  # by payroll id
        duplicates = set()
        for unit in self.all_units.values():
            if not unit.payroll_id:
                continue
            if unit.payroll_id in self.units:
                duplicates.add(unit.payroll_id)
            self.units[unit.payroll_id] = unit
        return duplicates

    def load_codes(self, source: str) -> None:
        """HR's mapping of this source's payroll codes (code → scheme pk, None for ordinary), and the schemes."""
        self.codes = dict(PayrollCodeMapping.objects.filter(source=source).values_list("code", "scheme_id"))
        self.schemes = {scheme.pk: scheme for scheme in Scheme.objects.all()}

    def load_people_and_employments(self) -> None:
        """People (names by pk, pk by CPR), employments by payroll number, and the placements payroll keeps."""
        self.people: dict[int, list] = {}
        self.people_by_cpr: dict[str, int] = {}
        self.accounts: dict[int, str] = {}  # pk → user name in payroll (only those that have one)
        self.logins: dict[int, int] = {}  # pk → the user HR linked (Person.user), only those linked
        rows = Person.objects.values_list("pk", "cpr", "first_name", "last_name", "account_name", "user_id")
        for pk, cpr, first_name, last_name, account_name, user_id in rows:
            self.people[pk] = [first_name, last_name]
            if cpr:
                self.people_by_cpr[cpr] = pk
            if account_name:
                self.accounts[pk] = account_name
            if user_id is not None:
                self.logins[pk] = user_id
        self.employments: dict[str, ExistingEmployment] = {}
        for row in Employment.objects.exclude(payroll_number="").values_list("payroll_number", "pk", *EMPLOYMENT_FIELDS):
            self.employments[row[0]] = ExistingEmployment(*row[1:])
        self.links: dict[int, tuple[int, bool]] = {  # employment pk → (placement pk, adopted)
            employment_id: (placement_id, adopted)
            for employment_id, placement_id, adopted in ImportedPlacementLink.objects.values_list(
                "employment_id", "placement_id", "adopted"
            )
        }
        linked = {placement_id for placement_id, _ in self.links.values()}
        self.placements: dict[int, ExistingPlacement] = {}  # the linked ones, by pk
        self.unlinked: dict[tuple, list[ExistingPlacement]] = defaultdict(list)  # (person, scheme, workplace) → …
        for row in Placement.objects.values_list(
            "pk", "person_id", "scheme_id", "workplace_id", "start", "planned_end", "actual_end", "hours_per_week"
        ):
            placement = ExistingPlacement(*row)
            if placement.pk in linked:
                self.placements[placement.pk] = placement
            else:
                self.unlinked[(placement.person_id, placement.scheme_id, placement.workplace_id)].append(placement)

    def person_name(self, pk: int) -> str:
        return " ".join(self.people.get(pk, ["", ""])).strip()

    def unit_name(self, pk: int | None) -> str:
        unit = self.all_units.get(pk)
        return unit.name if unit is not None else ""

    def scheme_name(self, pk: int | None) -> str:
        return str(self.schemes.get(pk, "")) if pk else ""
