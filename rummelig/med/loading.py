"""Load MED committees and their seats from a source (the spreadsheet in sheet.py, OS2mo in os2mo.py).

Parse → plan → apply. A source gives `CommitteeRow`s and `SeatRow`s; `plan_load` compares them with
Rummelig (nothing written) and says what is wrong, naming the sheet, row and column; `run_load`
writes the plan in one transaction, audited, then rebuilds the MED_SEAT roles of every touched user
with `roles.sync_roles` (a dry run does the same and rolls it all back, so the preview lists the
role changes too). Any problem stops the load before a row is written.

Committees are matched on `Committee.key` (the source's id); one without a key (made by hand) is taken
over by the source's committee of the same name, which gives it the key. A seat is matched on committee, user
and seat (the same term start first, else a seat still running). The same file loaded twice changes
nothing. A running seat of a loaded committee that the source no longer has is ended the day before
the load (one that has not begun is removed); a keyed committee the source no longer has is only
reported. Members are found by user name, then e-mail; one with no user gets a user without a
password (like payroll's managers), so the seat's roles are there the first time they log in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rummelig.accounts.models import RoleAssignment, RoleSource
from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.imports.parsers.fields import Place
from rummelig.imports.parsers.records import ImportProblem
from rummelig.organisation.models import Unit

from .models import Committee, Membership
from .roles import sync_roles

# Words a source may use for a committee's kind and a seat, compared without case, spaces, hyphens
# and brackets. OS2mo's association types ("LR formand", "AMR næstformand") are here too.
KIND_WORDS = {
    "hovedudvalg": Committee.Kind.HOVEDUDVALG, "hovedmed": Committee.Kind.HOVEDUDVALG,
    "hovedmedudvalg": Committee.Kind.HOVEDUDVALG, "direktørmed": Committee.Kind.HOVEDUDVALG,
    "område": Committee.Kind.AREA, "områdeudvalg": Committee.Kind.AREA, "områdemed": Committee.Kind.AREA,
    "omraade": Committee.Kind.AREA, "centermed": Committee.Kind.AREA, "center": Committee.Kind.AREA,
    "sektormed": Committee.Kind.AREA, "fagmed": Committee.Kind.AREA, "fællesmed": Committee.Kind.AREA,
    "lokal": Committee.Kind.LOCAL, "lokaludvalg": Committee.Kind.LOCAL, "lokalmed": Committee.Kind.LOCAL,
    "lokalmedudvalg": Committee.Kind.LOCAL,
    "personalemøde": Committee.Kind.STAFF_MEETING, "personalemoede": Committee.Kind.STAFF_MEETING,
    "personalemødemedmedstatus": Committee.Kind.STAFF_MEETING,
}  # fmt: skip
SEAT_WORDS = {
    "formand": Membership.Seat.CHAIR, "lrformand": Membership.Seat.CHAIR, "ftrformand": Membership.Seat.CHAIR,
    "næstformand": Membership.Seat.VICE_CHAIR, "naestformand": Membership.Seat.VICE_CHAIR,
    "ftrnæstformand": Membership.Seat.VICE_CHAIR, "trnæstformand": Membership.Seat.VICE_CHAIR,
    "amrnæstformand": Membership.Seat.VICE_CHAIR, "lrnæstformand": Membership.Seat.VICE_CHAIR,
    "leder": Membership.Seat.LEDER, "lr": Membership.Seat.LEDER, "ledelsesrepræsentant": Membership.Seat.LEDER,
    "ledelse": Membership.Seat.LEDER,
    "tr": Membership.Seat.TR, "ftr": Membership.Seat.TR, "tillidsrepræsentant": Membership.Seat.TR,
    "fællestillidsrepræsentant": Membership.Seat.TR,
    "amr": Membership.Seat.AMR, "arbejdsmiljørepræsentant": Membership.Seat.AMR,
    "medarbejderrepræsentant": Membership.Seat.EMPLOYEE, "medarbejder": Membership.Seat.EMPLOYEE,
    "mr": Membership.Seat.EMPLOYEE,
}  # fmt: skip


def word_key(text: str) -> str:
    return "".join(ch for ch in str(text).casefold() if ch not in " -_()/.\t")


def kind_from_word(text: str) -> str | None:
    return KIND_WORDS.get(word_key(text))


def seat_from_word(text: str) -> str | None:
    return SEAT_WORDS.get(word_key(text))


@dataclass(frozen=True)
class CommitteeRow:
    key: str
    name: str
    kind: str
    parent_key: str
    unit_ids: tuple[str, ...]
    place: Place  # names the sheet, row and column (or the OS2mo object)


@dataclass(frozen=True)
class SeatRow:
    committee_key: str
    username: str  # "" when only the e-mail is known
    email: str
    name: str
    seat: str
    union: str
    substitute: bool
    term_from: date
    term_until: date | None
    place: Place


@dataclass
class MedSource:
    """What a parser read: rows, and the problems and notices found on the way."""

    file: str
    committees: list[CommitteeRow] = field(default_factory=list)
    seats: list[SeatRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    notices: list[ImportProblem] = field(default_factory=list)


# Where a fact stands in the spreadsheet's columns; an OS2mo place ignores the column.
COLUMN_UNITS = "enheder"
COLUMN_PARENT = "overordnet udvalg"
COLUMN_COMMITTEE = "udvalgs-id"


@dataclass
class Change:
    """One line of the preview or result: what, how, its id, its name, and the fields (name, before, after)."""

    entity: str
    action: str
    key: str
    label: str
    fields: list[tuple[str, object, object]] = field(default_factory=list)

    def __post_init__(self):
        self.fields = [(str(name), _shown(before), _shown(after)) for name, before, after in self.fields]


def _shown(value):
    """A field's value as the preview shows it: None stays None (shown as –), a date the Danish way."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    return str(value)


