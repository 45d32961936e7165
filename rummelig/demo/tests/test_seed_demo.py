"""`manage.py seed_demo`: the demo municipality is realistic, lawful, deterministic and safe to rerun."""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import F, Q, Sum
from django.utils import timezone

from rummelig.accounts.access import access_for
from rummelig.accounts.models import Role
from rummelig.audit.models import AuditEntry
from rummelig.demo.data import DEMO_PASSWORD, DEMO_USERS, KOMMUNE
from rummelig.demo.seed import delete_with_dependants
from rummelig.lib.cpr import birth_date_from_cpr, normalise_cpr
from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person
from rummelig.placements import validation
from rummelig.placements.models import Placement, Status
from rummelig.rules.ratio import max_supported_placements
from rummelig.schemes.models import Scheme

TODAY = date(2026, 3, 2)
MOD11_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def seed(*extra, employees=300, seed=1):
    out = StringIO()
    call_command(
        "seed_demo", "--employees", str(employees), "--seed", str(seed), "--today", TODAY.isoformat(), *extra, stdout=out
    )
    return out.getvalue()


@pytest.fixture
def demo(db):
    return seed()


def staff_on(day):
    return Employment.objects.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day))


def test_it_builds_a_kommune_with_six_centres_and_their_workplaces(demo):
    kommune = Unit.objects.get(kind=Unit.Kind.MUNICIPALITY)
    assert kommune.name == KOMMUNE
    centres = Unit.objects.filter(kind=Unit.Kind.AREA)
    assert {c.name for c in centres} >= {"Center for Børn og Unge", "Center for Ældre og Sundhed", "Center for Skole"}
    assert centres.count() == 6
    workplaces = Unit.objects.filter(kind=Unit.Kind.WORKPLACE)
    assert all(w.parent.kind == Unit.Kind.AREA for w in workplaces)
    assert {"Solsikken Børnehus", "Skovbrynet Skole", "Plejecenter Åbjerg"} <= {w.name for w in workplaces}
    assert workplaces.filter(valid_to__isnull=False).count() == 2  # two closed during the period


def test_every_workplace_has_a_unique_p_number_cost_centre_and_payroll_id(demo):
    workplaces = list(Unit.objects.filter(kind=Unit.Kind.WORKPLACE))
    for field in ("p_number", "cost_centre", "payroll_id", "name"):
        values = [getattr(w, field) for w in workplaces]
        assert all(values) and len(set(values)) == len(values), field
    assert all(len(w.p_number) == 10 and w.p_number.isdigit() for w in workplaces)


def test_unit_paths_make_subtrees_work_although_units_were_bulk_created(demo):
    kommune = Unit.objects.get(kind=Unit.Kind.MUNICIPALITY)
    assert kommune.subtree().count() == Unit.objects.count()
    boern = Unit.objects.get(name="Center for Børn og Unge")
    solsikken = Unit.objects.get(name="Solsikken Børnehus")
    assert solsikken.path == f"{boern.path}{solsikken.pk}/" and solsikken.depth == 2
    assert solsikken in boern.subtree()
    assert solsikken.centre == boern


def test_the_number_of_workplaces_grows_with_the_staff(db):
    seed(employees=5000)
    assert 110 <= Unit.objects.filter(kind=Unit.Kind.WORKPLACE, valid_to__isnull=True).count() <= 130


def test_it_employs_the_requested_staff_with_titles_hours_and_fte(demo):
    staff = staff_on(TODAY)
    assert staff.count() == 300
    assert Employment.objects.filter(end__lt=TODAY).exists()  # some have left
    for employment in staff:
        assert employment.job_title
        if not employment.subsidised:
            assert employment.fte == (employment.weekly_hours / Decimal(37)).quantize(Decimal("0.0001"))
    hours = Counter(e.weekly_hours for e in staff)
    assert hours[Decimal(37)] > 0 and len(hours) >= 4  # full and part time
    assert staff.filter(start__lt=TODAY - timedelta(days=20 * 365)).exists()  # hired over decades
    numbers = list(Employment.objects.values_list("payroll_number", flat=True))
    assert all(numbers) and len(set(numbers)) == len(numbers)
    assert Employment.objects.filter(is_manager=True, end__isnull=True).count() >= Unit.objects.filter(
        kind=Unit.Kind.WORKPLACE, valid_to__isnull=True
    ).count()


