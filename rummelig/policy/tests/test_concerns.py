"""Concerns: only the recipient and HR see one; the reporter sees its status; counts leave suppressed."""

from datetime import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rummelig.audit.models import AuditEntry
from rummelig.organisation.models import Unit
from rummelig.policy.concerns import concern_table, ended_quarters
from rummelig.policy.models import Concern

pytestmark = pytest.mark.django_db


def report(client, staff, recipient_role="amr", text="Jeg bliver holdt udenfor af en kollega."):
    client.force_login(staff.employee)
    page = client.get(reverse("policy:concern_report"))
    key = next(value for value, label in page.context["form"].fields["recipient"].choices if value.endswith(":" + recipient_role))
    response = client.post(reverse("policy:concern_report"), {
        "kind": "bullying", "about": "self", "description": text, "recipient": key,
    })
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return Concern.objects.latest("pk")


def test_the_employee_may_tell_the_leder_the_amr_or_the_tr_of_the_workplace(client, world, staff):
    client.force_login(staff.employee)
    labels = [label for _, label in client.get(reverse("policy:concern_report")).context["form"].fields["recipient"].choices]
    assert any("Lars Østergaard" in label for label in labels)  # leder of the centre above Solsikken
    assert any("Anne Mortensen" in label for label in labels)  # AMR
    assert any("Tove Riis" in label for label in labels)  # TR
    assert not any("Birgitte" in label for label in labels)  # another centre's leder


def test_a_concern_is_seen_by_its_recipient_and_hr_and_by_no_one_else(client, world, staff):
    concern = report(client, staff)
    assert concern.recipient == staff.amr
    url = reverse("policy:concern", args=[concern.pk])
    for user in (staff.amr, world.hr):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert "holdt udenfor" in response.content.decode()
    for user in (world.leder_a, world.leder_b, world.tr_a, world.med_a, world.auditor, staff.colleague, staff.employee, world.outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404, user.username
        listed = client.get(reverse("policy:concerns"))
        assert "holdt udenfor" not in listed.content.decode()
    # Every read is audited, without the text.
    views = AuditEntry.objects.filter(action=AuditEntry.Action.VIEW, object_type="concern", object_id=str(concern.pk))
    assert {e.username for e in views} == {"amr_a", "hr"}
    assert not AuditEntry.objects.filter(changes__icontains="holdt udenfor").exists()


def test_the_recipient_closes_it_and_the_reporter_is_told(client, world, staff):
    concern = report(client, staff)
    assert mail.outbox[-1].to == [staff.amr.email]
    client.force_login(staff.amr)
    response = client.post(reverse("policy:concern", args=[concern.pk]), {"action_taken": "Talt med kollegerne på personalemødet."})
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == Concern.Status.CLOSED and concern.closed_at
    assert mail.outbox[-1].to == [staff.employee.email]
    assert "personalemødet" not in mail.outbox[-1].body
    client.force_login(staff.employee)
    page = client.get(reverse("policy:my_page")).content.decode()
    assert "Lukket" in page
    assert "personalemødet" not in page  # the reporter sees the status, not the recipient's notes


def test_hr_cannot_close_a_concern_told_to_someone_else(client, world, staff):
    concern = report(client, staff)
    client.force_login(world.hr)
    assert client.post(reverse("policy:concern", args=[concern.pk]), {"action_taken": "x"}).status_code == 404


def test_a_concern_form_with_no_recipient_chosen_says_what_is_missing(client, world, staff):
    client.force_login(staff.employee)
    response = client.post(reverse("policy:concern_report"), {"kind": "bullying", "about": "self", "description": "x"})
    assert response.status_code == 200
    assert "Hvem vil du fortælle det til?" in response.content.decode()
    assert not Concern.objects.exists()


def _concern(world, staff, kind, day, workplace=None):
    return Concern.objects.create(
        reporter=staff.person, workplace=workplace or world.solsikken, kind=kind, description="-", recipient=staff.amr,
        recipient_role="amr", reported_at=timezone.make_aware(datetime(day.year, day.month, day.day, 12)),
    )


def test_counts_appear_suppressed_by_centre_kind_and_ended_quarter(client, world, staff):
    (year, quarter) = ended_quarters()[0]
    day = timezone.datetime(year, 3 * quarter - 1, 10).date()
    for _i in range(6):
        _concern(world, staff, "not_thriving", day)
    _concern(world, staff, "violence", day)
    _concern(world, staff, "bullying", day, workplace=world.aabjerg)
    table = concern_table(Unit.objects.all(), year, quarter)
    assert table.cell("Center for Børn og Unge", "Mistrivsel") in (6, "x")  # "x" when needed to protect the <5 beside it
    shown = [v for row in table.rows for v in row.values]
    assert not any(isinstance(v, int) and 1 <= v <= 4 for v in shown)
    assert table.cell("Center for Børn og Unge", "Vold") == "<5"
    assert table.cell("Center for Ældre og Sundhed", "Mobning") == "<5"
    client.force_login(world.med_a)
    page = client.get(reverse("policy:concern_counts"), {"kvartal": f"{year}-{quarter}"}).content.decode()
    assert "&lt;5" in page and "Center for Ældre og Sundhed" not in page  # the committee's own centre only
    assert "Mads" not in page


def test_the_current_quarter_is_never_shown(client, world, staff):
    client.force_login(world.med_a)
    today = timezone.localdate()
    current = f"{today.year}-{(today.month - 1) // 3 + 1}"
    assert client.get(reverse("policy:concern_counts"), {"kvartal": current}).status_code == 404


def test_an_amr_sees_counts_of_the_workplace_only(client, world, staff):
    client.force_login(staff.amr)
    table = client.get(reverse("policy:concern_counts")).context["table"]
    assert [row.label for row in table.rows] == ["Solsikken Børnehus", "I alt"]


def test_an_employee_without_a_current_employment_cannot_report(client, world, staff):
    staff.person.employments.update(end=timezone.localdate() - timezone.timedelta(days=1))
    client.force_login(staff.employee)
    assert client.get(reverse("policy:concern_report")).status_code == 302