@dataclass
class NewUser:
    username: str
    email: str
    first_name: str
    last_name: str


@dataclass
class MedPlan:
    file: str
    today: date
    problems: list[ImportProblem] = field(default_factory=list)
    notices: list[ImportProblem] = field(default_factory=list)
    new_committees: list[CommitteeRow] = field(default_factory=list)
    changed_committees: list[tuple[Committee, CommitteeRow]] = field(default_factory=list)
    units: dict[str, Unit] = field(default_factory=dict)
    new_users: dict[str, NewUser] = field(default_factory=dict)  # by casefolded user name
    new_seats: list[tuple[SeatRow, int | str]] = field(default_factory=list)  # user pk or new user's key
    changed_seats: list[tuple[Membership, SeatRow]] = field(default_factory=list)
    ended_seats: list[Membership] = field(default_factory=list)
    removed_seats: list[Membership] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, place: Place, column: str, message: str) -> None:
        self.problems.append(ImportProblem(self.file, place.where(column), message))

    def change(self, entity, action, key, label, fields=()):
        self.changes.append(Change(str(entity), str(action), key, label, list(fields)))


def _names(name: str) -> tuple[str, str]:
    first, _sep, last = name.strip().rpartition(" ")
    return (first, last) if first else (last, "")


# Plan ------------------------------------------------------------------------------------------


def plan_load(source: MedSource, today: date | None = None) -> MedPlan:
    """Compare the source with Rummelig and return the plan (nothing is written)."""
    plan = MedPlan(file=source.file, today=today or timezone.localdate(),
                   problems=list(source.problems), notices=list(source.notices))  # fmt: skip
    existing = {c.key: c for c in Committee.objects.exclude(key="").prefetch_related("units").select_related("parent")}
    _adopt_by_name(source.committees, existing)
    _plan_committees(plan, source.committees, existing)
    in_file = {row.key for row in source.committees}
    for key, committee in sorted(existing.items()):
        if key not in in_file:
            plan.notices.append(ImportProblem(plan.file, "", _(
                "The committee '%(name)s' (%(key)s) is in Rummelig but not in the file. It is kept; "
                "end its seats or delete it by hand if it is closed.") % {"name": committee.name, "key": key}))
    _plan_seats(plan, source.seats, existing, in_file)
    return plan


def _adopt_by_name(rows: list[CommitteeRow], existing: dict[str, Committee]) -> None:
    """A committee made by hand (or by the demo) has no id: the file's row of the same name takes it over and gives it
    the id, instead of a second committee of that name appearing next to it."""
    unkeyed = {}
    for committee in Committee.objects.filter(key="").prefetch_related("units").select_related("parent").order_by("pk"):
        unkeyed.setdefault(committee.name.strip().casefold(), committee)
    for row in rows:
        if row.key not in existing and row.name.strip().casefold() in unkeyed:
            existing[row.key] = unkeyed.pop(row.name.strip().casefold())