def test_every_cpr_number_is_a_valid_unique_date_of_birth_plus_four_digits(demo):
    rows = list(Person.objects.values_list("cpr", "birth_date"))
    cprs = [cpr for cpr, _ in rows]
    assert len(set(cprs)) == len(cprs)
    for cpr, birth_date in rows:
        assert normalise_cpr(cpr) == cpr
        assert birth_date_from_cpr(cpr) == birth_date
        # Fictitious: the number fails the modulus-11 check that older real numbers pass.
        assert sum(int(c) * w for c, w in zip(cpr, MOD11_WEIGHTS, strict=True)) % 11 != 0
    assert any(b.year >= 2000 for _, b in rows) and any(b.year < 1970 for _, b in rows)


def test_names_are_danish(demo):
    last_names = Counter(Person.objects.values_list("last_name", flat=True))
    assert any(name.endswith("sen") for name in last_names)
    assert any(ch in "".join(last_names) + "".join(Person.objects.values_list("first_name", flat=True)) for ch in "æøå")


def test_it_creates_placements_of_every_scheme(demo):
    for scheme in Scheme.objects.all():
        assert Placement.objects.filter(scheme=scheme).exists(), scheme.code


def test_shares_of_staff_resemble_kl_2014(db):
    seed(employees=2000)
    staff = staff_on(TODAY).count()
    active = Placement.objects.active_on(TODAY)

    def share(code):
        return 100 * active.filter(scheme__code=code).count() / staff

    assert 3.0 <= share("fleksjob") <= 5.0
    assert 1.5 <= share("loentilskud") <= 2.5
    assert 0.7 <= share("seniorjob") <= 1.3
    assert 2.5 <= share("elev") <= 3.5
    assert 0.7 <= share("virksomhedspraktik") <= 1.3
    assert 0.3 <= share("skaanejob") <= 0.7
    # Some end within the next 30 days and some are registered ahead, as on a real list.
    assert Placement.objects.ending_within(TODAY, 30).count() >= 0.05 * active.count()
    assert Placement.objects.planned_after(TODAY).count() >= 0.02 * active.count()


# The rules a placement's own dates must meet (placements.validation); the rimelighedskrav and
# merbeskæftigelse depend on the rest of the workplace and are tested below and in alerts.
DATE_CHECKS = (
    validation.check_end_dates,
    validation.check_scheme_in_force,
    validation.check_duration_limit,
    validation.check_workplace,
    validation.check_outcome,
)


def test_every_placement_passes_the_placement_rules_on_dates_and_duration(demo):
    schemes = {s.pk: s for s in Scheme.objects.prefetch_related("versions__durations")}
    for p in Placement.objects.select_related("person", "workplace"):
        proposal = validation.Proposal(
            scheme=schemes[p.scheme_id], workplace=p.workplace, target_group=p.target_group, start=p.start,
            planned_end=p.planned_end, actual_end=p.actual_end, extension_reason=p.extension_reason,
            outcome=p.outcome, birth_date=p.person.birth_date, placement=p,
        )
        errors = [message for check in DATE_CHECKS for _, message in check(proposal)]
        assert errors == [], (p.scheme.code, p.start, p.planned_end, p.actual_end, errors)


def test_ends_on_is_set_although_save_was_bypassed(demo):
    for p in Placement.objects.all():
        assert p.ends_on == (p.actual_end or p.planned_end)


def test_placements_span_three_years_with_every_status(demo):
    placements = Placement.objects.all()
    assert placements.filter(start__lt=TODAY - timedelta(days=2 * 365)).exists()
    for status in Status:
        assert placements.with_status(status, TODAY).exists(), status
    assert placements.ending_within(TODAY, 30).exists()


def test_ended_placements_have_a_mixture_of_outcomes(demo):
    ended = Placement.objects.filter(actual_end__isnull=False)
    assert not ended.filter(outcome="").exists()
    assert len(set(ended.values_list("outcome", flat=True))) >= 5
    assert not Placement.objects.filter(actual_end__isnull=True).exclude(outcome="").exists()


