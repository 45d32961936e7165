"""Managers from payroll: an import keeps each manager's leder role (source PAYROLL) in step with payroll."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model

from rummelig.accounts.models import Role, RoleAssignment, RoleSource
from rummelig.audit.models import AuditEntry
from rummelig.imports.models import ImportRun, SourceKind
from rummelig.imports.service import import_file
from rummelig.organisation.models import Unit
from rummelig.people.models import Person

User = get_user_model()
TODAY = date.today()
UNITS = """
 <orgUnit id="100"><startDate>2000-01-01</startDate><endDate>9999-12-31</endDate><parentOrgUnit/>
  <longName>Rummelby Kommune</longName></orgUnit>
 <orgUnit id="111"><startDate>2000-01-01</startDate><endDate>9999-12-31</endDate><parentOrgUnit>100</parentOrgUnit>
  <longName>Solsikken</longName></orgUnit>
 <orgUnit id="112"><startDate>2000-01-01</startDate><endDate>9999-12-31</endDate><parentOrgUnit>100</parentOrgUnit>
  <longName>Skovbrynet</longName></orgUnit>
"""


def employee(number, cpr, first, last, unit="111", manager=True, user_id="", leave=""):
    return f"""
 <employee id="{number}"><entryDate>2020-01-01</entryDate><leaveDate>{leave}</leaveDate><cpr>{cpr}</cpr>
  <firstName>{first}</firstName><lastName>{last}</lastName><workContract>08</workContract>
  <workContractText>Ansat</workContractText><position>Leder</position>
  <isManager>{"true" if manager else "false"}</isManager><superiorLevel>{"1" if manager else ""}</superiorLevel>
  <orgUnit>{unit}</orgUnit><numerator>37</numerator><denominator>37</denominator><userId>{user_id}</userId>
 </employee>"""


class Dumps:
    """Writes OPUS dumps dated one day after another, so each is a new delta."""

    def __init__(self, folder):
        self.folder, self.day = folder, date(2025, 1, 1)

    def run(self, *employees, units=UNITS, dry_run=False, user=None):
        self.day += timedelta(days=1)
        path = self.folder / f"ZLPE{self.day:%Y%m%d}000000_delta.xml"
        path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<kmd>{units}{"".join(employees)}\n</kmd>\n', "utf-8")
        outcome = import_file(SourceKind.OPUS, path, dry_run=dry_run, user=user)
        assert outcome.run.status in (ImportRun.Status.DONE, ImportRun.Status.PREVIEWED), outcome.run.problems
        return outcome.run


@pytest.fixture
def dumps(tmp_path, opus_codes):
    return Dumps(tmp_path)


def payroll_roles():
    return sorted(
        (role.user.username, role.unit.payroll_id)
        for role in RoleAssignment.objects.filter(role=Role.LEDER, source=RoleSource.PAYROLL).select_related("user", "unit")
    )


SOREN = ("5001", "0101901234", "Søren", "Østergård")
ASE = ("5002", "1502854321", "Åse", "Møller")


def test_a_new_manager_gets_the_leder_role_for_the_unit_and_a_login_made_for_it(dumps):
    run = dumps.run(employee(*SOREN, user_id="SAEROE"), employee(*ASE, manager=False, user_id="AMOE"))

    assert payroll_roles() == [("SAEROE", "111")]
    login = User.objects.get(username="SAEROE")
    assert login.is_active and not login.has_usable_password()
    assert Person.objects.get(cpr="0101901234").account_name == "SAEROE"
    assert Person.objects.get(cpr="1502854321").account_name == "AMOE"
    assert run.roles_added == 1
    role_row = next(change for change in run.changes if change["entity"] == "role")
    assert role_row["key"] == "SAEROE" and role_row["label"] == "Søren Østergård"
    assert ["Enhed", "", "Solsikken"] in role_row["fields"]
    assert AuditEntry.objects.filter(object_type="roleassignment", action=AuditEntry.Action.CREATE).count() == 1


def test_the_login_is_the_linked_user_else_the_user_with_that_name_in_any_case(dumps):
    existing = User.objects.create_user("saeroe", password="x")
    linked = User.objects.create_user("aase.linked", password="x")
    dumps.run(employee(*SOREN, manager=False), employee(*ASE, manager=False))
    Person.objects.filter(cpr="1502854321").update(user=linked)

    dumps.run(employee(*SOREN, user_id="SAEROE"), employee(*ASE, unit="112", user_id="AMOE"))

    assert payroll_roles() == [("aase.linked", "112"), ("saeroe", "111")]
    assert RoleAssignment.objects.get(user=existing).valid_until is None
    assert not User.objects.filter(username__in=["SAEROE", "AMOE"]).exists()


def test_an_import_that_ends_a_managers_employment_removes_the_payroll_role_and_keeps_a_manual_one(dumps):
    dumps.run(employee(*SOREN, user_id="SAEROE"))
    login = User.objects.get(username="SAEROE")
    solsikken = Unit.objects.get(payroll_id="111")
    RoleAssignment.objects.create(user=login, role=Role.LEDER, unit=solsikken, source=RoleSource.MANUAL)

    run = dumps.run(employee(*SOREN, user_id="SAEROE", leave=f"{TODAY - timedelta(days=1):%Y-%m-%d}"))

    assert payroll_roles() == []
    assert RoleAssignment.objects.filter(user=login, unit=solsikken, source=RoleSource.MANUAL).exists()
    assert run.roles_removed == 1
    removed = next(change for change in run.changes if change["entity"] == "role")
    assert removed["action"] == "removed" and ["Enhed", "Solsikken", ""] in removed["fields"]


def test_an_end_in_the_future_limits_the_role_to_the_employment(dumps):
    last_day = TODAY + timedelta(days=30)

    dumps.run(employee(*SOREN, user_id="SAEROE", leave=f"{last_day:%Y-%m-%d}"))

    role = RoleAssignment.objects.get(source=RoleSource.PAYROLL)
    assert (role.valid_from, role.valid_until) == (date(2020, 1, 1), last_day)


def test_an_opus_leave_removes_the_role(dumps):
    dumps.run(employee(*SOREN, user_id="SAEROE"))

    dumps.run('\n <employee id="5001" action="leave"/>')

    assert payroll_roles() == []


def test_a_moved_manager_s_role_moves_with_them(dumps):
    dumps.run(employee(*SOREN, user_id="SAEROE"))

    run = dumps.run(employee(*SOREN, unit="112", user_id="SAEROE"))

    assert payroll_roles() == [("SAEROE", "112")]
    assert (run.roles_added, run.roles_removed) == (1, 1)


def test_a_manager_who_is_no_longer_one_loses_the_role(dumps):
    dumps.run(employee(*SOREN, user_id="SAEROE"))

    dumps.run(employee(*SOREN, manager=False, user_id="SAEROE"))

    assert payroll_roles() == []


def test_the_preview_shows_the_role_changes_and_writes_none(dumps):
    run = dumps.run(employee(*SOREN, user_id="SAEROE"), dry_run=True)

    assert run.roles_added == 1
    assert [change["entity"] for change in run.changes].count("role") == 1
    assert payroll_roles() == [] and not User.objects.filter(username="SAEROE").exists()


def test_a_manager_without_a_user_name_gets_no_role_and_a_notice(dumps):
    run = dumps.run(employee(*SOREN))

    assert payroll_roles() == []
    assert any("1 leder fra lønsystemet har intet brugernavn" in notice["message"] for notice in run.notices)
    assert any("Søren Østergård (Solsikken)" in notice["message"] for notice in run.notices)


def test_an_import_that_does_not_mention_a_manager_keeps_their_role(dumps):
    dumps.run(employee(*SOREN, user_id="SAEROE"), employee(*ASE, manager=False))

    run = dumps.run(employee(*ASE, manager=False))

    assert payroll_roles() == [("SAEROE", "111")]
    assert run.roles_added == run.roles_removed == run.roles_updated == 0


def test_the_user_name_follows_payroll_but_is_never_blanked_by_a_file_without_one(dumps):
    dumps.run(employee(*ASE, manager=False, user_id="AMOE"))

    run = dumps.run(employee(*ASE, manager=False))
    renamed = dumps.run(employee(*ASE, manager=False, user_id="AAMO"))

    assert run.people_updated == 0
    assert Person.objects.get(cpr="1502854321").account_name == "AAMO"
    change = next(change for change in renamed.changes if change["entity"] == "person")
    assert ["Brugernavn i lønsystemet", "AMOE", "AAMO"] in change["fields"]
