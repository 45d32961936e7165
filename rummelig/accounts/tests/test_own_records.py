"""Employees linked to their own records: at login by the configured key or by HR by hand, and the page "Mine oplysninger"."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from rummelig.accounts.models import Role, RoleAssignment, RoleSource
from rummelig.audit.models import AuditEntry
from rummelig.testing import PASSWORD, make_employment, make_person, make_placement, make_user

User = get_user_model()


@pytest.fixture
def employee(world):
    return make_user("mfrost", "Mads", "Frost", Role.EMPLOYEE, world.solsikken)


def log_in(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.django_db
class TestLinkAtLogin:
    def test_linked_by_the_payroll_user_name_ignoring_case(self, world, employee):
        person = make_person("Mads", "Frost", account_name="MFROST")
        log_in(employee)
        person.refresh_from_db()
        assert person.user == employee
        entry = AuditEntry.objects.get(object_type="person", object_id=str(person.pk))
        assert entry.changes["user"] == [None, "mfrost"]

    def test_linked_by_email_when_configured(self, world, employee, settings):
        settings.RUMMELIG_EMPLOYEE_LINK = "email"
        person = make_person("Mads", "Frost", email="MFROST@kommune.invalid", account_name="nogen-andre")
        log_in(employee)
        person.refresh_from_db()
        assert person.user == employee

    def test_not_linked_when_two_people_match_or_the_person_has_a_login(self, world, employee):
        first = make_person("Mads", "Frost", account_name="mfrost")
        second = make_person("Mads", "Frost", account_name="mfrost")
        log_in(employee)
        first.refresh_from_db()
        second.refresh_from_db()
        assert first.user is None and second.user is None
        second.delete()
        first.user = world.outsider
        first.save()
        log_in(employee)
        first.refresh_from_db()
        assert first.user == world.outsider

    def test_not_linked_when_switched_off(self, world, employee, settings):
        settings.RUMMELIG_EMPLOYEE_LINK = "none"
        person = make_person("Mads", "Frost", account_name="mfrost")
        log_in(employee)
        person.refresh_from_db()
        assert person.user is None


@pytest.mark.django_db
class TestOwnRecords:
    def test_the_employee_sees_own_employments_and_placements_without_internal_or_health_fields(self, world, employee):
        person = make_person("Mads", "Frost", user=employee)
        make_employment(person, world.solsikken, job_title="Pædagogmedhjælper")
        make_placement(world.solsikken, "fleksjob", person=person, start=date(2026, 2, 1), purpose="Faste opgaver i køkkenet",
                       target_group="", special_considerations="Tåler ikke tunge løft",
                       rule_override_reason="HR's interne begrundelse", jobcenter_contact="Sagsbehandler Hansen")
        other = make_person("Anna", "Andersen")
        make_employment(other, world.solsikken, job_title="Leder af køkkenet")
        html = log_in(employee).get(reverse("own_records")).content.decode()
        assert "Pædagogmedhjælper" in html and "Faste opgaver i køkkenet" in html and "Solsikken Børnehus" in html
        assert "Tåler ikke tunge løft" not in html
        assert "HR&#x27;s interne begrundelse" not in html and "interne begrundelse" not in html
        assert "Sagsbehandler Hansen" not in html
        assert "Anna" not in html and "Leder af køkkenet" not in html
        assert AuditEntry.objects.filter(object_type="person", object_id=str(person.pk), action="view").exists()

    def test_nothing_about_anyone_else(self, world, employee):
        person = make_person("Mads", "Frost", user=employee)
        own = make_placement(world.solsikken, person=person)
        other = make_placement(world.solsikken)
        client = log_in(employee)
        for url in [reverse("people:detail", args=[other.person_id]), reverse("placements:detail", args=[other.pk]),
                    reverse("people:detail", args=[person.pk]), reverse("placements:detail", args=[own.pk]),
                    reverse("people:list"), reverse("placements:list"), reverse("alerts:list"),
                    reverse("reports:dashboard"), reverse("accounts:list"), reverse("organisation:list")]:
            assert client.get(url).status_code == 404, url

    def test_an_unlinked_employee_is_told_to_ask_hr(self, world, employee):
        response = Client()
        response.force_login(employee)
        html = response.get(reverse("own_records")).content.decode()
        assert 'data-testid="not-linked"' in html

    def test_linking_gives_the_medarbejder_role_once_and_unlinking_keeps_it(self, world, login):
        person = make_person("Otto", "Udenfor", account_name="outsider")
        assert not RoleAssignment.objects.filter(user=world.outsider).exists()
        log_in(world.outsider)
        assignment = RoleAssignment.objects.get(user=world.outsider)
        assert (assignment.role, assignment.unit, assignment.source, assignment.granted_by) == (Role.EMPLOYEE, None, RoleSource.MANUAL, None)
        client = Client()
        client.force_login(world.outsider)
        assert "Mine oplysninger" in client.get("/").content.decode()
        assert "Udenfor" in client.get(reverse("own_records")).content.decode()
        login(world.hr).post(reverse("accounts:person_unlink", args=[person.pk]))
        assert RoleAssignment.objects.filter(user=world.outsider, role=Role.EMPLOYEE).count() == 1
        assert 'data-testid="not-linked"' in client.get(reverse("own_records")).content.decode()

    def test_hr_linking_by_hand_gives_the_role_granted_by_hr(self, world, login):
        person = make_person("Otto", "Udenfor")
        login(world.hr).post(reverse("accounts:person_link", args=[person.pk]), {"username": "outsider"})
        assert RoleAssignment.objects.get(user=world.outsider).granted_by == world.hr

    def test_no_page_for_a_user_neither_linked_nor_employee(self, world, login):
        assert login(world.leder_a).get(reverse("own_records")).status_code == 404


@pytest.mark.django_db
class TestLinkByHand:
    def test_hr_links_and_unlinks_on_the_person_page_audited(self, world, login, employee):
        person = make_person("Mads", "Frost")
        client = login(world.hr)
        assert "Knyt til loginet med brugernavnet" in client.get(reverse("people:detail", args=[person.pk])).content.decode()
        client.post(reverse("accounts:person_link", args=[person.pk]), {"username": "MFrost"})
        person.refresh_from_db()
        assert person.user == employee
        client.post(reverse("accounts:person_unlink", args=[person.pk]))
        person.refresh_from_db()
        assert person.user is None
        changes = [e.changes["user"] for e in AuditEntry.objects.filter(object_type="person", object_id=str(person.pk), action="update").order_by("at")]
        assert changes == [[None, "mfrost"], ["mfrost", None]]

    def test_a_login_linked_elsewhere_or_unknown_is_refused_in_danish(self, world, login, employee):
        make_person("Mads", "Frost", user=employee)
        person = make_person("Anden", "Person")
        client = login(world.hr)
        response = client.post(reverse("accounts:person_link", args=[person.pk]), {"username": "mfrost"}, follow=True)
        assert "allerede knyttet til en anden person" in response.content.decode()
        response = client.post(reverse("accounts:person_link", args=[person.pk]), {"username": "ukendt"}, follow=True)
        assert "Ingen bruger har brugernavnet ukendt" in response.content.decode()
        person.refresh_from_db()
        assert person.user is None

    @pytest.mark.parametrize("persona", ["leder_a", "auditor", "tr_a"])
    def test_only_hr_links(self, world, login, employee, persona):
        person = make_person("Mads", "Frost")
        make_placement(world.solsikken, person=person)
        client = login(getattr(world, persona))
        assert client.post(reverse("accounts:person_link", args=[person.pk]), {"username": "mfrost"}).status_code == 404
        person.refresh_from_db()
        assert person.user is None
