"""Plan people and employments: people matched by CPR (without one, through the employment's payroll
number), employments by payroll number; a cancelled employment is removed, never created."""

from datetime import date

from rummelig.organisation.models import Unit

from ..bulk import New
from ..parsers import EmploymentRecord
from ..parsers.fields import birth_date_of_cpr_start
from .placements import PlacementPlanner
from .register import EMPLOYMENT_FIELDS, ExistingEmployment, Register
from .result import FieldChange, Plan, pk_of


class EmploymentPlanner:
    def __init__(self, plan: Plan, register: Register, placements: PlacementPlanner):
        self.plan = plan
        self.register = register
        self.placements = placements
        self.names = self._names_by_cpr()
        self.new_people_by_cpr: dict[str, New] = {}
        self.updated_people: set[int] = set()
        self.accounts = self._accounts_by_cpr()
        self.account_updates: dict[int, str] = {}  # person pk → the user name payroll now gives

    def _names_by_cpr(self) -> dict[str, tuple[date, str, str, str]]:
        """Return (start, first name, last name, location) for each CPR: its latest-starting employment in the file."""
        best: dict[str, tuple] = {}
        for record in self.plan.staged.employments:
            if record.cpr and not record.cancelled:
                known = best.get(record.cpr)
                if known is None or record.start >= known[0]:
                    best[record.cpr] = (record.start, record.first_name, record.last_name, record.location)
        return best

    def _accounts_by_cpr(self) -> dict[str, str]:
        """Return the login user name for each CPR: from its latest-starting employment that gives one."""
        best: dict[str, tuple[date, str]] = {}
        for record in self.plan.staged.employments:
            if record.cpr and record.account_name and not record.cancelled:
                known = best.get(record.cpr)
                if known is None or record.start >= known[0]:
                    best[record.cpr] = (record.start, record.account_name)
        return {cpr: account for cpr, (_, account) in best.items()}

    def plan_employments(self) -> None:
        codes, units = self.register.codes, self.plan.units_by_source
        for record in self.plan.staged.employments:
            existing = self.register.employments.get(record.source_id)
            if record.cancelled:
                self._remove_cancelled(record, existing)
                continue
            scheme_id = codes.get(record.contract_code) if record.contract_code else None
            unit = units[record.unit_source_id]
            person = self._person(record, existing)
            self._plan_employment(record, existing, person, unit, scheme_id)

    # People ------------------------------------------------------------------------------------

    def _person(self, record: EmploymentRecord, existing: ExistingEmployment | None):
        """Return the person's pk (in Rummelig) or a New person row, for an employment record."""
        if record.cpr:
            _, first_name, last_name, location = self.names[record.cpr]
            account = self.accounts.get(record.cpr, "")
            pk = self.register.people_by_cpr.get(record.cpr)
            if pk is None:
                person = self.new_people_by_cpr.get(record.cpr)
                if person is None:
                    person = self._new_person(first_name, last_name, record.cpr, location, account)
                    self.new_people_by_cpr[record.cpr] = person
                return person
        else:  # no CPR: the person of the employment with this payroll number, else a new person
            first_name, last_name, location = record.first_name, record.last_name, record.location
            account = record.account_name
            if existing is None:
                return self._new_person(first_name, last_name, "", location, account)
            pk = existing.person_id
        self._update_person(pk, first_name, last_name, location, account)
        return pk

    def _new_person(self, first_name: str, last_name: str, cpr: str, location: str, account: str = "") -> New:
        plan = self.plan
        if len(first_name) > 100:
            first_name = plan.fit(first_name, 100, location, "firstName")
        if len(last_name) > 100:
            last_name = plan.fit(last_name, 100, location, "lastName")
        # the first seven digits decide the date of birth; the parser checked them
        birth_date = birth_date_of_cpr_start(cpr[:7]) if cpr else None
        account = plan.fit(account, 100, location, "userId") if account else ""
        person = New(first_name=first_name, last_name=last_name, cpr=cpr, birth_date=birth_date, account_name=account)
        plan.new_people.append(person)
        plan.counts["people_added"] += 1
        return person

    def _update_person(self, pk: int, first_name: str, last_name: str, location: str, account: str = "") -> None:
        """Plan a person's new name, and their login user name when payroll gives one (never blanked)."""
        if pk in self.updated_people:
            return
        plan = self.plan
        first_name = plan.fit(first_name, 100, location, "firstName")
        last_name = plan.fit(last_name, 100, location, "lastName")
        account = plan.fit(account, 100, location, "userId") if account else ""
        old = self.register.people[pk]
        old_account = self.register.accounts.get(pk, "")
        values: dict = {}
        diffs = []
        if old != [first_name, last_name]:
            values.update(first_name=first_name, last_name=last_name)
            diffs += [FieldChange("first_name", old[0], first_name), FieldChange("last_name", old[1], last_name)]
        if account and account != old_account:
            values["account_name"] = account
            diffs.append(FieldChange("account_name", old_account or None, account))
            self.account_updates[pk] = account
        if not values:
            return
        self.updated_people.add(pk)
        values["updated_at"] = plan.now
        plan.updated_people.append((pk, values))
        plan.counts["people_updated"] += 1
        plan.change("person", "updated", "", f"{first_name} {last_name}".strip(), diffs)

    def _person_name(self, person, record: EmploymentRecord) -> str:
        if isinstance(person, New):
            return f"{person['first_name']} {person['last_name']}".strip()
        return " ".join(self.register.people.get(person, [record.first_name, record.last_name])).strip()

    # Employments -------------------------------------------------------------------------------

    def _plan_employment(self, record: EmploymentRecord, existing, person, unit: Unit, scheme_id) -> None:
        plan = self.plan
        start = record.start
        if existing is not None and not record.start_known and existing.start < start:
            start = existing.start  # the dump date only says "known since"
        fte = record.fte
        hours = record.weekly_hours  # the source's, else worked out from the FTE by the record
        job_title = record.job_title
        if len(job_title) > 200:
            job_title = plan.fit(job_title, 200, record.location, "position")
        code = record.contract_code
        if len(code) > 50:
            code = plan.fit(code, 50, record.location, "workContract")
        subsidised = scheme_id is not None
        detailed = plan.detailed
        name = self._person_name(person, record) if detailed else ""
        if existing is None:
            employment = New.from_dict({
                "payroll_number": record.source_id, "person_id": person, "unit_id": unit, "job_title": job_title,
                "weekly_hours": hours, "fte": fte, "start": start, "end": record.end, "subsidised": subsidised,
                "contract_code": code, "is_manager": record.is_manager,
            })  # fmt: skip
            plan.new_employments.append(employment)
            plan.counts["employments_added"] += 1
            if detailed:
                plan.change("employment", "added", record.source_id, name, [FieldChange("unit", None, unit.name)])
            else:
                plan.changes_total += 1
            if scheme_id is not None:
                self.placements.plan_placement(
                    record.source_id, employment, None, person, unit, scheme_id, start, record.end, hours, name
                )
            return
        # the same order as EMPLOYMENT_FIELDS
        current = (
            pk_of(person), unit.pk, job_title, hours, fte, start, record.end, subsidised, code, record.is_manager
        )  # fmt: skip
        if existing[1:] != current:
            values = dict(zip(EMPLOYMENT_FIELDS, current, strict=True))
            values["person_id"], values["unit_id"] = person, unit
            plan.updated_employments.append((existing.pk, values))
            action = "ended" if existing.end is None and record.end is not None else "updated"
            plan.counts[f"employments_{action}"] += 1
            if detailed:
                diffs = self._employment_diffs(existing, current, person, unit, name)
                plan.change("employment", action, record.source_id, name, diffs)
            else:
                plan.changes_total += 1
        else:
            plan.counts["employments_unchanged"] += 1
        if scheme_id is not None:
            self.placements.plan_placement(
                record.source_id, existing.pk, existing, person, unit, scheme_id, start, record.end, hours, name
            )

    def _employment_diffs(self, existing: ExistingEmployment, current: tuple, person, unit: Unit, name: str) -> list:
        """Return a FieldChange for each field of an employment that changes."""
        diffs = []
        for field, old, new in zip(EMPLOYMENT_FIELDS, existing[1:], current, strict=True):
            if old == new and not (field == "person_id" and isinstance(person, New)):
                continue
            if field == "person_id":
                diffs.append(FieldChange("person", self.register.person_name(old), name))
            elif field == "unit_id":
                diffs.append(FieldChange("unit", self.register.unit_name(old), unit.name))
            else:
                diffs.append(FieldChange(field, old, new))
        return diffs

    def _remove_cancelled(self, record: EmploymentRecord, existing: ExistingEmployment | None) -> None:
        if existing is None:
            return  # never created: nothing to do
        plan = self.plan
        plan.removed_employment_ids.append(existing.pk)
        plan.counts["employments_removed"] += 1
        name = self.register.person_name(existing.person_id)
        plan.change("employment", "removed", record.source_id, name)
        link = self.register.links.get(existing.pk)
        if link is not None and not link[1]:  # made by the import: it never was either
            plan.removed_placement_ids.append(link[0])
            plan.counts["placements_removed"] += 1
            plan.change("placement", "removed", record.source_id, name)