def _plan_committees(plan: MedPlan, rows: list[CommitteeRow], existing: dict[str, Committee]) -> None:
    wanted_ids = {unit_id for row in rows for unit_id in row.unit_ids}
    for unit in Unit.objects.filter(payroll_id__in=wanted_ids).order_by("pk"):
        plan.units.setdefault(unit.payroll_id, unit)
    parents = {row.key: row.parent_key for row in rows}
    for row in rows:
        for unit_id in row.unit_ids:
            if unit_id not in plan.units:
                plan.problem(row.place, COLUMN_UNITS, f"Enheden '{unit_id}' findes ikke i Rummelig.")
        if row.parent_key and row.parent_key not in parents and row.parent_key not in existing:
            plan.problem(row.place, COLUMN_PARENT,
                         f"Det overordnede udvalg '{row.parent_key}' findes hverken i filen eller i Rummelig.")  # fmt: skip
        cycle = _cycle(row.key, parents)
        if cycle:
            plan.problem(row.place, COLUMN_PARENT, f"Udvalget '{row.key}' ligger under sig selv ({' → '.join(cycle)}).")
    if plan.problems:
        return
    for row in rows:
        committee = existing.get(row.key)
        if committee is None:
            plan.new_committees.append(row)
            fields = [(_("kind"), None, Committee.Kind(row.kind).label), (_("committee above"), None, row.parent_key),
                      (_("units covered"), None, _unit_names(plan, row.unit_ids))]  # fmt: skip
            plan.change(_("Committee"), _("Added"), row.key, row.name, [f for f in fields if f[2]])
            continue
        diffs = _committee_diffs(plan, committee, row)
        if diffs:
            plan.changed_committees.append((committee, row))
            plan.change(_("Committee"), _("Changed"), row.key, row.name, diffs)


def _cycle(key: str, parents: dict[str, str]) -> list[str]:
    chain = [key]
    current = parents.get(key)
    while current and current in parents and current not in chain:
        chain.append(current)
        current = parents[current]
    return [*chain, key] if current == key else []


def _unit_names(plan: MedPlan, unit_ids) -> str:
    return ", ".join(sorted(plan.units[unit_id].name for unit_id in unit_ids))


def _committee_diffs(plan: MedPlan, committee: Committee, row: CommitteeRow) -> list:
    diffs = []
    if committee.key != row.key:
        diffs.append((_("committee id"), committee.key or None, row.key))
    if committee.name != row.name:
        diffs.append((_("name"), committee.name, row.name))
    if committee.kind != row.kind:
        diffs.append((_("kind"), committee.get_kind_display(), Committee.Kind(row.kind).label))
    parent_key = committee.parent.key if committee.parent else ""
    if parent_key != row.parent_key or (committee.parent and not parent_key):
        diffs.append((_("committee above"), str(committee.parent or "") or None, row.parent_key or None))
    before = {unit.pk for unit in committee.units.all()}
    if before != {plan.units[unit_id].pk for unit_id in row.unit_ids}:
        diffs.append((_("units covered"), ", ".join(sorted(u.name for u in committee.units.all())),
                      _unit_names(plan, row.unit_ids)))  # fmt: skip
    return diffs


def _plan_seats(plan: MedPlan, rows: list[SeatRow], existing: dict[str, Committee], in_file: set[str]) -> None:
    users = _UserFinder()
    committees = {key: existing.get(key) for key in in_file}
    current = {}
    loaded = [c.pk for c in committees.values() if c is not None]
    for seat in Membership.objects.filter(committee_id__in=loaded).select_related("user", "committee").order_by("pk"):
        current.setdefault((seat.committee_id, seat.user_id, seat.seat), []).append(seat)
    matched: set[int] = set()
    for row in rows:
        if row.committee_key not in in_file:
            plan.problem(row.place, COLUMN_COMMITTEE, f"Udvalget '{row.committee_key}' står ikke blandt udvalgene.")
            continue
        user = users.find(plan, row)
        if user is None:
            continue
        committee = committees[row.committee_key]
        found = None
        if committee is not None and isinstance(user, int):
            found = _match(current.get((committee.pk, user, row.seat), []), row, matched, plan.today)
        label = row.name or row.username or row.email
        if found is None:
            plan.new_seats.append((row, user))
            plan.change(_("Seat"), _("Added"), row.committee_key, label, _seat_fields(None, row))
            continue
        matched.add(found.pk)
        diffs = _seat_fields(found, row)
        if diffs:
            plan.changed_seats.append((found, row))
            plan.change(_("Seat"), _("Changed"), row.committee_key, label, diffs)
    yesterday = plan.today - timedelta(days=1)
    for seats in current.values():
        for seat in seats:
            if seat.pk in matched or (seat.term_until is not None and seat.term_until < plan.today):
                continue
            label = seat.user.get_full_name() or seat.user.username
            if seat.term_from <= yesterday:
                plan.ended_seats.append(seat)
                plan.change(_("Seat"), _("Ended"), seat.committee.key, label,
                            [(_("seat"), seat.get_seat_display(), None), (_("term until"), seat.term_until, yesterday)])  # fmt: skip
            else:
                plan.removed_seats.append(seat)
                plan.change(_("Seat"), _("Removed (had not begun)"), seat.committee.key, label,
                            [(_("seat"), seat.get_seat_display(), None)])  # fmt: skip


