import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rummelig.audit import log, views
from rummelig.audit.models import AuditEntry
from rummelig.testing import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(world):
    return log.record(world.hr, AuditEntry.Action.VIEW, make_person("Åse", "Møller"))


def test_an_entry_cannot_be_changed(entry):
    entry.username = "en anden"
    with pytest.raises(PermissionError):
        entry.save()
    assert AuditEntry.objects.get(pk=entry.pk).username == "hr"


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(PermissionError):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_entries_cannot_be_changed_or_deleted_in_bulk_either(entry):
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(username="en anden")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).username == "hr"


def test_a_changed_cpr_number_is_logged_without_its_values(world):
    person = make_person("Bjørn", "Ærø", cpr="1502851235")
    with log.change(world.hr, person) as change:
        person.cpr = "1602851236"
        person.save()
    logged = change.entry
    assert logged.changes["cpr"] == ["***", "***"]
    assert "1502851235" not in str(logged.changes) and "1602851236" not in str(logged.changes)


def _views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.callback


def test_no_page_but_the_read_only_list_belongs_to_the_audit_log():
    audit_views = {view for view in _views(get_resolver().url_patterns) if getattr(view, "__module__", "").startswith("rummelig.audit")}
    assert audit_views == {views.audit_list}


def test_posting_to_the_log_page_is_not_allowed(login, world, entry):
    assert login(world.hr).post(reverse("audit:list"), {"username": "x"}).status_code == 405
    assert AuditEntry.objects.get(pk=entry.pk).username == "hr"


def test_the_api_has_no_operation_on_the_audit_log(login, world):
    schema = login(world.hr).get("/api/v1/openapi.json").json()
    assert not [path for path in schema["paths"] if "audit" in path or "revision" in path or "log" in path]
