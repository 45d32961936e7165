"""Compare staged records with the database and work out exactly what an import would change.

The plan IS the preview and the dry run: it lists what would be added, updated (with the fields
that differ), ended, removed and left unchanged, and holds the rows (`bulk.New`, new Unit
instances, and (pk, values) updates) that `apply.apply_plan` writes with bulk operations. The database is read once, into dicts keyed by
payroll id; nothing here queries per record.

Rules (see README in this package for the reasons):
- Units are matched by `Unit.payroll_id`, people by CPR (without CPR: through the employment's
  payroll number), employments by `Employment.payroll_number`.
- A record absent from the file changes nothing (OPUS dumps are deltas). Only an end date in the
  file, or an OPUS `action="leave"`, ends an employment; units get `valid_to`, never deleted.
- An OPUS employment without `<entryDate>` starts on the dump date ("known since"); an earlier
  start already in Rummelig is kept.
- `workContractText` "Annulleret" (SD status S): the employment never was. It is removed if
  Rummelig has it (with the placement the import made for it), and never created.
- Payroll codes map through PayrollCodeMapping to ordinary employment or a scheme. An unknown code
  is a problem (the import stops, HR maps the code, and imports again): never guessed.
- An employment mapped to a scheme is subsidised and has a placement kept in step with it.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person
from rummelig.placements.models import Placement
from rummelig.schemes.models import Scheme

from .bulk import New
from .models import ImportedPlacementLink, PayrollCodeMapping
from .parsers import EmploymentRecord, ImportProblem, UnitRecord, check_references
from .parsers.common import birth_date_of_cpr_start
from .sources import Staged

MAX_CHANGES = 200  # changes kept for the preview and the result page
FULL_TIME_HOURS = Decimal(37)
EMPLOYMENT_FIELDS = (
    "person_id", "unit_id", "job_title", "weekly_hours", "fte", "start", "end",
    "subsidised", "contract_code", "is_manager",
)  # fmt: skip
CHANGE_LABELS = {
    "unit": gettext_lazy("Unit"),
    "employment": gettext_lazy("Employment"),
    "person": gettext_lazy("Person"),
    "placement": gettext_lazy("Placement"),
    "added": gettext_lazy("New"),
    "updated": gettext_lazy("Changed"),
    "ended": gettext_lazy("Ended"),
    "removed": gettext_lazy("Removed"),
    "linked": gettext_lazy("Linked to payroll"),
}
PLACEMENT_FIELDS = ("person_id", "scheme_id", "workplace_id", "start", "planned_end", "hours_per_week")


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


@dataclass
class ExistingPlacement:
    pk: int
    person_id: int
    scheme_id: int
    workplace_id: int
    start: date
    planned_end: date | None
    actual_end: date | None
    hours_per_week: Decimal | None


@dataclass
class Plan:
    """What an import would do; `apply_plan` writes it."""

    staged: Staged
    problems: list[ImportProblem] = field(default_factory=list)
    notices: list[ImportProblem] = field(default_factory=list)
    unknown_codes: list[dict] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    changes: list[dict] = field(default_factory=list)
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

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def writes(self) -> int:
        """Rows to write, for the progress bar."""
        return (
            len(self.new_units) + len(self.updated_units) + len(self.new_people) + len(self.updated_people)
            + len(self.new_employments) + len(self.updated_employments) + len(self.removed_employment_ids)
            + len(self.new_placements) + len(self.updated_placements) + len(self.links)
            + len(self.removed_placement_ids)
        )  # fmt: skip

    @property
    def detailed(self) -> bool:
        """True while changes are still kept in full (the first MAX_CHANGES)."""
        return len(self.changes) < MAX_CHANGES

    def change(self, entity: str, action: str, key: str, label: str, fields=()) -> None:
        self.changes_total += 1
        if len(self.changes) < MAX_CHANGES:
            self.changes.append(
                {"entity": entity, "action": action, "key": key, "label": label, "fields": [list(f) for f in fields]}
            )


def make_plan(staged: Staged) -> Plan:
    """Compare the staged records with the database; return the plan (check `plan.ok`)."""
    return Planner(staged).plan()


class Planner:
    def __init__(self, staged: Staged):
        self.now = timezone.now()
        self._labels: dict[tuple, str] = {}
        self.staged = staged
        self.source = staged.source
        self.file = staged.file
        self.p = Plan(staged=staged, problems=list(staged.problems), notices=list(staged.notices))

    def _label(self, model, name: str) -> str:
        """Return a field's verbose name, capitalised (cached for the plan: it is asked per record)."""
        key = (model, name)
        label = self._labels.get(key)
        if label is None:
            label = self._labels[key] = _field_label(model, name)
        return label

    def _placement_label(self, name: str) -> str:
        return self._label(Placement, name.removesuffix("_id"))

    def problem(self, location: str, message: str) -> None:
        self.p.problems.append(ImportProblem(self.file, location, message))

    def notice(self, location: str, message: str) -> None:
        self.p.notices.append(ImportProblem(self.file, location, message))

    # ------------------------------------------------------------------------------------------

    def plan(self) -> Plan:
        if self.p.problems:
            return self.p
        self._load_units()
        if self.p.problems:
            return self.p
        self.p.problems.extend(
            check_references(self.staged.units, self.staged.employments, self.db_units, file=self.file)
        )
        if self.p.problems:
            return self.p
        self._load_codes()
        if self.p.problems:
            return self.p
        self._plan_units()
        if self.p.problems:
            return self.p
        self._load_people_and_employments()
        self._plan_employments()
        self._plan_leaves()
        return self.p

    # Units -------------------------------------------------------------------------------------

    def _load_units(self) -> None:
        self.p.all_units = {unit.pk: unit for unit in Unit.objects.all()}
        self.db_units: dict[str, Unit] = {}
        duplicates = set()
        for unit in self.p.all_units.values():
            if not unit.payroll_id:
                continue
            if unit.payroll_id in self.db_units:
                duplicates.add(unit.payroll_id)
            self.db_units[unit.payroll_id] = unit
        file_ids = {record.source_id for record in self.staged.units} | {
            record.unit_source_id for record in self.staged.employments
        }
        for payroll_id in sorted(duplicates & file_ids):
            self.problem(
                "",
                _("Several units in Rummelig have the payroll id '%(id)s'; give each unit its own id before importing.")
                % {"id": payroll_id},
            )
        self.p.units_by_source = dict(self.db_units)

    def _plan_units(self) -> None:
        records = {record.source_id: record for record in self.staged.units}
        parent_of = {record.source_id: record.parent_source_id for record in records.values()}
        earliest_start: dict[str, date] = {}
        for record in self.staged.employments:
            known = earliest_start.get(record.unit_source_id)
            if known is None or record.start < known:
                earliest_start[record.unit_source_id] = record.start
        self._check_cycles(records)
        if self.p.problems:
            return
        has_children = set(parent_of.values()) | {
            self.p.all_units[unit.parent_id].payroll_id for unit in self.p.all_units.values() if unit.parent_id
        }
        for record in records.values():
            existing = self.db_units.get(record.source_id)
            if existing is None:
                self._new_unit(record, records, has_children, earliest_start)
            else:
                self._update_unit(existing, record)

    def _parent_source(self, source_id: str, records: dict[str, UnitRecord]) -> str | None:
        """Return the payroll id of a unit's parent once imported: the file's, else the database's."""
        if source_id in records:
            return records[source_id].parent_source_id
        unit = self.db_units.get(source_id)
        if unit is None or not unit.parent_id:
            return None
        return self.p.all_units[unit.parent_id].payroll_id or None

    def _check_cycles(self, records: dict[str, UnitRecord]) -> None:
        """Report a unit that would lie under itself once the file's parents meet the database's."""
        for source_id in records:
            seen = {source_id}
            current = self._parent_source(source_id, records)
            while current is not None:
                if current in seen:
                    self.problem(
                        records[source_id].location,
                        _("The unit '%(id)s' would lie under itself: its parent units in the file and in Rummelig form a loop.")
                        % {"id": source_id},
                    )
                    break
                seen.add(current)
                current = self._parent_source(current, records)

    def _depth(self, source_id: str, records: dict[str, UnitRecord]) -> int:
        """Return how deep a unit will lie (0 = the top), following the file's parents, then the database's."""
        depth = 0
        current = source_id
        while current in records:
            parent = records[current].parent_source_id
            if parent is None:
                return depth
            depth += 1
            current = parent
        unit = self.db_units.get(current)
        return depth + (unit.depth if unit is not None else 0)

    def _new_unit(self, record: UnitRecord, records, has_children, earliest_start) -> None:
        if record.parent_source_id is None:
            kind = Unit.Kind.MUNICIPALITY
        elif record.source_id in has_children and self._depth(record.source_id, records) == 1:
            kind = Unit.Kind.AREA
        else:
            kind = Unit.Kind.WORKPLACE
        valid_from = record.valid_from
        if valid_from is None:
            valid_from = min(earliest_start.get(record.source_id, self.staged.reference_date), self.staged.reference_date)
        if record.valid_to is not None and record.valid_to < valid_from:
            valid_from = record.valid_to
        unit = Unit(
            name=self._fit(record.name, 200, record.location, "name"),
            kind=kind,
            payroll_id=record.source_id,
            p_number=record.p_number,
            cost_centre=self._fit(record.cost_centre, 50, record.location, "costCenter"),
            valid_from=valid_from,
            valid_to=record.valid_to,
        )
        self.p.new_units.append(unit)
        self.p.unit_parents[id(unit)] = record.parent_source_id
        self.p.units_by_source[record.source_id] = unit
        self.p.counts["units_added"] += 1
        self.p.change("unit", "added", record.source_id, unit.name)

    def _update_unit(self, unit: Unit, record: UnitRecord) -> None:
        was_open = unit.valid_to is None
        wanted = {
            "name": self._fit(record.name, 200, record.location, "name"),
            "p_number": record.p_number,
            "cost_centre": self._fit(record.cost_centre, 50, record.location, "costCenter"),
            "valid_from": record.valid_from or unit.valid_from,
            "valid_to": record.valid_to,
        }
        if wanted["valid_to"] is not None and wanted["valid_to"] < wanted["valid_from"]:
            wanted["valid_from"] = wanted["valid_to"]
        diffs = []
        for name, value in wanted.items():
            old = getattr(unit, name)
            if old != value:
                diffs.append((self._label(Unit, name), _show(old), _show(value)))
                setattr(unit, name, value)
        old_parent = self.p.all_units[unit.parent_id] if unit.parent_id else None
        old_parent_id = old_parent.payroll_id if old_parent is not None else None
        # A unit HR placed under a unit of their own (no payroll id) stays there if the file gives no parent.
        keeps_own_parent = old_parent is not None and not old_parent.payroll_id and record.parent_source_id is None
        if record.parent_source_id != old_parent_id and not keeps_own_parent:
            new_parent = self._unit_name(record.parent_source_id)
            diffs.append((self._label(Unit, "parent"), old_parent.name if old_parent else "", new_parent))
            self.p.unit_parents[id(unit)] = record.parent_source_id
        if not diffs:
            self.p.counts["units_unchanged"] += 1
            return
        self.p.updated_units.append(unit)
        action = "ended" if was_open and unit.valid_to is not None else "updated"
        self.p.counts[f"units_{action}"] += 1
        self.p.change("unit", action, record.source_id, unit.name, diffs)

    def _unit_name(self, source_id: str | None) -> str:
        if source_id is None:
            return ""
        unit = self.p.units_by_source.get(source_id)
        if unit is not None:
            return unit.name
        for record in self.staged.units:
            if record.source_id == source_id:
                return record.name
        return source_id

    # Payroll codes ------------------------------------------------------------------------------

    def _load_codes(self) -> None:
        """Load HR's mapping for this source; report each code in the file that is not in it."""
        self.codes = dict(PayrollCodeMapping.objects.filter(source=self.source).values_list("code", "scheme_id"))
        self.schemes = {scheme.pk: scheme for scheme in Scheme.objects.all()}
        unknown: dict[str, dict] = {}
        for record in self.staged.employments:
            code = record.contract_code
            if record.cancelled or not code or code in self.codes:
                continue
            entry = unknown.get(code)
            if entry is None:
                unknown[code] = {
                    "source": self.source,
                    "code": code,
                    "text": record.contract_text,
                    "count": 1,
                    "location": record.location,
                }
            else:
                entry["count"] += 1
        if not unknown:
            return
        for entry in unknown.values():
            text = f" ({entry['text']})" if entry["text"] else ""
            self.problem(
                entry["location"],
                ngettext(
                    "The payroll code '%(code)s'%(text)s is not mapped to ordinary employment or a scheme "
                    "(%(count)s employment in the file). Map it on the page Payroll codes (linked below) and "
                    "import the file again.",
                    "The payroll code '%(code)s'%(text)s is not mapped to ordinary employment or a scheme "
                    "(%(count)s employments in the file). Map it on the page Payroll codes (linked below) and "
                    "import the file again.",
                    entry["count"],
                )
                % {"code": entry["code"], "text": text, "count": entry["count"]},
            )
        self.p.unknown_codes = list(unknown.values())

    # People and employments --------------------------------------------------------------------

    def _load_people_and_employments(self) -> None:
        self.people: dict[int, list] = {}
        self.people_by_cpr: dict[str, int] = {}
        for pk, cpr, first_name, last_name in Person.objects.values_list("pk", "cpr", "first_name", "last_name"):
            self.people[pk] = [first_name, last_name]
            if cpr:
                self.people_by_cpr[cpr] = pk
        self.employments: dict[str, ExistingEmployment] = {}
        for row in Employment.objects.exclude(payroll_number="").values_list("payroll_number", "pk", *EMPLOYMENT_FIELDS):
            self.employments[row[0]] = ExistingEmployment(*row[1:])
        self.links: dict[int, tuple[int, bool]] = {
            employment_id: (placement_id, adopted)
            for employment_id, placement_id, adopted in ImportedPlacementLink.objects.values_list(
                "employment_id", "placement_id", "adopted"
            )
        }
        linked = {placement_id for placement_id, _ in self.links.values()}
        self.placements: dict[int, ExistingPlacement] = {}
        self.unlinked: dict[tuple, list[ExistingPlacement]] = defaultdict(list)
        for row in Placement.objects.values_list(
            "pk", "person_id", "scheme_id", "workplace_id", "start", "planned_end", "actual_end", "hours_per_week"
        ):
            placement = ExistingPlacement(*row)
            if placement.pk in linked:
                self.placements[placement.pk] = placement
            else:
                self.unlinked[(placement.person_id, placement.scheme_id, placement.workplace_id)].append(placement)

    def _names_by_cpr(self) -> dict[str, tuple[date, str, str, str]]:
        """Return (start, first name, last name, location) for each CPR: its latest-starting employment in the file."""
        best: dict[str, tuple] = {}
        for record in self.staged.employments:
            if record.cpr and not record.cancelled:
                known = best.get(record.cpr)
                if known is None or record.start >= known[0]:
                    best[record.cpr] = (record.start, record.first_name, record.last_name, record.location)
        return best

    def _plan_employments(self) -> None:
        self.names = self._names_by_cpr()
        self.new_people_by_cpr: dict[str, New] = {}
        self.updated_people: set[int] = set()
        for record in self.staged.employments:
            existing = self.employments.get(record.source_id)
            if record.cancelled:
                self._remove_cancelled(record, existing)
                continue
            scheme_id = self.codes.get(record.contract_code) if record.contract_code else None
            unit = self.p.units_by_source[record.unit_source_id]
            person = self._person(record, existing)
            self._plan_employment(record, existing, person, unit, scheme_id)

    def _person(self, record: EmploymentRecord, existing: ExistingEmployment | None):
        """Return the person's pk (in Rummelig) or a New person row, for an employment record."""
        if record.cpr:
            _, first_name, last_name, location = self.names[record.cpr]
            pk = self.people_by_cpr.get(record.cpr)
            if pk is None:
                person = self.new_people_by_cpr.get(record.cpr)
                if person is None:
                    person = self._new_person(first_name, last_name, record.cpr, location)
                    self.new_people_by_cpr[record.cpr] = person
                return person
        else:  # no CPR: the person of the employment with this payroll number, else a new person
            first_name, last_name, location = record.first_name, record.last_name, record.location
            if existing is None:
                return self._new_person(first_name, last_name, "", location)
            pk = existing.person_id
        self._update_person(pk, first_name, last_name, location)
        return pk

    def _new_person(self, first_name, last_name, cpr, location) -> New:
        if len(first_name) > 100:
            first_name = self._fit(first_name, 100, location, "firstName")
        if len(last_name) > 100:
            last_name = self._fit(last_name, 100, location, "lastName")
        birth_date = self._birth_date(cpr) if cpr else None
        person = New(first_name=first_name, last_name=last_name, cpr=cpr, birth_date=birth_date)
        self.p.new_people.append(person)
        self.p.counts["people_added"] += 1
        return person

    def _birth_date(self, cpr: str) -> date:
        """Return the date of birth in a CPR number (the first seven digits decide it; the parser asked first)."""
        return birth_date_of_cpr_start(cpr[:7])

    def _update_person(self, pk: int, first_name, last_name, location) -> None:
        if pk in self.updated_people:
            return
        first_name = self._fit(first_name, 100, location, "firstName")
        last_name = self._fit(last_name, 100, location, "lastName")
        old = self.people[pk]
        if old == [first_name, last_name]:
            return
        self.updated_people.add(pk)
        self.p.updated_people.append((pk, {"first_name": first_name, "last_name": last_name, "updated_at": self.now}))
        self.p.counts["people_updated"] += 1
        self.p.change(
            "person", "updated", "", f"{first_name} {last_name}".strip(),
            [(self._label(Person, "first_name"), old[0], first_name), (self._label(Person, "last_name"), old[1], last_name)],
        )  # fmt: skip

    def _plan_employment(self, record: EmploymentRecord, existing, person, unit: Unit, scheme_id) -> None:
        start = record.start
        if existing is not None and not record.start_known and existing.start < start:
            start = existing.start  # the dump date only says "known since"
        fte = record.fte
        hours = record.weekly_hours if record.weekly_hours is not None else (FULL_TIME_HOURS * fte).quantize(Decimal("0.01"))
        job_title = record.job_title
        if len(job_title) > 200:
            job_title = self._fit(job_title, 200, record.location, "position")
        code = record.contract_code
        if len(code) > 50:
            code = self._fit(code, 50, record.location, "workContract")
        subsidised = scheme_id is not None
        label = self._person_label(person, record) if self.p.detailed else ""
        if existing is None:
            employment = New.from_dict({
                "payroll_number": record.source_id, "person_id": person, "unit_id": unit, "job_title": job_title,
                "weekly_hours": hours, "fte": fte, "start": start, "end": record.end, "subsidised": subsidised,
                "contract_code": code, "is_manager": record.is_manager,
            })  # fmt: skip
            self.p.new_employments.append(employment)
            self.p.counts["employments_added"] += 1
            if self.p.detailed:
                self.p.change("employment", "added", record.source_id, label, [(self._label(Employment, "unit"), "", unit.name)])
            else:
                self.p.changes_total += 1
            if scheme_id is not None:
                self._plan_placement(record.source_id, employment, None, person, unit, scheme_id, start, record.end, hours, label)
            return
        # the same order as EMPLOYMENT_FIELDS
        current = (_pk(person), unit.pk, job_title, hours, fte, start, record.end, subsidised, code, record.is_manager)
        if existing[1:] != current:
            diffs = self._employment_diffs(existing, current, person, unit, label)
            values = dict(zip(EMPLOYMENT_FIELDS, current, strict=True))
            values["person_id"], values["unit_id"] = person, unit
            self.p.updated_employments.append((existing.pk, values))
            action = "ended" if existing.end is None and record.end is not None else "updated"
            self.p.counts[f"employments_{action}"] += 1
            self.p.change("employment", action, record.source_id, label, diffs)
        else:
            self.p.counts["employments_unchanged"] += 1
        if scheme_id is not None:
            self._plan_placement(record.source_id, existing.pk, existing, person, unit, scheme_id, start, record.end, hours, label)

    def _employment_diffs(self, existing: ExistingEmployment, current: tuple, person, unit: Unit, label: str) -> list:
        """Return (field, before, after) for each field of an employment that changes."""
        diffs = []
        for name, old, new in zip(EMPLOYMENT_FIELDS, existing[1:], current, strict=True):
            if old == new and not (name == "person_id" and isinstance(person, New)):
                continue
            if name == "person_id":
                before = " ".join(self.people.get(old, ["", ""])).strip()
                diffs.append((self._label(Employment, "person"), before, label))
            elif name == "unit_id":
                old_unit = self.p.all_units.get(old)
                diffs.append((self._label(Employment, "unit"), old_unit.name if old_unit else "", unit.name))
            else:
                diffs.append((self._label(Employment, name), _show(old), _show(new)))
        return diffs

    def _person_label(self, person, record) -> str:
        if isinstance(person, New):
            return f"{person['first_name']} {person['last_name']}".strip()
        return " ".join(self.people.get(person, [record.first_name, record.last_name])).strip()

    def _remove_cancelled(self, record: EmploymentRecord, existing: ExistingEmployment | None) -> None:
        if existing is None:
            return  # never created: nothing to do
        self.p.removed_employment_ids.append(existing.pk)
        self.p.counts["employments_removed"] += 1
        old = self.people.get(existing.person_id, ["", ""])
        self.p.change("employment", "removed", record.source_id, " ".join(old).strip())
        link = self.links.get(existing.pk)
        if link is not None and not link[1]:  # made by the import: it never was either
            self.p.removed_placement_ids.append(link[0])
            self.p.counts["placements_removed"] += 1
            self.p.change("placement", "removed", record.source_id, " ".join(old).strip())

    # Placements -------------------------------------------------------------------------------

    def _plan_placement(self, key, employment, existing, person, unit, scheme_id, start, end, hours, label) -> None:
        """Keep the placement of an employment mapped to a scheme in step (create, link or update it)."""
        wanted = {
            "person_id": person,
            "scheme_id": scheme_id,
            "workplace_id": unit,
            "start": start,
            "planned_end": end,
            "hours_per_week": hours,
        }
        link = self.links.get(existing.pk) if existing is not None else None
        if link is not None and link[0] in self.placements:
            self._update_placement(self.placements[link[0]], key, wanted, label)
            return
        candidate = self._adoptable(person, unit, scheme_id, start, end)
        if candidate is not None:
            self.p.links.append(New(employment_id=employment, placement_id=candidate.pk, adopted=True))
            self._update_placement(candidate, key, wanted, label, adopted=True)
            return
        placement = New(ends_on=end, **wanted)
        self.p.new_placements.append(placement)
        self.p.links.append(New(employment_id=employment, placement_id=placement, adopted=False))
        self.p.counts["placements_added"] += 1
        self.p.change(
            "placement", "added", key, label,
            [(self._placement_label("scheme_id"), "", str(self.schemes[scheme_id])), (self._placement_label("workplace_id"), "", unit.name)],
        )  # fmt: skip

    def _adoptable(self, person, unit, scheme_id, start, end) -> ExistingPlacement | None:
        """Return an unlinked placement of the same person, scheme and workplace whose period overlaps."""
        if not isinstance(person, int) or unit.pk is None:
            return None
        candidates = self.unlinked.get((person, scheme_id, unit.pk))
        if not candidates:
            return None
        for placement in candidates:
            placement_end = placement.actual_end or placement.planned_end
            if (end is None or placement.start <= end) and (placement_end is None or placement_end >= start):
                candidates.remove(placement)
                return placement
        return None

    def _update_placement(self, placement: ExistingPlacement, key, wanted: dict, label, adopted=False) -> None:
        wanted = dict(wanted)
        if placement.actual_end is not None and placement.actual_end < wanted["start"]:
            self.notice(
                "",
                _("The placement of %(name)s keeps its start date: it ended %(end)s, before the start date in payroll.")
                % {"name": label, "end": _show(placement.actual_end)},
            )
            wanted["start"] = placement.start
        diffs = []
        for name, value in wanted.items():
            old = getattr(placement, name)
            if old != _pk(value):
                diffs.append((self._placement_label(name), self._placement_value(name, old), self._placement_value(name, value)))
        if not diffs:
            if adopted:
                self.p.change("placement", "linked", key, label)
            return
        wanted["ends_on"] = placement.actual_end or wanted["planned_end"]
        wanted["updated_at"] = self.now
        self.p.updated_placements.append((placement.pk, wanted))
        self.p.counts["placements_updated"] += 1
        self.p.change("placement", "linked" if adopted else "updated", key, label, diffs)

    def _placement_value(self, name, value):
        if isinstance(value, New):
            return f"{value['first_name']} {value['last_name']}".strip()
        if isinstance(value, Unit):
            return value.name
        if name == "scheme_id":
            return str(self.schemes.get(value, "")) if value else ""
        if name == "workplace_id":
            unit = self.p.all_units.get(value)
            return unit.name if unit else ""
        if name == "person_id":
            return " ".join(self.people.get(value, ["", ""])).strip()
        return _show(value)

    # Leaves (OPUS action="leave") ----------------------------------------------------------------

    def _plan_leaves(self) -> None:
        leaves = self.staged.leaves
        if not leaves:
            return
        dump_date = self.staged.dump_date
        unknown = 0
        for leave in leaves:
            existing = self.employments.get(leave.source_id)
            if existing is None:
                unknown += 1
                continue
            if existing.end is not None:
                continue  # already ended: leaves repeat in later dumps
            if dump_date is None:
                self.problem(
                    leave.location,
                    _("The employment has left (action=\"leave\"), but the file name has no date "
                      "(ZLPE<yyyymmddhhmmss>), so the end date is unknown. Import the file under its original name."),
                )  # fmt: skip
                continue
            end = max(dump_date, existing.start)
            self.p.updated_employments.append((existing.pk, {"end": end}))
            self.p.counts["employments_ended"] += 1
            label = " ".join(self.people.get(existing.person_id, ["", ""])).strip()
            self.p.change("employment", "ended", leave.source_id, label, [(self._label(Employment, "end"), "", _show(end))])
            link = self.links.get(existing.pk)
            if link is not None and link[0] in self.placements:
                placement = self.placements[link[0]]
                if placement.planned_end != end:
                    self.p.updated_placements.append(
                        (placement.pk, {"planned_end": end, "ends_on": placement.actual_end or end, "updated_at": self.now})
                    )
                    self.p.counts["placements_updated"] += 1
                    self.p.change(
                        "placement", "updated", leave.source_id, label,
                        [(self._placement_label("planned_end"), _show(placement.planned_end), _show(end))],
                    )  # fmt: skip
        if unknown:
            self.notice(
                "",
                ngettext(
                    "%(count)s leave (action=\"leave\") is for an employment Rummelig does not know; it was skipped.",
                    "%(count)s leaves (action=\"leave\") are for employments Rummelig does not know; they were skipped.",
                    unknown,
                )
                % {"count": unknown},
            )

    # Helpers -------------------------------------------------------------------------------------

    def _fit(self, value: str, limit: int, location: str, field_name: str) -> str:
        if len(value) <= limit:
            return value
        self.notice(
            location,
            _("The field <%(field)s> is longer than %(limit)s characters and was shortened.")
            % {"field": field_name, "limit": limit},
        )
        return value[:limit]


def _pk(value):
    return value.pk if isinstance(value, (New, Unit)) else value


def _field_label(model, name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _show(value) -> str:
    """Return a value as HR reads it: dates dd.mm.åååå, decimals with a comma, booleans ja/nej."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        return date_format(value, "d.m.Y")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    return str(value)