def _match(candidates: list[Membership], row: SeatRow, matched: set[int], today: date) -> Membership | None:
    free = [seat for seat in candidates if seat.pk not in matched]
    for seat in free:
        if seat.term_from == row.term_from:
            return seat
    for seat in free:
        if seat.term_until is None or seat.term_until >= today:
            return seat
    return None


def _seat_fields(seat: Membership | None, row: SeatRow) -> list:
    values = [
        (_("seat"), seat.get_seat_display() if seat else None, Membership.Seat(row.seat).label),
        (_("union"), seat.union if seat else None, row.union),
        (_("substitute"), seat.substitute if seat else None, row.substitute),
        (_("term from"), seat.term_from if seat else None, row.term_from),
        (_("term until"), seat.term_until if seat else None, row.term_until),
    ]
    if seat is None:
        return [(name, None, after) for name, _before, after in values if after not in (None, "", False)]
    return [(name, before, after) for name, before, after in values[1:] if before != after]


class _UserFinder:
    """Find a member's user by user name, then by e-mail; plan a new user (no password) when none has either."""

    def __init__(self):
        rows = list(get_user_model().objects.values_list("pk", "username", "email"))
        self.by_name = {username.casefold(): pk for pk, username, _email in rows}
        by_email: dict[str, list[int]] = {}
        for pk, _username, email in rows:
            if email:
                by_email.setdefault(email.casefold(), []).append(pk)
        self.by_email = by_email

    def find(self, plan: MedPlan, row: SeatRow) -> int | str | None:
        if row.username and row.username.casefold() in self.by_name:
            return self.by_name[row.username.casefold()]
        if row.email:
            found = self.by_email.get(row.email.casefold(), [])
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                plan.problem(row.place, "brugernavn eller e-mail",
                             f"Flere brugere i Rummelig har e-mailen '{row.email}'; skriv brugernavnet i stedet.")  # fmt: skip
                return None
        username = row.username or row.email
        key = username.casefold()
        if key not in plan.new_users:
            first, last = _names(row.name)
            plan.new_users[key] = NewUser(username, row.email, first, last)
            plan.change(_("User"), _("Added"), username, row.name, [(_("e-mail"), None, row.email or None)])
        return key


# Apply -----------------------------------------------------------------------------------------


@dataclass
class LoadResult:
    plan: MedPlan
    dry_run: bool
    changes: list[Change] = field(default_factory=list)  # the plan's, then the role changes

    @property
    def problems(self):
        return self.plan.problems

    @property
    def notices(self):
        return self.plan.notices

    @property
    def changed_anything(self) -> bool:
        return bool(self.changes)


def run_load(source: MedSource, actor=None, *, dry_run: bool = False, today: date | None = None) -> LoadResult:
    """Plan the source, and unless it has problems write it in one transaction (rolled back for a dry run)."""
    plan = plan_load(source, today)
    result = LoadResult(plan, dry_run)
    if not plan.ok:
        return result
    with transaction.atomic():
        touched = _apply(plan, actor)
        result.changes = plan.changes + _sync(touched, actor)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _committee_fields(committee: Committee) -> dict:
    values = log.snapshot(committee)
    values["units"] = ", ".join(sorted(unit.name for unit in committee.units.all())) if committee.pk else ""
    return values


