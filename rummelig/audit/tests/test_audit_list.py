from datetime import datetime
from datetime import timezone as dt_timezone

import pytest
from django.db.models import QuerySet
from django.urls import reverse

from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.testing import make_person

pytestmark = pytest.mark.django_db

URL = reverse("audit:list")


@pytest.fixture
def entries(world):
    person = make_person("Åse", "Møller", cpr="0101901234")
    with log.change(world.hr, person) as logged:
        person.first_name, person.cpr = "Åse Marie", "0202914321"
        person.save()
    update = logged.entry
    view = log.record(world.leder_a, AuditEntry.Action.VIEW, person)
    export = log.record(world.auditor, AuditEntry.Action.EXPORT, object_type="placement", detail="Eksport af 12 ansættelser")
    create = log.record(world.hr, AuditEntry.Action.CREATE, world.solsikken, changes=log.diff({}, log.snapshot(world.solsikken)))
    # Backdate two entries for the date filters; only a test may go around the log's guard.
    QuerySet.update(AuditEntry.objects.filter(pk=export.pk), at=datetime(2026, 3, 2, 9, 30, tzinfo=dt_timezone.utc))
    QuerySet.update(AuditEntry.objects.filter(pk=create.pk), at=datetime(2026, 6, 1, 10, 0, tzinfo=dt_timezone.utc))
    return {"person": person, "update": update, "view": view, "export": export, "create": create}


def shown(response):
    return [entry.pk for entry in response.context["page"].object_list]


@pytest.mark.parametrize("persona", ["hr", "auditor"])
def test_hr_and_auditors_read_the_log(login, world, entries, persona):
    response = login(getattr(world, persona)).get(URL)
    assert response.status_code == 200
    assert set(shown(response)) == {entries[name].pk for name in ("update", "view", "export", "create")}


@pytest.mark.parametrize("persona", ["leder_a", "tr_a", "med_a", "outsider"])
def test_nobody_else_finds_the_log(login, world, entries, persona):
    assert login(getattr(world, persona)).get(URL).status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_log_page_changes_nothing(login, world, entries, method):
    response = getattr(login(world.hr), method)(URL)
    assert response.status_code == 405
    assert AuditEntry.objects.count() == 4


def test_it_shows_changed_fields_before_and_after_with_cpr_hidden(login, world, entries):
    html = login(world.hr).get(URL, {"action": "update"}).content.decode()
    assert "Fornavn</strong>: Åse → Åse Marie" in html
    assert "CPR-nummer</strong>: *** → ***" in html
    assert "0101901234" not in html and "0202914321" not in html


def test_it_shows_the_time_in_danish_local_time(login, world, entries):
    html = login(world.auditor).get(URL, {"object_type": "unit"}).content.decode()
    assert "01.06.2026 12:00:00" in html  # 10:00 UTC is 12:00 in Copenhagen in summer


def test_it_links_to_the_record(login, world, entries):
    html = login(world.hr).get(URL, {"action": "view"}).content.decode()
    assert reverse("people:detail", args=[entries["person"].pk]) in html
    assert "Vist" in html


def test_filter_by_user(login, world, entries):
    assert shown(login(world.hr).get(URL, {"user": "leder_a"})) == [entries["view"].pk]


def test_filter_by_action(login, world, entries):
    assert shown(login(world.hr).get(URL, {"action": "export"})) == [entries["export"].pk]


def test_the_action_and_type_lists_offer_one_alle_and_capitalised_types(login, world, entries):
    form = login(world.auditor).get(URL).context["form"]
    for name in ("action", "object_type"):
        labels = [label for _value, label in form.fields[name].choices]
        assert labels[0] == "Alle" and "---------" not in labels and labels.count("Alle") == 1
    assert "Ansættelse" in [label for _value, label in form.fields["object_type"].choices]


def test_filter_by_object_type_and_id(login, world, entries):
    client = login(world.hr)
    person_id = str(entries["person"].pk)
    assert set(shown(client.get(URL, {"object_type": "person", "object_id": person_id}))) == {entries["update"].pk, entries["view"].pk}
    assert shown(client.get(URL, {"object_type": "unit"})) == [entries["create"].pk]


def test_filter_by_period(login, world, entries):
    client = login(world.hr)
    assert shown(client.get(URL, {"date_from": "2026-03-02", "date_to": "2026-03-02"})) == [entries["export"].pk]
    assert shown(client.get(URL, {"date_from": "2026-03-03", "date_to": "2026-06-01"})) == [entries["create"].pk]


def test_a_period_that_ends_before_it_begins_is_refused_in_danish(login, world, entries):
    response = login(world.hr).get(URL, {"date_from": "2026-06-01", "date_to": "2026-03-01"})
    assert "»Til dato« ligger før »fra dato«." in response.content.decode()
    assert shown(response) == []


def test_free_text_searches_record_user_and_detail(login, world, entries):
    client = login(world.hr)
    assert shown(client.get(URL, {"q": "12 ansættelser"})) == [entries["export"].pk]
    assert shown(client.get(URL, {"q": "Solsikken"})) == [entries["create"].pk]


def test_the_log_is_paginated_newest_first(login, world):
    person = make_person("Kaj", "Østergaard")
    for _ in range(55):
        log.record(world.hr, AuditEntry.Action.VIEW, person)
    client = login(world.hr)
    first = client.get(URL)
    assert len(shown(first)) == 50
    assert shown(first)[0] == AuditEntry.objects.order_by("-pk").first().pk
    second = client.get(URL, {"side": 2})
    assert len(shown(second)) == 5
    assert "Side 2 af 2" in second.content.decode()
