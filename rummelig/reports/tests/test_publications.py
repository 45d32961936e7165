"""Publications: HR publishes a date once; MED members read only that, on every page; HR stays live."""

import json
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from rummelig.audit.models import AuditEntry
from rummelig.reports.models import Publication
from rummelig.reports.publications import PublishError, publish
from rummelig.testing import make_person, make_placement

URL = reverse("reports:publications")
EXPORT = reverse("reports:annual_export", args=["json"])


def cells(document, key):
    table = next(t for s in document["sections"] for t in s["tables"] if t["key"] == key)
    return {r["label"]: [(c["value"], c.get("previous")) for c in r["cells"]] for r in table["rows"]}


def test_a_med_member_asking_for_another_date_is_refused_and_never_gets_live_figures(municipality, login):
    publish(date(2025, 12, 31), municipality.world.hr)
    client = login(municipality.world.med_a)
    for day in ("2025-12-30", "2025-03-31", "2024-12-31"):
        response = client.get(EXPORT, {"year": day[:4], "reference": day})
        assert response.status_code == 400
        assert "Der er ikke offentliggjort tal for" in response.content.decode()
    page = client.get(reverse("reports:annual"), {"reference": "2025-12-30"})
    assert page.status_code == 400 and "Vælg en af de offentliggjorte datoer" in page.content.decode()
    assert client.get(EXPORT, {"reference": "ikke-en-dato"}).status_code == 400
    published = client.get(EXPORT, {"reference": "2025-12-31"}).json()
    assert published["reference_date"] == "2025-12-31"
    assert client.get(EXPORT, {"year": "2025"}).json()["sections"] == published["sections"]


def test_a_med_member_sees_the_figures_as_published_even_when_the_register_changes_after(municipality, login):
    world = municipality.world
    publish(date(2025, 12, 31), world.hr)
    before = login(world.med_a).get(EXPORT).json()
    for i in range(7):
        make_placement(world.solsikken, "seniorjob", make_person("Ny", f"Efter{i}"), start=date(2025, 6, 1))
    after = login(world.med_a).get(EXPORT).json()
    assert after["sections"] == before["sections"]
    live = login(world.hr).get(EXPORT, {"year": 2025}).json()  # HR's live report counts them
    assert cells(live, "headcount")["Seniorjob"] != cells(before, "headcount").get("Seniorjob")


def test_the_start_page_the_dashboard_the_unit_list_and_the_report_show_the_same_figures(world, login):
    today = timezone.localdate()
    for i in range(6):
        make_placement(world.solsikken, "fleksjob", make_person("Åse", f"Fleks{i}"), start=date(2024, 1, 1))
    make_placement(world.skovbrynet, "mentor", make_person("Bo", "Mentor"), start=date(2024, 1, 1))
    publish(today, world.hr)
    client = login(world.med_a)
    report = client.get(EXPORT).json()
    headcount = cells(report, "headcount")
    start = client.get(reverse("start")).context
    assert {r["scheme__name"]: r["count"] for r in start["per_scheme"]} == {
        label: values[-1][0] for label, values in headcount.items() if label != "I alt" and values[-1][0] != 0}
    assert start["active_count"] == headcount["I alt"][-1][0]
    dashboard = client.get(reverse("reports:dashboard")).context
    table = next(t for s in dashboard["sections"] for t in s.tables if t.key == "headcount")
    assert {r.label: r.values[-1] for r in table.rows} == {label: values[-1][0] for label, values in headcount.items()}
    units = {row["unit"].name: row["figures"] for row in client.get(reverse("organisation:list")).context["rows"]}
    assert units["Center for Børn og Unge"].placements == headcount["I alt"][-1][0]
    assert units["Center for Børn og Unge"].staff == cells(report, "balance")["I alt"][1][0]


def test_hr_keeps_live_exact_figures_after_publishing(world, login):
    today = timezone.localdate()
    make_placement(world.solsikken, "mentor", make_person("Bo", "Mentor"), start=date(2024, 1, 1))
    publish(today, world.hr)
    make_placement(world.solsikken, "mentor", make_person("Bo", "Mentor2"), start=date(2024, 1, 1))
    client = login(world.hr)
    start = client.get(reverse("start")).context
    assert {r["scheme__name"]: r["count"] for r in start["per_scheme"]} == {"Mentorordning": 2}
    dashboard = client.get(reverse("reports:dashboard"))
    assert dashboard.context["exact"] is True and "Du ser præcise tal" in dashboard.content.decode()
    assert client.get(EXPORT, {"year": today.year, "reference": today.replace(day=1).isoformat()}).status_code == 200
    units = {row["unit"].name: row["figures"] for row in client.get(reverse("organisation:list")).context["rows"]}
    assert units["Solsikken Børnehus"].placements == 2