def _apply(plan: MedPlan, actor) -> set[int]:
    users = {}
    for key, new in plan.new_users.items():
        user = get_user_model().objects.create_user(username=new.username, password=None, email=new.email,
                                                    first_name=new.first_name, last_name=new.last_name)  # fmt: skip
        users[key] = user.pk
        log.record(actor, AuditEntry.Action.CREATE, user, changes={"username": [None, new.username]},
                   detail=_("Created by a MED load for the roles of a committee seat."))  # fmt: skip
    touched: set[int] = set()
    by_key = {c.key: c for c in Committee.objects.exclude(key="")}
    rows = [(Committee(key=row.key), row) for row in plan.new_committees] + plan.changed_committees
    for committee, row in rows:
        with log.change(actor, committee, fields=_committee_fields):
            committee.key, committee.name, committee.kind = row.key, row.name, row.kind
            committee.save()
            committee.units.set([plan.units[unit_id] for unit_id in row.unit_ids])
        by_key[row.key] = committee
        touched.update(committee.memberships.values_list("user_id", flat=True))
    for committee, row in rows:  # parents once every committee exists
        parent = by_key.get(row.parent_key) if row.parent_key else None
        if committee.parent_id != (parent.pk if parent else None):
            with log.change(actor, committee, fields=_committee_fields):
                committee.parent = parent
                committee.save(update_fields=["parent"])
    for row, user in plan.new_seats:
        seat = Membership(committee=by_key[row.committee_key], user_id=users.get(user, user))
        _write_seat(actor, seat, row)
        touched.add(seat.user_id)
    for seat, row in plan.changed_seats:
        _write_seat(actor, seat, row)
        touched.add(seat.user_id)
    yesterday = plan.today - timedelta(days=1)
    for seat in plan.ended_seats:
        with log.change(actor, seat):
            seat.term_until = yesterday
            seat.save(update_fields=["term_until"])
        touched.add(seat.user_id)
    for seat in plan.removed_seats:
        with log.change(actor, seat):
            seat.delete()
        touched.add(seat.user_id)
    return touched


def _write_seat(actor, seat: Membership, row: SeatRow) -> None:
    with log.change(actor, seat):
        seat.seat, seat.union, seat.substitute = row.seat, row.union, row.substitute
        seat.term_from, seat.term_until = row.term_from, row.term_until
        seat.save()


def _roles_of(user_ids) -> dict:
    return {
        (a.user_id, a.role, a.unit_id): a
        for a in RoleAssignment.objects.filter(user_id__in=user_ids, source=RoleSource.MED_SEAT).select_related("unit", "user")
    }


def _sync(user_ids: set[int], actor) -> list[Change]:
    """Rebuild the touched users' seat roles; audit and return what changed about them."""
    before = _roles_of(user_ids)
    for user in get_user_model().objects.filter(pk__in=user_ids).order_by("pk"):
        sync_roles(user)
    after = _roles_of(user_ids)
    changes = []
    for key in sorted(set(before) | set(after), key=lambda k: (k[0], str(k[1]), k[2])):
        old, new = before.get(key), after.get(key)
        shown = new or old
        label = shown.user.get_full_name() or shown.user.username
        if old is None:
            changes.append(Change(_("Role"), _("Added"), shown.user.username, label,
                                  [(shown.get_role_display(), None, shown.unit.name), (_("valid until"), None, new.valid_until)]))  # fmt: skip
        elif new is None:
            changes.append(Change(_("Role"), _("Removed"), shown.user.username, label,
                                  [(shown.get_role_display(), shown.unit.name, None)]))  # fmt: skip
        elif (old.valid_from, old.valid_until) != (new.valid_from, new.valid_until):
            changes.append(Change(_("Role"), _("Changed"), shown.user.username, label,
                                  [(shown.get_role_display(), shown.unit.name, shown.unit.name),
                                   (_("valid until"), old.valid_until, new.valid_until)]))  # fmt: skip
    actions = {_("Added"): AuditEntry.Action.CREATE, _("Removed"): AuditEntry.Action.DELETE,
               _("Changed"): AuditEntry.Action.UPDATE}  # fmt: skip
    for change in changes:
        log.record(actor, actions[change.action], object_type="roleassignment", object_repr=f"{change.key}: {change.label}",
                   changes={name: [before, after] for name, before, after in change.fields},
                   detail=_("Role from a MED seat, after a MED load."))  # fmt: skip
    return changes
