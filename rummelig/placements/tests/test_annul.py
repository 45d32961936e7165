"""Annulling a wrong registration: HR gives a reason, it leaves every count, HR and the auditor still see it."""

from datetime import timedelta

import pytest
from django.urls import reverse

from rummelig.accounts.access import access_for
from rummelig.accounts.tests.api_client import api_as
from rummelig.alerts.balance import balances
from rummelig.alerts.deadlines import alerts_for
from rummelig.alerts.ratios import persons_counted
from rummelig.audit.models import AuditEntry
from rummelig.placements.models import Placement
from rummelig.reports.figures import Period, Scope, YearFigures
from rummelig.testing import make_employment, make_person, make_placement


def annul(client, placement, reason="Registreret to gange ved en fejl."):
    return client.post(reverse("placements:annul", args=[placement.pk]), {"reason": reason})


@pytest.fixture
def double(world, today):
    """The same løntilskud registered twice by mistake at Skovbrynet Skole, and the right one."""
    person = make_person("Bjørn", "Østergård")
    for i in range(10):
        make_employment(make_person(f"Ansat{i}", "Fast"), world.skovbrynet)
    kwargs = dict(person=person, start=today - timedelta(days=30), planned_end=today + timedelta(days=20))
    return make_placement(world.skovbrynet, "loentilskud", **kwargs), make_placement(world.skovbrynet, "loentilskud", **kwargs)


def counts(world, today):
    """What the municipality counts at Skovbrynet Skole, each the way its page or report does."""
    figures = YearFigures(Scope(), Period.for_year(today.year, today))
    access = access_for(world.hr)
    return {
        "report": sum(c.on_day for c in figures.placements.values()),
        "balance": balances(access.units().filter(pk=world.skovbrynet.pk), today)[world.skovbrynet.pk].temporary,
        "ratio": persons_counted([world.skovbrynet], today),
        "alerts": len({a.placement.pk for a in alerts_for(access.placements(), today)}),
        "list": access.placements().count(),
    }


@pytest.mark.django_db
class TestAnnul:
    def test_an_annulled_placement_leaves_every_count(self, world, double, today, login):
        before = counts(world, today)
        assert before["report"] == 2 and before["balance"] == 2 and before["ratio"] == 2
        response = annul(login(world.hr), double[1])
        assert response.status_code == 302
        after = counts(world, today)
        assert after == {"report": 1, "balance": 1, "ratio": 1, "alerts": before["alerts"] - 1, "list": 1}

    def test_the_start_page_and_the_api_count_it_no_more(self, world, double, login):
        client = login(world.hr)
        assert client.get("/").context["active_count"] == 2
        annul(client, double[1])
        assert client.get("/").context["active_count"] == 1
        items = api_as(world.hr).get("/placements").json()["items"]
        assert [item["id"] for item in items] == [double[0].pk]

    def test_hr_and_the_auditor_still_see_it_marked_as_annulled(self, world, double, login):
        annul(login(world.hr), double[1])
        for user in (world.hr, world.auditor):
            content = login(user).get(reverse("placements:detail", args=[double[1].pk])).content.decode()
            assert "Denne registrering er annulleret" in content
            assert "Registreret to gange ved en fejl." in content
            listed = login(user).get(reverse("placements:list") + "?annulled=on").content.decode()
            assert reverse("placements:detail", args=[double[1].pk]) in listed and "Annulleret" in listed
            assert reverse("placements:detail", args=[double[0].pk]) not in listed

    def test_a_leder_and_a_tr_no_longer_see_it(self, world, double, login):
        annul(login(world.hr), double[1])
        for user in (world.leder_a, world.tr_a):
            assert login(user).get(reverse("placements:detail", args=[double[1].pk])).status_code == 404
            assert reverse("placements:detail", args=[double[1].pk]) not in login(user).get(
                reverse("placements:list") + "?annulled=on").content.decode()

    def test_it_is_audited_with_the_reason(self, world, double, login):
        annul(login(world.hr), double[1])
        entry = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE, object_id=str(double[1].pk)).get()
        assert entry.user == world.hr
        assert entry.changes["annulment_reason"] == ["", "Registreret to gange ved en fejl."]

    def test_it_is_not_deleted_and_cannot_be_changed_afterwards(self, world, double, login):
        client = login(world.hr)
        annul(client, double[1])
        assert Placement.with_annulled.filter(pk=double[1].pk).exists()
        assert client.get(reverse("placements:edit", args=[double[1].pk])).status_code == 404
        assert annul(client, double[1]).status_code == 404

    def test_a_reason_is_required(self, world, double, login):
        response = annul(login(world.hr), double[1], reason="  ")
        assert response.status_code == 200
        assert "Skriv hvorfor registreringen annulleres." in response.content.decode()
        assert Placement.objects.filter(pk=double[1].pk).exists()

    @pytest.mark.parametrize("persona", ["leder_a", "tr_a", "auditor", "med_a", "outsider"])
    def test_only_hr_may_annul(self, world, double, login, persona):
        client = login(getattr(world, persona))
        assert client.get(reverse("placements:annul", args=[double[1].pk])).status_code == 404
        assert annul(client, double[1]).status_code == 404
        assert Placement.objects.filter(pk=double[1].pk).exists()

    def test_the_placement_page_offers_it_to_hr_only(self, world, double, login):
        url = reverse("placements:detail", args=[double[1].pk])
        annul_url = reverse("placements:annul", args=[double[1].pk])
        assert annul_url in login(world.hr).get(url).content.decode()
        assert annul_url not in login(world.leder_a).get(url).content.decode()