def test_target_groups_and_questions_fit_the_scheme(demo):
    assert set(Placement.objects.filter(scheme__code="skaanejob").values_list("target_group", flat=True)) == {
        "foertidspension"
    }
    assert set(Placement.objects.filter(scheme__code="elev").values_list("target_group", flat=True)) == {"uddannelse"}
    elever = Placement.objects.filter(scheme__code="elev")
    assert elever.filter(no_other_education=True).count() > elever.filter(no_other_education=False).count()
    assert not Placement.objects.exclude(scheme__code="elev").filter(no_other_education__isnull=False).exists()
    assert Placement.objects.filter(lives_in_municipality=True).count() > 3 * Placement.objects.filter(
        lives_in_municipality=False
    ).count()
    assert Placement.objects.filter(scheme__code="loentilskud", yearly_subsidy__gt=0).exists()
    assert Placement.objects.filter(scheme__code="seniorjob", requested_on__lt=F("start")).exists()


def test_some_fleksjob_and_skaanejob_are_held_by_existing_employees(db):
    seed(employees=2000)
    linked = Placement.objects.filter(employment__isnull=False).select_related("employment")
    assert linked.exists()
    for p in linked:
        assert p.scheme.code in ("fleksjob", "skaanejob")
        assert p.employment.person_id == p.person_id and p.employment.unit_id == p.workplace_id
        assert p.employment.subsidised


def test_no_workplace_has_more_placements_than_the_rimelighedskrav_allows_today(db):
    seed(employees=2000)
    for unit in Unit.objects.filter(kind=Unit.Kind.WORKPLACE, valid_to__isnull=True):
        fte = staff_on(TODAY).filter(unit=unit, subsidised=False).aggregate(s=Sum("fte"))["s"] or 0
        counted = [
            p for p in Placement.objects.filter(workplace=unit).active_on(TODAY).select_related("scheme")
            if p.scheme.version_on(p.start).counts_in_ratio
        ]
        assert len(counted) <= max_supported_placements(fte), unit.name


def test_closed_workplaces_have_no_one_after_they_closed(demo):
    for unit in Unit.objects.filter(valid_to__isnull=False):
        assert not unit.employments.filter(Q(end__isnull=True) | Q(end__gt=unit.valid_to)).exists()
        assert not unit.placements.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=unit.valid_to)).exists()


def test_the_same_seed_gives_the_same_municipality(db):
    def snapshot():
        return (
            list(Person.objects.order_by("pk").values_list("first_name", "last_name", "cpr")[:25]),
            list(Unit.objects.order_by("pk").values_list("name", "p_number")),
            Placement.objects.count(),
            list(Placement.objects.order_by("pk").values_list("scheme__code", "start", "planned_end")[:50]),
        )

    seed()
    first = snapshot()
    seed("--flush")
    assert snapshot() == first
    seed("--flush", seed=2)
    assert snapshot()[0] != first[0]


def test_if_empty_leaves_existing_data_alone(demo):
    before = (Unit.objects.count(), Person.objects.count(), Placement.objects.count())
    out = seed("--if-empty", employees=500, seed=7)
    assert "allerede indlæst" in out
    assert (Unit.objects.count(), Person.objects.count(), Placement.objects.count()) == before


def test_it_refuses_to_seed_over_existing_data_without_flush(demo):
    with pytest.raises(CommandError, match="--flush"):
        seed()


def test_flush_replaces_the_data_but_keeps_the_audit_log(demo):
    out = seed("--flush", employees=400)
    assert "slettet" in out
    assert staff_on(TODAY).count() == 400
    assert Unit.objects.filter(kind=Unit.Kind.MUNICIPALITY).count() == 1
    assert AuditEntry.objects.filter(object_type="demo").count() == 2


def test_flush_also_deletes_what_would_protect_the_register(demo):
    # An employment protects its person; flushing people must take their employments along.
    assert Employment.objects.exists()
    delete_with_dependants(Person.objects.all())
    assert not Person.objects.exists() and not Employment.objects.exists()


def test_it_refuses_a_municipality_too_small_to_be_realistic(db):
    with pytest.raises(CommandError, match="mindst 100"):
        seed(employees=10)


def test_it_refuses_a_today_that_is_not_a_date(db):
    with pytest.raises(CommandError, match="2026-03-01"):
        call_command("seed_demo", "--today", "1. marts", stdout=StringIO())


