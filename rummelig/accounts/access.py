"""What a user may see and do: the one place that decides it.

Every page, export, API operation and count asks `access_for(user)` and uses the querysets and
`get_*_or_404` helpers here, so a record outside the user's units simply does not exist for them.

- HR: everything, and may change it.
- Auditor: everything, read-only, including the audit log.
- Leder: the placements and people of their units and the units' sub-units; may change them.
- TR: the placements of their own workplace(s), without health-related fields; read-only.
- MED member: aggregated counts for the committee's units only, never a person.
- Administrator (IT): the user pages only (no person, placement, figure or audit log).
- Employee (medarbejder): their own records on "Mine oplysninger" (the login linked to a person).
- Employee (a login linked to their Person): their own page (policy: guidelines, their KOMPUS, the status
  of their concerns, their health sign-ups); a concern is seen by its recipient and HR only.
"""

from functools import cached_property, wraps

from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db.models import Exists, Q
from django.http import Http404

from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person
from rummelig.placements.models import Placement

from .models import Role, RoleAssignment

# Roles that show persons: only HR gives or takes them (see Access.grantable_roles).
PERSONAL_DATA_ROLES = frozenset({Role.HR, Role.AUDITOR, Role.LEDER, Role.TR})


class Access:
    def __init__(self, user):
        self.user = user

    @cached_property
    def _assignments(self):
        """The user's current roles, each row carrying the user's ties (see `_ties`) so the menu asks no more."""
        if not self.user.is_authenticated or not self.user.is_active:
            return []
        return list(RoleAssignment.current().filter(user=self.user).select_related("unit").annotate(**self._tie_queries()))

    def _tie_queries(self):
        """EXISTS subqueries: the user holds a MED seat in force today; the user (through their Person) mentors someone."""
        from django.utils import timezone

        from rummelig.med.models import Membership

        return {
            "holds_seat": Exists(Membership.objects.current(timezone.localdate()).filter(user=self.user.pk)),
            "mentors": Exists(Placement.objects.filter(mentor__user=self.user.pk)),
        }

    @cached_property
    def _ties(self):
        """(holds a current MED seat, mentors someone), once per request.

        Read in the roles' query; asked on its own only for a login without any current role.
        """
        if self._assignments:
            return self._assignments[0].holds_seat, self._assignments[0].mentors
        if not self.user.is_authenticated or not self.user.is_active:
            return False, False
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(pk=self.user.pk).annotate(**self._tie_queries()).values_list(
            "holds_seat", "mentors").get()

    def _paths(self, *roles):
        """Return the unit paths held in the given roles; None in the list means everything."""
        return [a.unit.path if a.unit_id else None for a in self._assignments if a.role in roles]

    def has_role(self, *roles):
        return any(a.role in roles for a in self._assignments)

    @property
    def is_hr(self):
        return self.has_role(Role.HR)

    @property
    def is_auditor(self):
        return self.has_role(Role.AUDITOR)

    @property
    def sees_everything(self):
        return self.is_hr or self.is_auditor

    @property
    def sees_individuals(self):
        """True if the user may see any person at all (MED members and others may not)."""
        return bool(self._paths(Role.HR, Role.AUDITOR, Role.LEDER, Role.TR))

    @property
    def reads_the_law(self):
        """Every role may read the law page: schemes, their rules and changes ahead hold no personal data."""
        return bool(self._assignments)

    @property
    def may_edit(self):
        return self.has_role(Role.HR, Role.LEDER)

    @property
    def may_read_audit_log(self):
        return self.sees_everything

    @property
    def sees_aggregates(self):
        return bool(self._paths(Role.HR, Role.AUDITOR, Role.LEDER, Role.MED))

    @property
    def sees_units(self):
        """True if the user may see some units (name, place in the tree): anyone with a role."""
        return bool(self._paths(Role.HR, Role.AUDITOR, Role.LEDER, Role.TR, Role.AMR, Role.MED))

    @property
    def sees_exact_figures(self):
        """True when the user may see, person by person, every unit they may count (HR, auditor, leder).

        Everyone else (a MED member, a leder who also sits in a wider MED committee) sees figures
        that leave HR: suppressed.
        """
        return self.sees_aggregates and not self.aggregate_units().exclude(pk__in=self.units().values("pk")).exists()

    def role_labels(self):
        """Return the names of the user's roles, sorted, for the page header."""
        return sorted({str(Role(a.role).label) for a in self._assignments})

    # Units -----------------------------------------------------------------------------------

    @staticmethod
    def _unit_q(paths, prefix="path"):
        if None in paths:
            return Q()
        q = Q(pk__in=[])
        for path in paths:
            q |= Q(**{f"{prefix}__startswith": path})
        return q

    def _units_for(self, *roles):
        paths = self._paths(*roles)
        if not paths:
            return Unit.objects.none()
        return Unit.objects.filter(self._unit_q(paths))

    def units(self):
        """Units whose people this user may see individually."""
        return self._units_for(Role.HR, Role.AUDITOR, Role.LEDER, Role.TR)

    def aggregate_units(self):
        """Units this user may see counts for (MED members included)."""
        return self._units_for(Role.HR, Role.AUDITOR, Role.LEDER, Role.MED)

    def editable_units(self):
        return self._units_for(Role.HR, Role.LEDER)

    def visible_units(self):
        """Units this user may see as units (name, P-number, place in the tree), MED members included."""
        return self._units_for(Role.HR, Role.AUDITOR, Role.LEDER, Role.TR, Role.AMR, Role.MED)

    def _full_detail_paths(self):
        return self._paths(Role.HR, Role.AUDITOR, Role.LEDER)

    # Placements and people ------------------------------------------------------------------

    def placements(self):
        paths = self._paths(Role.HR, Role.AUDITOR, Role.LEDER, Role.TR)
        if not paths:
            return Placement.objects.none()
        return Placement.objects.filter(self._unit_q(paths, "workplace__path"))

    def annulled_placements(self):
        """Annulled registrations: HR and the auditor see them (marked as annulled); a leder or TR does not."""
        paths = self._paths(Role.HR, Role.AUDITOR)
        if not paths:
            return Placement.with_annulled.none()
        return Placement.with_annulled.filter(self._unit_q(paths, "workplace__path"), annulled_at__isnull=False)

    @property
    def sees_annulled(self):
        return self.sees_everything

    @property
    def may_annul(self):
        return self.is_hr

    def editable_placements(self):
        paths = self._paths(Role.HR, Role.LEDER)
        if not paths:
            return Placement.objects.none()
        return Placement.objects.filter(self._unit_q(paths, "workplace__path"))

    def people(self):
        """People with a placement or an employment in the user's units."""
        paths = self._paths(Role.HR, Role.AUDITOR, Role.LEDER, Role.TR)
        if not paths:
            return Person.objects.none()
        if None in paths:
            return Person.objects.all()
        via_placement = self.placements().values("person_id")
        if not self.sees_employments:
            return Person.objects.filter(pk__in=via_placement)
        via_employment = self.employments().values("person_id")
        return Person.objects.filter(Q(pk__in=via_placement) | Q(pk__in=via_employment))

    def sees_health_of(self, placement):
        """True unless the placement is visible to this user only as an employee representative."""
        return self.sees_staff_of(placement.workplace)

    @property
    def sees_health_anywhere(self):
        """True if the user sees the health-related fields of some placement (not a TR or MED member only)."""
        return bool(self._full_detail_paths())

    def may_edit_placement(self, placement):
        return self.editable_placements().filter(pk=placement.pk).exists()

    @property
    def may_reveal_cpr(self):
        return self.is_hr

    # Employee representatives ----------------------------------------------------------------

    def representative_units(self):
        """Units where the user is an employee representative (TR), with their sub-units."""
        return self._units_for(Role.TR)

    def represents(self, unit):
        """True if the user holds a TR role for the unit or a unit above it (and may give its statements)."""
        return any(path is not None and unit.path.startswith(path) for path in self._paths(Role.TR))

    def routed_placements(self):
        """Placements whose statement HR has routed to this user (no TR on the P-number, BEK § 99 stk. 4)."""
        if not self.user.is_authenticated or not self.user.is_active:
            return Placement.objects.none()
        return Placement.objects.filter(statement_route__giver=self.user)

    @property
    def has_tasks(self):
        """True if the user has a task list: they see people, or give TR statements (routed to them included)."""
        return self.sees_individuals or self.gives_statements

    @property
    def gives_statements(self):
        """True if the user is a TR somewhere or has been routed a statement to give."""
        return self.representative_units().exists() or self.routed_placements().exists()

    def gives_statement_on(self, placement):
        """True if this user is the one to give the placement's statement: the routed giver, else a TR of the workplace."""
        try:
            return placement.statement_route.giver_id == self.user.pk
        except ObjectDoesNotExist:
            return self.represents(placement.workplace)

    # Ordinary staff and editing people -------------------------------------------------------

    @property
    def sees_employments(self):
        """True if the user may see ordinary employments somewhere (HR, auditor, leder; not TR or MED)."""
        return bool(self._full_detail_paths())

    def employments(self):
        """Ordinary employments in the units of the user's HR, auditor and leder roles."""
        paths = self._full_detail_paths()
        if not paths:
            return Employment.objects.none()
        return Employment.objects.filter(self._unit_q(paths, "unit__path"))

    def sees_staff_of(self, unit):
        """True if the user may see the ordinary employments (names, FTE) of unit."""
        paths = self._full_detail_paths()
        return None in paths or any(unit.path.startswith(p) for p in paths)

    def editable_employments(self):
        """Ordinary employments in the units the user may edit (those a placement may be tied to)."""
        return Employment.objects.filter(unit__in=self.editable_units())

    def editable_people(self):
        """People HR may change, and those with a placement or an employment in a leder's units."""
        paths = self._paths(Role.HR, Role.LEDER)
        if not paths:
            return Person.objects.none()
        if None in paths:
            return Person.objects.all()
        via_placement = self.editable_placements().values("person_id")
        via_employment = self.editable_employments().values("person_id")
        return Person.objects.filter(Q(pk__in=via_placement) | Q(pk__in=via_employment))

    def may_edit_person(self, person):
        return self.editable_people().filter(pk=person.pk).exists()

    # --- procurement ---

    @property
    def sees_procurement(self):
        """True for the procurement unit, HR and the auditor: tenders, clauses and follow-up hold no person's data."""
        return self.has_role(Role.PROCUREMENT, Role.HR, Role.AUDITOR)

    @property
    def may_edit_procurement(self):
        """Only the procurement unit records tenders, clause decisions, the clause library and follow-up."""
        return self.has_role(Role.PROCUREMENT)

    @property
    def may_edit_thresholds(self):
        """HR keeps the dated limits of the training clause duty up to date."""
        return self.is_hr

    def tenders(self):
        """The register of tenders: the whole municipality's for those who see procurement, else nothing."""
        from rummelig.procurement.models import Tender

        return Tender.objects.all() if self.sees_procurement else Tender.objects.none()


    # --- retention ---

    @property
    def handles_retention(self):
        """True for HR and leder: a retention case is seen by HR and the workplace's leder only.

        Not by the auditor, a TR, an AMR, a mentor or a MED member: the case is about a colleague's
        health and work capacity, and the audit log already shows who did what to it.
        """
        return bool(self._paths(Role.HR, Role.LEDER))

    def retention_cases(self):
        """Retention cases of the workplaces in the user's HR and leder units."""
        from rummelig.retention.models import RetentionCase

        paths = self._paths(Role.HR, Role.LEDER)
        if not paths:
            return RetentionCase.objects.none()
        return RetentionCase.objects.filter(self._unit_q(paths, "unit__path"))
    # --- accounts: users, roles and the employee's own records ---

    @property
    def may_manage_users(self):
        """HR and the administrator (IT) manage users: the list, create, edit, deactivate, roles, API tokens."""
        return self.has_role(Role.HR, Role.ADMINISTRATOR)

    @property
    def may_link_people(self):
        """Only HR links a login to a person by hand: it needs the person, which the administrator never sees."""
        return self.is_hr

    @property
    def may_set_passwords(self):
        """Only HR gives a local password; an administrator's users log in through the municipality's login.

        Otherwise an administrator could give a password to an account that sees personal data and use it.
        """
        return self.is_hr

    def grantable_roles(self):
        """The roles this user may give and take: HR all; the administrator those that show no person.

        Roles that show people (HR, auditor, leder, TR) stay with HR, so IT can never make (or reach) an
        account that sees personal data.
        """
        if self.is_hr:
            return list(Role)
        if self.has_role(Role.ADMINISTRATOR):
            return [r for r in Role if r not in PERSONAL_DATA_ROLES]
        return []

    def may_grant(self, role):
        return Role(role) in self.grantable_roles()

    def may_edit_user(self, other):
        """HR edits anyone; the administrator only users who hold no role that shows people.

        Renaming an HR user to one's own login name would otherwise hand IT that user's rights.
        """
        if self.is_hr:
            return True
        return self.may_manage_users and not other.role_assignments.filter(role__in=PERSONAL_DATA_ROLES).exists()

    def may_change_roles_of(self, other):
        """No one changes their own roles (a leder, or anyone, cannot give himself rights)."""
        return self.may_manage_users and other.pk != self.user.pk

    @property
    def sees_own_records(self):
        """The employee's page "Mine oplysninger": the medarbejder role, which linking a login to a person gives."""
        return self.has_role(Role.EMPLOYEE)

    def own_person(self):
        """The person this login is linked to (Person.user), or None; asked once per request."""
        if not self.user.is_authenticated or not self.user.is_active:
            return None
        if not hasattr(self, "_own_person"):
            self._own_person = Person.objects.filter(user=self.user).first()
        return self._own_person

    # --- login ---
    @property
    def manages_login_groups(self):
        """HR and the IT administrator map the identity provider's groups to roles (no personal data on those pages)."""
        return self.has_role(Role.HR, Role.ADMINISTRATOR)
    # --- onboarding ---
    # Positions on offer, checklists, mentors, evaluations, outcome follow-ups and the MED framework (issue 15).
    # The employment unit (jobcenter) reads the catalogue of positions; a mentor sees only their mentees'
    # placements, without health fields; evaluation notes and checklists are for HR and the leder (auditor reads).

    def positions(self):
        """Positions on special terms in the units of the user's HR, auditor, leder or employment-service roles."""
        from rummelig.onboarding.models import Position

        paths = self._paths(Role.HR, Role.AUDITOR, Role.LEDER, Role.EMPLOYMENT_SERVICE)
        if not paths:
            return Position.objects.none()
        return Position.objects.filter(self._unit_q(paths, "workplace__path"))

    def editable_positions(self):
        from rummelig.onboarding.models import Position

        return Position.objects.filter(workplace__in=self.editable_units())

    @property
    def sees_positions(self):
        return bool(self._paths(Role.HR, Role.AUDITOR, Role.LEDER, Role.EMPLOYMENT_SERVICE))

    def position_units(self):
        """Units whose positions (and rimelighedskrav room) the user sees."""
        return self._units_for(Role.HR, Role.AUDITOR, Role.LEDER, Role.EMPLOYMENT_SERVICE)

    @property
    def edits_templates(self):
        """HR keeps the municipality's checklist templates; a leder refines them for a workplace."""
        return self.may_edit

    @property
    def sees_follow_up(self):
        """True if the user sees checklists, evaluations and mentors of some placement (HR, auditor, leder)."""
        return bool(self._full_detail_paths())

    def follow_up_placements(self):
        """Placements whose checklist, evaluations (notes included) and mentors the user sees: not a TR's or mentor's."""
        paths = self._full_detail_paths()
        if not paths:
            return Placement.objects.none()
        return Placement.objects.filter(self._unit_q(paths, "workplace__path"))

    def sees_evaluations_of(self, placement):
        """True if the user may read the placement's evaluations and their notes: HR, the auditor and its leder."""
        return self.sees_staff_of(placement.workplace)

    def mentee_placements(self):
        """Placements where the user (through their Person) is the mentor; the mentor sees no health field."""
        if not self.user.is_authenticated or not self.user.is_active:
            return Placement.objects.none()
        return Placement.objects.filter(mentor__user=self.user)

    @property
    def is_mentor(self):
        return self._ties[1]

    def framework_units(self):
        """Workplaces whose MED framework answers the user reads: HR, auditor, leder and the committee's members."""
        return self._units_for(Role.HR, Role.AUDITOR, Role.LEDER, Role.MED)

    @property
    def sees_framework(self):
        return bool(self._paths(Role.HR, Role.AUDITOR, Role.LEDER, Role.MED))


    # --- med ---

    def med_memberships(self):
        """The user's seats in MED committees in force today."""
        from django.utils import timezone

        from rummelig.med.models import Membership

        if not self.user.is_authenticated or not self.user.is_active:
            return Membership.objects.none()
        return Membership.objects.current(timezone.localdate()).filter(user=self.user)

    @property
    def sees_committees(self):
        """HR and the auditor see every committee; a member sees their own committees."""
        return self.sees_everything or self._ties[0]

    @property
    def manages_committees(self):
        return self.is_hr

    @property
    def loads_committees(self):
        """HR loads the MED committees and seats from the spreadsheet (med/indlaes/)."""
        return self.is_hr

    def committees(self):
        from rummelig.med.models import Committee

        if self.sees_everything:
            return Committee.objects.all()
        return Committee.objects.filter(pk__in=self.med_memberships().values("committee_id"))

    def chairs(self, committee):
        """True if the user may hold the committee's meetings and write its records: HR, or its (vice) chair."""
        return self.is_hr or self.med_memberships().filter(committee=committee, seat__in=["formand", "naestformand"]).exists()

    # --- policy ---
    # The personnel and working-environment policy (rummelig/policy): guidelines, KOMPUS, concerns, health offers.

    # own_person(): defined above with the employee's own records.

    @property
    def is_employee(self):
        """True for the employee role (medarbejder) with the login linked to their own record ("Min side").

        The role is checked first, so other roles' pages cost no query for it.
        """
        return self.has_role(Role.EMPLOYEE) and self.own_person() is not None

    @property
    def reads_guidelines(self):
        """Every role, and every login linked to its person record, reads the approved guidelines."""
        return bool(self._assignments) or self.own_person() is not None

    @property
    def edits_guidelines(self):
        return self.is_hr

    @property
    def holds_dialogues(self):
        """HR and lederne follow the competence dialogues (KOMPUS) of their units."""
        return self.has_role(Role.HR, Role.LEDER)

    def dialogue_units(self):
        return self._units_for(Role.HR, Role.LEDER)

    @property
    def edits_kompus_setting(self):
        return self.is_hr

    @property
    def receives_concerns(self):
        """HR and everyone a concern can be told to (leder, AMR, TR) have an inbox of concerns."""
        return self.has_role(Role.HR, Role.LEDER, Role.AMR, Role.TR)

    def concerns(self):
        """The concerns this user may see: HR all of them, anyone else those told to them."""
        from rummelig.policy.models import Concern

        if not self.user.is_authenticated or not self.user.is_active:
            return Concern.objects.none()
        if self.is_hr:
            return Concern.objects.all()
        return Concern.objects.filter(recipient=self.user)

    def own_concerns(self):
        """The concerns the user has reported themselves (their status only)."""
        from rummelig.policy.models import Concern

        person = self.own_person()
        return Concern.objects.filter(reporter=person) if person else Concern.objects.none()

    @property
    def sees_concern_counts(self):
        """The working-environment group (leder, AMR), MED, HR and the auditor see counts of concerns, suppressed."""
        return self.has_role(Role.HR, Role.AUDITOR, Role.LEDER, Role.AMR, Role.MED)

    def concern_count_units(self):
        return self._units_for(Role.HR, Role.AUDITOR, Role.LEDER, Role.AMR, Role.MED)

    @property
    def sees_offer_usage(self):
        """HR sees exact sign-up counts; lederne and MED members see them suppressed."""
        return self.has_role(Role.HR, Role.AUDITOR, Role.LEDER, Role.MED)

    @property
    def edits_health_offers(self):
        return self.is_hr


