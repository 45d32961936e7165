"""Only HR sees the import pages; for everyone else they do not exist (404)."""

import pytest
from django.urls import reverse

from rummelig.imports.models import ImportRun, SourceKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_run(world):
    return ImportRun.objects.create(source=SourceKind.OPUS, file_name="ZLPE20250101000000_delta.xml", user=world.hr)


def urls(run):
    return [
        ("get", reverse("imports:list")),
        ("get", reverse("imports:upload")),
        ("post", reverse("imports:upload")),
        ("get", reverse("imports:detail", args=[run.pk])),
        ("post", reverse("imports:run", args=[run.pk])),
        ("get", reverse("imports:progress", args=[run.pk])),
        ("get", reverse("imports:template")),
        ("get", reverse("imports:codes")),
        ("post", reverse("imports:codes")),
    ]


@pytest.mark.parametrize("persona", ["leder_a", "leder_b", "tr_a", "med_a", "auditor", "outsider"])
def test_every_import_page_is_404_for_everyone_but_hr(world, login, a_run, persona):
    client = login(getattr(world, persona))

    for method, url in urls(a_run):
        assert getattr(client, method)(url).status_code == 404, url


def test_anonymous_users_are_sent_to_the_login_page(client, a_run):
    for method, url in urls(a_run):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response["Location"].startswith("/log-ind/"), url


def test_hr_sees_the_list_with_past_imports_and_the_menu_item(world, login, a_run):
    response = login(world.hr).get(reverse("imports:list"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "ZLPE20250101000000_delta.xml" in content
    assert 'href="/import/"' in content and "aria-current" in content


def test_the_menu_has_no_import_item_for_a_leder(world, login):
    response = login(world.leder_a).get(reverse("start"))

    assert 'href="/import/"' not in response.content.decode()