def test_it_writes_one_audit_entry_with_the_counts(demo):
    entry = AuditEntry.objects.get(object_type="demo")
    assert entry.action == AuditEntry.Action.IMPORT and entry.object_type == "demo"
    assert entry.username == "system"
    assert '"placements"' in entry.detail and "fleksjob" in entry.detail
    assert not any(cpr in entry.detail for cpr in Person.objects.values_list("cpr", flat=True)[:50])


def test_the_demo_publishes_the_last_two_annual_reports_for_med_members(demo):
    from rummelig.reports.models import Publication

    assert [p.reference for p in Publication.objects.order_by("reference")] == [
        date(TODAY.year - 2, 12, 31), date(TODAY.year - 1, 12, 31)]
    latest = Publication.objects.order_by("-reference").first()
    assert "" in latest.scopes and len(latest.scopes) > 1  # the municipality and the MED committees' areas
    assert AuditEntry.objects.filter(object_type="publication").count() == 2


def test_it_prints_what_it_built_and_how_long_it_took(demo):
    assert "Rummelig Kommune er bygget på" in demo and "sekunder" in demo
    assert "ordinært ansatte i dag: 300" in demo
    assert "Fleksjob" in demo and "Virksomhedspraktik" in demo
    assert "demo_logins" in demo


def test_every_demo_user_can_log_in_with_the_demo_password(demo, client):
    for demo_user in DEMO_USERS:
        assert client.login(username=demo_user.username, password=DEMO_PASSWORD), demo_user.username
        client.logout()


def test_there_is_a_user_for_every_role(demo):
    roles = set(get_user_model().objects.filter(username__in=[u.username for u in DEMO_USERS])
                .values_list("role_assignments__role", flat=True))
    assert {r.value for r in Role} <= roles
    assert None in roles  # `ingen` has no role


def test_the_demo_users_see_what_their_role_allows(demo):
    User = get_user_model()
    boern = Unit.objects.get(name="Center for Børn og Unge")
    leder = access_for(User.objects.get(username="leder-boern"))
    assert leder.placements().exists()
    assert not leder.placements().exclude(workplace__path__startswith=boern.path).exists()
    tr = access_for(User.objects.get(username="tr-solsikken"))
    assert tr.placements().exists()
    assert set(tr.placements().values_list("workplace__name", flat=True)) == {"Solsikken Børnehus"}
    assert access_for(User.objects.get(username="hr")).placements().count() == Placement.objects.count()
    med = access_for(User.objects.get(username="med-hoved"))
    assert not med.sees_individuals and med.sees_aggregates
    assert not access_for(User.objects.get(username="ingen")).placements().exists()
    assert access_for(User.objects.get(username="revisor")).may_read_audit_log
    employee = access_for(User.objects.get(username="medarbejder"))
    assert employee.sees_own_records and not employee.sees_individuals
    assert employee.own_person().employments.filter(unit__name="Solsikken Børnehus").exists()
    it = access_for(User.objects.get(username="it-admin"))
    assert it.may_manage_users and not it.sees_individuals and not it.sees_aggregates


def test_the_demo_has_retention_cases_open_ended_and_one_behind_its_interview(demo):
    from rummelig.retention.models import RetentionCase

    cases = list(RetentionCase.objects.all())
    assert len(cases) >= 7
    assert any(c.is_open for c in cases) and any(c.closed_on for c in cases)
    today = timezone.localdate()
    assert any(d.is_overdue(today) for c in cases if c.is_open for d in c.deadlines())
    assert RetentionCase.objects.filter(unit__name="Skovbrynet Skole").exists()
    ended_in_fleksjob = RetentionCase.objects.filter(result="fleksjob")
    assert all(c.result_placement.workplace_id == c.unit_id for c in ended_in_fleksjob)


def test_the_demo_has_tenders_follow_up_and_a_sanction_and_a_flush_does_not_double_them(demo):
    from rummelig.procurement.models import Clause, DocumentationRequest, Sanction, Tender
    assert Tender.objects.count() == 4
    assert set(Tender.objects.values_list("status", flat=True)) == {"koerer", "tildelt", "offentliggjort", "planlagt"}
    assert Sanction.objects.count() == 1
    assert DocumentationRequest.objects.filter(received_on__isnull=True).exists()
    clauses = Clause.objects.count()
    seed("--flush", employees=400)
    assert Tender.objects.count() == 4 and Clause.objects.count() == clauses