def access_for(user):
    """Return the (per-request cached) Access of user."""
    cached = getattr(user, "_rummelig_access", None)
    if cached is None:
        cached = Access(user)
        try:
            user._rummelig_access = cached
        except AttributeError:  # AnonymousUser allows attributes, but be safe
            pass
    return cached


# The permissions a page or API operation declares: each yes/no property of Access, and two without a role.
PUBLIC = "public"  # anyone, logged in or not: the login page, logging out, choosing a language
LOGIN = "login"  # anyone logged in; the view shows only records in the user's own scope
PERMISSIONS = frozenset(
    name for name, value in vars(Access).items() if isinstance(value, property) and not name.startswith("_")
) | {PUBLIC, LOGIN}


def check_permission(name):
    """Return name if it is a permission, else raise ImproperlyConfigured: a misspelt name fails at import."""
    if name not in PERMISSIONS:
        raise ImproperlyConfigured(f"Unknown permission {name!r}; use one of {', '.join(sorted(PERMISSIONS))}.")
    return name


def access_or_404(user, may):
    """Return the user's Access if its permission ``may`` holds, else raise Http404."""
    access = access_for(user)
    if may not in (PUBLIC, LOGIN) and not getattr(access, check_permission(may)):
        raise Http404
    return access


def requires(permission):
    """Declare and check a page's permission: the page does not exist (404) for a user without it.

    Put it under ``@login_required`` and the method decorator, so the answers keep their order
    (login, then 405, then 404). The name is checked when the module is imported, and the view carries
    it as ``view.permission`` for the test that walks every URL.
    """
    check_permission(permission)

    def decorate(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            access_or_404(request.user, permission)
            return view(request, *args, **kwargs)

        checked.permission = permission
        return checked

    return decorate


def declare(permission, view):
    """Return a view the project does not write (Django's login, logout, language switch) marked with its permission."""
    check_permission(permission)

    @wraps(view)
    def declared(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    declared.permission = permission
    return declared


def get_placement_or_404(user, pk, *, for_edit=False, annulled_too=False):
    """Return the placement the user may see (or change); annulled_too lets HR and the auditor open an annulled one."""
    access = access_for(user)
    qs = access.editable_placements() if for_edit else access.placements()
    if annulled_too and not for_edit:
        qs = qs | access.annulled_placements()
    try:
        return qs.select_related("person", "scheme", "workplace", "mentor", "employment").get(pk=pk)
    except (Placement.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_statement_placement_or_404(user, pk):
    """A placement the user may see, or whose statement HR has routed to the user (who then sees no more)."""
    access = access_for(user)
    try:
        return (access.placements() | access.routed_placements()).distinct().select_related(
            "person", "scheme", "workplace").get(pk=pk)
    except (Placement.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_person_or_404(user, pk):
    try:
        return access_for(user).people().get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_unit_or_404(user, pk, *, aggregate=False):
    access = access_for(user)
    qs = access.aggregate_units() if aggregate else access.units()
    try:
        return qs.get(pk=pk)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
