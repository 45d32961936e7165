"""log.change: one audited change, its before read from the database; reads of the people list are audited."""

import pytest
from django.urls import reverse

from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.people.models import Person
from rummelig.testing import make_person

pytestmark = pytest.mark.django_db


def test_the_before_is_read_from_the_database_not_from_the_changed_instance(world):
    person = make_person("Åse", "Møller")
    person.first_name = "Åse Marie"  # changed before the block, as a form does while it validates
    with log.change(world.hr, person) as change:
        person.save()
    assert change.entry.action == AuditEntry.Action.UPDATE
    assert change.entry.changes == {"first_name": ["Åse", "Åse Marie"]}


def test_nothing_is_written_when_nothing_changed(world):
    person = make_person("Bo", "Ærø")
    count = AuditEntry.objects.count()
    with log.change(world.hr, person) as change:
        person.save()
    assert change.entry is None and AuditEntry.objects.count() == count


def test_a_new_record_is_a_create_and_a_deleted_one_a_delete(world):
    person = Person(first_name="Ida", last_name="Holm")
    with log.change(world.hr, person) as created:
        person.save()
    assert created.entry.action == AuditEntry.Action.CREATE and created.entry.changes["first_name"] == [None, "Ida"]
    pk = person.pk
    with log.change(world.hr, person) as deleted:
        person.delete()
    assert deleted.entry.action == AuditEntry.Action.DELETE and deleted.entry.object_id == str(pk)


def test_reading_the_people_list_is_audited_with_filter_and_count_and_the_cpr_masked(login, world):
    make_person("Åse", "Møller", cpr="0101901234")
    login(world.hr).post(reverse("people:list"), {"q": "0101901234"}, follow=True)
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, object_type="person").latest("pk")
    assert "1 af 1 rækker" in entry.detail
    assert "0101901234" not in entry.detail and "010190-1234" not in entry.detail
