"""The employee representative's statement: the TR of the workplace states and signs; read-only afterwards."""

from datetime import timedelta

import pytest
from django.urls import reverse

from rummelig.accounts.models import Role
from rummelig.alerts.models import Statement
from rummelig.audit.models import AuditEntry
from rummelig.testing import make_placement, make_user

from .conftest import sign


def url(placement):
    return reverse("alerts:statement", args=[placement.pk])


@pytest.mark.django_db
class TestGivingTheStatement:
    def test_the_tr_sees_the_figures_and_the_form_without_health_details(self, world, login, praktik):
        page = login(world.tr_a).get(url(praktik)).content.decode()
        assert "Ådne Ørsted" in page
        assert "Rimelighedskrav i ansættelsens periode" in page
        assert "0,81 af højst 2 personer i praktik/løntilskud" not in page  # shown with one decimal
        assert "0,8 af højst 2 personer i praktik/løntilskud" in page
        assert "Underskriv udtalelsen" in page
        assert "Tåler ikke stærk støj" not in page
        assert "kontanthjælp" not in page.lower()

    def test_the_tr_signs_and_the_statement_is_kept_with_name_time_and_figures(self, world, login, praktik):
        client = login(world.tr_a)
        response = sign(client, praktik, ratio_ok="ja", colleagues_positive="nej")
        assert response.status_code == 302
        statement = Statement.objects.get()
        assert statement.placement == praktik and statement.representative == world.tr_a
        assert (statement.ratio_ok, statement.merbeskaeftigelse_ok, statement.colleagues_positive) == (True, "ikke_relevant", False)
        assert statement.signed_name == "Tove Riis" and statement.signed_at is not None
        assert statement.p_number == "1012345678" and statement.workplace_name == "Solsikken Børnehus"
        assert statement.figures["ratio"]["allowed"] == 2 and statement.figures["ratio"]["after"] == "0.81"
        assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_type="statement").exists()
        page = client.get(url(praktik)).content.decode()
        assert "Tove Riis" in page and "Udskriv som PDF til sagen" in page
        assert "Underskriv udtalelsen" not in page
        assert "Tillidsrepræsentanten har svaret nej til mindst ét spørgsmål." in page

    def test_a_signed_statement_cannot_be_changed(self, world, login, praktik):
        client = login(world.tr_a)
        sign(client, praktik)
        assert sign(client, praktik, ratio_ok="nej", signed_name="En anden").status_code == 404
        assert Statement.objects.get().signed_name == "Tove Riis"

    def test_every_answer_and_the_name_are_required(self, world, login, praktik):
        response = login(world.tr_a).post(url(praktik), {"signed_name": "  "})
        page = response.content.decode()
        assert response.status_code == 200
        for message in ("Svar på, om rimelighedskravet er opfyldt.", "Svar på, om kollegerne er positive.",
                        "Skriv dit navn for at underskrive udtalelsen."):
            assert message in page
        assert not Statement.objects.exists()

    def test_a_loentilskud_asks_about_net_expansion(self, world, login, today):
        placement = make_placement(world.solsikken, "loentilskud", start=today + timedelta(days=10),
                                   planned_end=today + timedelta(days=70), target_group="dagpenge")
        client = login(world.tr_a)
        assert "Ikke relevant" not in client.get(url(placement)).content.decode()
        assert sign(client, placement, merbeskaeftigelse_ok="ikke_relevant").status_code == 200
        assert sign(client, placement, merbeskaeftigelse_ok="ja").status_code == 302


@pytest.mark.django_db
class TestWhoMayGiveIt:
    def test_hr_and_the_leder_see_that_it_is_awaited_but_cannot_sign(self, world, login, praktik):
        for user in (world.hr, world.leder_a):
            client = login(user)
            page = client.get(url(praktik)).content.decode()
            assert "Der er endnu ikke afgivet en udtalelse." in page
            assert sign(client, praktik).status_code == 404
        assert not Statement.objects.exists()

    def test_a_tr_of_another_workplace_gets_404(self, world, login, praktik):
        other = make_user("tr_b", "Bent", "Åkjær", Role.TR, world.aabjerg)
        assert login(other).get(url(praktik)).status_code == 404

    def test_a_tr_for_the_centre_may_give_it(self, world, login, praktik):
        centre_tr = make_user("tr_centre", "Cille", "Dæhn", Role.TR, world.centre_a)
        assert sign(login(centre_tr), praktik, signed_name="Cille Dæhn").status_code == 302

    def test_med_members_and_outsiders_get_404(self, world, login, praktik):
        assert login(world.med_a).get(url(praktik)).status_code == 404
        assert login(world.outsider).get(url(praktik)).status_code == 404

    def test_a_scheme_without_a_statement_has_no_form(self, world, login, today):
        placement = make_placement(world.solsikken, "fleksjob", start=today + timedelta(days=3), target_group="ledighedsydelse")
        page = login(world.tr_a).get(url(placement)).content.decode()
        assert "kræver ingen udtalelse fra tillidsrepræsentanten" in page
        assert sign(login(world.tr_a), placement).status_code == 404


@pytest.mark.django_db
def test_reading_the_statement_page_is_audited(world, login, praktik):
    login(world.tr_a).get(url(praktik))
    entry = AuditEntry.objects.get(action=AuditEntry.Action.VIEW, object_type="placement")
    assert (entry.object_id, entry.user, entry.detail) == (str(praktik.pk), world.tr_a, "udtalelsessiden")


@pytest.mark.django_db
def test_the_statement_says_hours_as_a_person_would(world, login, praktik):
    """37 hours a week reads "37", not "37,00", on the page and in the PDF's source page."""
    praktik.hours_per_week = 37
    praktik.save()
    page = login(world.tr_a).get(url(praktik)).content.decode()
    assert "<dd>37</dd>" in page and "37,00" not in page