def test_next_years_previous_column_is_this_years_publication_exactly(municipality, login):
    world = municipality.world
    first = publish(date(2024, 12, 31), world.hr)
    # A correction to 2024 after publishing: the 2025 report's "2024" column must not show it.
    make_placement(world.aabjerg, "seniorjob", make_person("Sen", "Rettelse"), start=date(2024, 3, 1), planned_end=date(2025, 1, 31))
    second = publish(date(2025, 12, 31), world.hr)
    for key in ("headcount", "during", "outcomes", "young", "own_citizens", "elever", "balance", "headcount_fte"):
        then = cells(json.loads(json.dumps(first.scopes[""])) | {"sections": _sections(first)}, key)
        now = cells({"sections": _sections(second)}, key)
        for label, values in then.items():
            if label in now:
                assert [v for v, _p in values] == [p for _v, p in now[label]], (key, label)
    pattern = first.scopes[""]["patterns"]["headcount"]
    again = second.scopes[""]["patterns"]["headcount"]
    assert {tuple(p) for p in pattern["hidden"]} <= {tuple(p) for p in again["hidden"]} | {tuple(p) for p in pattern["hidden"]}


def _sections(publication):
    """The stored sections in the export's shape (value and previous per cell)."""
    return [
        {"tables": [{"key": t["key"], "rows": [
            {"label": r["label"], "cells": [{"value": v, "previous": (r["previous"] or [None] * len(r["values"]))[i]}
                                           for i, v in enumerate(r["values"])]} for r in t["rows"]]} for t in s["tables"]]}
        for s in publication.scopes[""]["sections"]
    ]


def test_a_date_can_be_published_once_and_only_after_the_last(world):
    publish(date(2025, 12, 31), world.hr)
    with pytest.raises(PublishError):
        publish(date(2025, 12, 31), world.hr)
    with pytest.raises(PublishError):
        publish(date(2025, 6, 30), world.hr)
    with pytest.raises(PublishError):
        publish(timezone.localdate().replace(year=timezone.localdate().year + 1), world.hr)
    assert Publication.objects.count() == 1


def test_hr_publishes_from_the_page_and_it_is_audited(world, login):
    client = login(world.hr)
    response = client.post(URL, {"reference": "2025-12-31"})
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert set(publication.scopes) == {"", str(world.centre_a.pk)}  # the municipality and med_a's centre
    entry = AuditEntry.objects.get(object_type="publication")
    assert entry.user == world.hr and "reference=2025-12-31" in entry.detail
    page = client.get(URL).content.decode()
    assert "31. december 2025" in page
    again = client.post(URL, {"reference": "2025-06-30"})
    assert again.status_code == 400 and "Der er allerede offentliggjort tal for 31. december 2025" in again.content.decode()
    pdf = client.get(reverse("reports:publication_export", args=[publication.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("persona,get,post", [
    ("hr", 200, 302), ("auditor", 200, 404), ("leder_a", 404, 404), ("leder_b", 404, 404), ("tr_a", 404, 404),
    ("med_a", 404, 404), ("outsider", 404, 404),
])
def test_every_role_on_the_publications_page(world, login, persona, get, post):
    client = login(getattr(world, persona))
    assert client.get(URL).status_code == get
    assert client.post(URL, {"reference": "2025-12-31"}).status_code == post
    assert Publication.objects.exists() == (post == 302)
    if Publication.objects.exists() or persona == "auditor":
        publication = Publication.objects.first() or publish(date(2025, 12, 31), world.hr)
        assert client.get(reverse("reports:publication_export", args=[publication.pk, "json"])).status_code == get


def test_an_anonymous_visitor_is_sent_to_log_in(db, client):
    assert client.get(URL).status_code == 302
    assert client.post(URL, {"reference": "2025-12-31"}).status_code == 302
