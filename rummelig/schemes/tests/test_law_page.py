"""The law page: every scheme version with its validity, source and last check, and the changes ahead."""

from datetime import date
from unittest import mock

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 6)


@pytest.fixture
def today():
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        yield TODAY


def test_hr_sees_each_version_with_validity_source_and_last_check(world, login, today):
    page = login(world.hr).get(reverse("schemes:law")).content.decode()
    assert "Revalidering" in page and "31. januar 2026" in page
    assert "Sidst kontrolleret mod loven" in page and "6. december 2026" in page
    assert "4 måneder hos offentlige arbejdsgivere" in page  # the § 68 sentence beside the duration
    assert "Ikke bekræftet i loven" in page  # § 68 nr. 2-3 and the jobrotation day are marked


def test_the_changes_ahead_list_the_new_lab_as_expected(world, login, today):
    response = login(world.hr).get(reverse("schemes:law"))
    ahead = [e for e in response.context["ahead"] if e["kind"] == "change"]
    assert [e["change"].title for e in ahead][0] == "Ny lov om en aktiv beskæftigelsesindsats (ny hovedlov)"
    assert "Forventet, endnu ikke lov" in response.content.decode()
    # IGU closes for new starts after 31 December 2027: a version end ahead is listed too.
    assert any(e["kind"] == "closes" and e["scheme"].code == "igu" and e["day"] == date(2028, 1, 1) for e in response.context["ahead"])
    # Revalidering closed on 1 February 2026, before today: not "ahead" any more, but under changes in force.
    assert not any(e["kind"] == "closes" and e["scheme"].code == "revalidering" for e in response.context["ahead"])
    assert "Ændringer, der allerede gælder" in response.content.decode()


@pytest.mark.parametrize("persona", ["hr", "auditor", "leder_a", "tr_a", "med_a"])
def test_every_role_reads_the_law_and_finds_it_in_the_menu(world, login, persona):
    client = login(getattr(world, persona))
    response = client.get(reverse("schemes:law"))
    assert response.status_code == 200
    assert "Lovgrundlag" in {item["label"] for item in response.context["nav_items"]}


def test_a_user_without_a_role_gets_404_and_an_anonymous_user_is_sent_to_log_in(world, login, client):
    assert login(world.outsider).get(reverse("schemes:law")).status_code == 404
    client.logout()
    response = client.get(reverse("schemes:law"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_page_cannot_be_posted_to(world, login):
    assert login(world.hr).post(reverse("schemes:law")).status_code == 405
