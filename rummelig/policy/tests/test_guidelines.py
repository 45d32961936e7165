"""Guidelines: a new version is a new row; approving makes it current; earlier versions stay readable."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rummelig.policy.guidelines import guidelines_due_for_review
from rummelig.policy.models import Guideline, GuidelineVersion
from rummelig.policy.seed_guidelines import load_seed_guidelines

pytestmark = pytest.mark.django_db


def approved(title="Retningslinje for håndtering af mobning", text="Første tekst", review_on=date(2027, 3, 1)):
    guideline = Guideline.objects.create(title=title)
    version = GuidelineVersion.objects.create(
        guideline=guideline, number=1, text=text, approved_by_body="Hovedudvalget", approved_on=date(2015, 3, 26),
        review_on=review_on, made_current_at="2015-03-26T12:00:00Z",
    )
    guideline.current_version = version
    guideline.save()
    return guideline, version


def test_an_earlier_version_remains_readable_after_a_new_one_is_approved(client, world, staff):
    guideline, first = approved()
    client.force_login(world.hr)
    response = client.post(reverse("policy:version_create", args=[guideline.pk]), {
        "v-text": "Anden tekst", "v-approved_by_body": "Hovedudvalget", "v-review_on": "2028-01-01", "v-origin": "",
    })
    assert response.status_code == 302
    second = guideline.versions.get(number=2)
    client.force_login(staff.employee)
    assert "Første tekst" in client.get(reverse("policy:guideline", args=[guideline.pk])).content.decode()  # the draft is not current
    assert client.get(reverse("policy:guideline_version", args=[guideline.pk, second.pk])).status_code == 404  # nor readable
    client.force_login(world.hr)
    client.post(reverse("policy:version_approve", args=[guideline.pk, second.pk]), {"approved_by_body": "Hovedudvalget", "approved_on": "2026-01-15"})
    guideline.refresh_from_db()
    assert guideline.current_version == second
    client.force_login(staff.employee)
    assert "Anden tekst" in client.get(reverse("policy:guideline", args=[guideline.pk])).content.decode()
    old = client.get(reverse("policy:guideline_version", args=[guideline.pk, first.pk])).content.decode()
    assert "Første tekst" in old and "tidligere version" in old
    assert GuidelineVersion.objects.filter(guideline=guideline).count() == 2


def test_only_hr_edits_guidelines(client, world, staff):
    guideline, _ = approved()
    for user in (world.leder_a, staff.employee, world.med_a):
        client.force_login(user)
        assert client.get(reverse("policy:version_create", args=[guideline.pk])).status_code == 404
        assert client.get(reverse("policy:guideline_create")).status_code == 404


def test_every_role_and_every_linked_employee_reads_the_guidelines(client, world, staff):
    guideline, _ = approved()
    for user in (world.hr, world.leder_a, world.tr_a, world.med_a, world.auditor, staff.employee, staff.amr):
        client.force_login(user)
        assert client.get(reverse("policy:guideline", args=[guideline.pk])).status_code == 200, user.username
    client.force_login(world.outsider)
    assert client.get(reverse("policy:guideline", args=[guideline.pk])).status_code == 404


def test_hr_creates_a_guideline_with_a_pdf_everyone_may_open_once_approved(client, world, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(world.hr)
    pdf = SimpleUploadedFile("mobning.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(reverse("policy:guideline_create"), {
        "g-title": "Retningslinje for håndtering af vold", "g-kind": "guideline", "v-text": "", "v-pdf": pdf,
        "v-approved_by_body": "", "v-review_on": "", "v-origin": "",
    })
    assert response.status_code == 302
    version = GuidelineVersion.objects.get(guideline__title="Retningslinje for håndtering af vold")
    assert version.pdf and not version.is_approved
    assert "mobning" not in version.pdf.name  # stored under a random name
    pdf_url = reverse("policy:guideline_pdf", args=[version.guideline_id, version.pk])
    assert client.get(pdf_url).status_code == 200
    client.force_login(staff.employee)
    assert client.get(pdf_url).status_code == 404  # a draft
    client.force_login(world.hr)
    client.post(reverse("policy:version_approve", args=[version.guideline_id, version.pk]), {"approved_by_body": "Hovedudvalget", "approved_on": "2026-01-02"})
    client.force_login(staff.employee)
    response = client.get(pdf_url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    client.force_login(world.hr)
    not_pdf = SimpleUploadedFile("x.pdf", b"hello", content_type="application/pdf")
    response = client.post(reverse("policy:guideline_create"), {"g-title": "X", "g-kind": "guideline", "v-pdf": not_pdf})
    assert response.status_code == 200 and "ikke en PDF" in response.content.decode()


def test_reviews_due_in_a_year_for_the_annual_wheel(world):
    approved("A", review_on=date(2027, 5, 1))
    approved("B", review_on=date(2026, 2, 1))
    approved("C", review_on=date(2028, 1, 1))
    due = guidelines_due_for_review(2027)
    assert [(d.title, d.overdue) for d in due] == [("B", True), ("A", False)]
    assert [d.title for d in guidelines_due_for_review(2027, include_overdue=False)] == ["A"]


def test_the_seed_texts_load_once_with_their_origin(world):
    assert load_seed_guidelines(today=date(2026, 6, 1)) == 4
    assert load_seed_guidelines(today=date(2026, 6, 1)) == 0
    social = Guideline.objects.get(title__startswith="Retningslinje for medarbejdere ansat på særlige vilkår")
    assert social.current_version.approved_on == date(2015, 3, 26)
    assert "Allerød" in social.current_version.origin
    assert "KOMPUS" in Guideline.objects.get(title="Personale- og arbejdsmiljøpolitik").current_version.text
