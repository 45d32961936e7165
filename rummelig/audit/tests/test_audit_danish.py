"""The audit log and a target's history speak Danish: labels and values as the pages show them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from rummelig.audit.models import AuditEntry
from rummelig.reports.models import Target
from rummelig.testing import make_person, make_placement

pytestmark = pytest.mark.django_db


def test_a_changed_placement_shows_field_labels_and_values_as_the_page_does(world, login):
    placement = make_placement(world.solsikken, "fleksjob", person=make_person("Åse", "Ærø"),
                               start=timezone.localdate() - timedelta(days=10), hours_per_week=Decimal("37"))
    client = login(world.hr)
    data = {name: "" for name in ("planned_end", "actual_end", "outcome", "purpose")}
    response = client.get(reverse("placements:edit", args=[placement.pk]))
    form = response.context["form"]
    post = {name: (value if value is not None else "") for name, value in
            ((name, form[name].value()) for name in form.fields)}
    post.update(data, person_mode="existing", person=placement.person_id, hours_per_week="30",
                target_group="ledighedsydelse", start=placement.start.isoformat())
    assert client.post(reverse("placements:edit", args=[placement.pk]), post).status_code == 302
    html = login(world.auditor).get(reverse("audit:list")).content.decode()
    assert "<strong>Timer pr. uge</strong>: 37 → 30" in html
    assert "Ledighedsydelse (visiteret til fleksjob)" in html
    assert "hours_per_week" not in html and "37.00" not in html and "ledighedsydelse</" not in html


def test_an_annual_report_export_is_named_in_danish(world, login):
    login(world.hr).get(reverse("reports:annual_export", args=["json"]), {"year": timezone.localdate().year})
    html = login(world.auditor).get(reverse("audit:list")).content.decode()
    assert "Årsrapport" in html
    assert "Annual_report" not in html and "format=" not in html and "reference=" not in html


def test_a_placement_export_says_rows_in_danish(world, login):
    make_placement(world.solsikken, "fleksjob")
    login(world.hr).get(reverse("placements:export"))
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.detail == "Filter: ingen; 1 række"


def test_the_target_history_shows_labels_and_choice_labels(world, login):
    client = login(world.hr)
    response = client.post(reverse("reports:target_create"), {
        "year": 2026, "kind": Target.Kind.TARGET, "unit": world.kommune.pk, "measure": Target.Measure.HEADCOUNT, "value": "30",
        "note": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get(reverse("reports:targets"), {"year": 2026}).content.decode()
    assert "Måltal (antal ansatte)" in html
    assert "<strong>kind</strong>" not in html and "→ maaltal" not in html


def test_the_targets_table_names_its_kind_column_for_targets_not_units(world, login):
    html = login(world.hr).get(reverse("reports:targets")).content.decode()
    assert "Måltalstype" in html and "Enhedstype" not in html
