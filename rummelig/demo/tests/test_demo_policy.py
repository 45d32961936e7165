"""The demo's personnel policy: Mads Frost is linked to his record at Solsikken and can tell Solsikken's AMR."""

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from rummelig.accounts.access import access_for
from rummelig.organisation.models import Unit
from rummelig.policy.concerns import concern_table, recipients_for, workplaces_of
from rummelig.policy.models import CompetenceDialogue, Concern, Guideline, HealthSignup

TODAY = date(2026, 3, 2)


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--employees", "300", "--today", TODAY.isoformat(), stdout=StringIO())


def test_the_demo_employee_is_linked_to_his_record_at_solsikken_and_may_tell_its_amr(demo):
    users = get_user_model().objects
    mads = users.get(username="medarbejder")
    access = access_for(mads)
    person = access.own_person()
    assert person.full_name == "Mads Frost" and access.is_employee
    [workplace] = workplaces_of(person, TODAY)
    assert workplace.name == "Solsikken Børnehus"
    recipients = {(r.user.username, r.role) for r in recipients_for(workplace, day=TODAY)}
    assert {("amr-solsikken", "amr"), ("tr-solsikken", "tr"), ("leder-boern", "leder")} <= recipients


def test_the_demo_has_guidelines_dialogues_concerns_and_sign_ups(demo):
    assert Guideline.objects.filter(current_version__isnull=False).count() == 4
    assert CompetenceDialogue.objects.filter(year=TODAY.year).exists()
    assert Concern.objects.filter(recipient__username="amr-solsikken", status="open").exists()
    assert HealthSignup.objects.exists()
    table = concern_table(Unit.objects.all(), 2025, 4)
    assert table.rows[-1].values[-1] == Concern.objects.filter(reported_at__year=2025, reported_at__month__gte=10).count()
