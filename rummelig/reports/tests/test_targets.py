"""HR's targets: create, change and delete them, each audited, with Danish messages; others may not."""

from decimal import Decimal

import pytest
from django.urls import reverse

from rummelig.audit.models import AuditEntry
from rummelig.reports.models import Target
from rummelig.schemes.models import Scheme


def scheme_ids(*codes):
    return [str(pk) for pk in Scheme.objects.filter(code__in=codes).values_list("pk", flat=True)]


def form_data(world, **changes):
    data = {
        "year": 2026, "kind": Target.Kind.TARGET, "unit": world.centre_a.pk, "schemes": scheme_ids("fleksjob", "skaanejob"),
        "measure": Target.Measure.HEADCOUNT, "value": "12", "note": "Byrådets beslutning 14. marts",
    }
    data.update(changes)
    return data


def test_hr_creates_a_target_for_a_group_of_schemes_and_it_is_audited(world, login):
    response = login(world.hr).post(reverse("reports:target_create"), form_data(world), follow=True)
    assert "Måltallet er gemt." in response.content.decode()
    target = Target.objects.get()
    assert (target.year, target.unit, target.value) == (2026, world.centre_a, Decimal("12"))
    assert target.scheme_codes() == {"fleksjob", "skaanejob"}
    assert target.created_by == world.hr
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE, object_type="target")
    assert entry.changes["schemes"] == [None, "Fleksjob, Skånejob"]
    assert entry.changes["unit"] == [None, "Center for Børn og Unge"]


def test_a_change_is_audited_with_before_and_after_and_shown_in_the_history(world, login):
    client = login(world.hr)
    client.post(reverse("reports:target_create"), form_data(world))
    target = Target.objects.get()
    client.post(reverse("reports:target_edit", args=[target.pk]), form_data(world, value="15", schemes=scheme_ids("fleksjob")))
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, object_type="target")
    assert entry.changes == {"value": ["12.00", "15.00"], "schemes": ["Fleksjob, Skånejob", "Fleksjob"]}
    history = client.get(reverse("reports:target_history", args=[target.pk])).content.decode()
    assert "Fleksjob, Skånejob → Fleksjob" in history
    assert "12 → 15" in history and "12.00" not in history


def test_deleting_a_target_is_audited(world, login):
    client = login(world.hr)
    client.post(reverse("reports:target_create"), form_data(world))
    target = Target.objects.get()
    response = client.post(reverse("reports:target_delete", args=[target.pk]), follow=True)
    assert "Måltallet er slettet." in response.content.decode()
    assert not Target.objects.exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE, object_type="target", object_id=str(target.pk)).exists()


def test_the_list_shows_targets_of_the_year_with_their_latest_changes(world, login):
    client = login(world.hr)
    client.post(reverse("reports:target_create"), form_data(world))
    client.post(reverse("reports:target_create"), form_data(world, year=2025, value="9"))
    page = client.get(reverse("reports:targets"), {"year": 2026}).content.decode()
    assert "Måltal for 2026" in page
    assert "Fleksjob, Skånejob" in page
    assert "Seneste ændringer" in page and "Oprettet" in page


def test_the_same_target_twice_is_refused_in_danish(world, login):
    client = login(world.hr)
    client.post(reverse("reports:target_create"), form_data(world))
    page = client.post(reverse("reports:target_create"), form_data(world, value="20")).content.decode()
    assert "Der findes allerede et måltal for det år" in page
    assert Target.objects.count() == 1


def test_a_headcount_must_be_a_whole_number(world, login):
    page = login(world.hr).post(reverse("reports:target_create"), form_data(world, value="2.5")).content.decode()
    assert "Et antal personer skal være et helt tal." in page


def test_the_dimensioned_number_is_for_elever_only(world, login):
    data = form_data(world, kind=Target.Kind.DIMENSIONING, schemes=scheme_ids("fleksjob"))
    page = login(world.hr).post(reverse("reports:target_create"), data).content.decode()
    assert "Det dimensionerede antal gælder kun elever" in page
    login(world.hr).post(reverse("reports:target_create"), form_data(world, kind=Target.Kind.DIMENSIONING, schemes=[]))
    assert Target.objects.get().scheme_codes() == {"elev"}


def test_a_workplace_cannot_have_a_target(world, login):
    page = login(world.hr).post(reverse("reports:target_create"), form_data(world, unit=world.solsikken.pk)).content.decode()
    assert "Marker en gyldig valgmulighed" in page
    assert not Target.objects.exists()


def test_an_auditor_reads_targets_but_cannot_change_them(world, login):
    target = Target.objects.create(year=2026, unit=world.kommune, value=30)
    client = login(world.auditor)
    assert client.get(reverse("reports:targets")).status_code == 200
    assert client.get(reverse("reports:target_history", args=[target.pk])).status_code == 200
    assert client.get(reverse("reports:target_edit", args=[target.pk])).status_code == 404
    assert client.post(reverse("reports:target_create"), form_data(world)).status_code == 404


@pytest.mark.parametrize("persona", ["leder_a", "med_a", "tr_a", "outsider"])
def test_others_get_404_on_the_target_pages(world, login, persona):
    target = Target.objects.create(year=2026, unit=world.kommune, value=30)
    client = login(getattr(world, persona))
    for url in (reverse("reports:targets"), reverse("reports:target_create"), reverse("reports:target_edit", args=[target.pk]),
                reverse("reports:target_history", args=[target.pk]), reverse("reports:target_delete", args=[target.pk])):
        assert client.get(url).status_code == 404, url
