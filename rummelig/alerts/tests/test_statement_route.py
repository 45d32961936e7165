"""Who gives the statement when the P-number has no TR: HR routes it along the law's order (issue 9).

BEK nr. 2006 af 11/12/2020 § 99, stk. 4: "Er der ikke en tillidsrepræsentant for den relevante
faggruppe på det pågældende P-nr., inddrages én medarbejderrepræsentant i følgende rækkefølge:
1) En tillidsrepræsentant for den relevante faggruppe hos arbejdsgiveren opgjort på CVR-nr.
2) En fællestillidsrepræsentant hos arbejdsgiveren, opgjort på CVR-nr. 3) En medarbejderrepræsentant
for den relevante faggruppe hos arbejdsgiveren opgjort på P-nr." Stk. 5: a TR away more than 3
working days may be passed over for the next in the order.
"""

from datetime import timedelta

import pytest
from django.urls import reverse

from rummelig.accounts.models import Role
from rummelig.alerts.models import Statement, StatementRoute
from rummelig.audit.models import AuditEntry
from rummelig.testing import make_person, make_placement, make_user

from .conftest import sign


@pytest.fixture
def no_tr(world, today):
    """A virksomhedspraktik at Skovbrynet Skole, whose P-number has no TR in Rummelig."""
    return make_placement(
        world.skovbrynet, "virksomhedspraktik", person=make_person("Ulla", "Ærtebølle"), start=today + timedelta(days=10),
        planned_end=today + timedelta(days=30), target_group="foertidspension", special_considerations="Kan ikke tåle stress.",
    )


@pytest.fixture
def ftr(world):
    """The chief steward: a TR elsewhere (Plejecenter Åbjerg), not on Skovbrynet's P-number."""
    return make_user("ftr", "Finn", "Fællesen", Role.TR, world.aabjerg)


def route(client, placement, giver, basis="ftr", **extra):
    data = {"basis": basis, "giver": giver.pk, "note": "Ingen TR på skolen."}
    data.update(extra)
    return client.post(reverse("alerts:route_statement", args=[placement.pk]), data)


@pytest.mark.django_db
class TestRouting:
    def test_the_page_shows_the_laws_order_and_that_there_is_no_tr(self, world, login, no_tr, ftr):
        page = login(world.hr).get(reverse("alerts:route_statement", args=[no_tr.pk])).content.decode()
        order = page[page.index('data-testid="route-order"'):]
        positions = [order.index(text) for text in (
            "En tillidsrepræsentant for faggruppen på P-nummeret", "ingen i Rummelig",
            "En tillidsrepræsentant for faggruppen hos arbejdsgiveren (opgjort på CVR-nr.)",
            "En fællestillidsrepræsentant hos arbejdsgiveren (opgjort på CVR-nr.)",
            "En medarbejderrepræsentant for faggruppen på P-nummeret",
        )]
        assert positions == sorted(positions)
        assert "BEK nr. 2006 af 11/12/2020 § 99, stk. 4-5" in page
        assert "Finn Fællesen" in page  # a TR elsewhere may be chosen

    def test_hr_routes_it_and_the_chosen_representative_sees_and_signs_the_task(self, world, login, no_tr, ftr):
        response = route(login(world.hr), no_tr, ftr)
        assert response.status_code == 302
        saved = StatementRoute.objects.get(placement=no_tr)
        assert (saved.giver, saved.basis, saved.routed_by) == (ftr, StatementRoute.Basis.CHIEF_STEWARD, world.hr)
        assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_type="statementroute").exists()
        detail = login(world.hr).get(reverse("placements:detail", args=[no_tr.pk])).content.decode()
        assert "HR har bedt Finn Fællesen (Fællestillidsrepræsentant hos arbejdsgiveren) om at afgive udtalelsen." in detail

        client = login(ftr)
        tasks = client.get(reverse("alerts:tasks")).content.decode()
        assert "Ulla Ærtebølle" in tasks and reverse("alerts:statement", args=[no_tr.pk]) in tasks
        form = client.get(reverse("alerts:statement", args=[no_tr.pk])).content.decode()
        assert "Underskriv udtalelsen" in form
        assert reverse("placements:detail", args=[no_tr.pk]) not in form  # no link to a page that is 404 for them
        assert "stress" not in form and "førtidspension" not in form.lower()  # no health information
        assert sign(client, no_tr, signed_name="Finn Fællesen").status_code == 302
        assert Statement.objects.get(placement=no_tr).representative == ftr
        assert client.get(reverse("alerts:statement_pdf", args=[no_tr.pk])).status_code == 200
        # Routing a statement opens the statement, not the placement's record.
        assert client.get(reverse("placements:detail", args=[no_tr.pk])).status_code == 404

    def test_an_employee_representative_on_the_p_number_without_a_tr_role_may_be_chosen(self, world, login, no_tr):
        rep = make_user("medrep", "Mona", "Medarbejder", Role.EMPLOYEE, world.skovbrynet)
        assert route(login(world.hr), no_tr, rep, basis="medarbejderrep").status_code == 302
        client = login(rep)
        assert "Ulla Ærtebølle" in client.get(reverse("alerts:tasks")).content.decode()
        start = client.get(reverse("start")).content.decode()
        assert f'href="{reverse("alerts:tasks")}"' in start  # the menu leads there
        assert sign(client, no_tr, signed_name="Mona Medarbejder").status_code == 302

    @pytest.mark.parametrize("who", ["leder_b", "manager_on_the_p_number", "employee_elsewhere"])
    def test_neither_a_manager_nor_an_employee_elsewhere_can_be_chosen(self, world, login, no_tr, who):
        users = {
            "leder_b": world.leder_b,
            "manager_on_the_p_number": make_user("skoleleder", "Sara", "Skoleleder", Role.LEDER, world.skovbrynet),
            "employee_elsewhere": make_user("ansat", "Anna", "Andetsteds", Role.EMPLOYEE, world.aabjerg),
        }
        response = route(login(world.hr), no_tr, users[who])
        assert response.status_code == 200
        assert "Vælg, hvem der afgiver udtalelsen." in response.content.decode()
        assert not StatementRoute.objects.exists()

    def test_when_the_p_number_has_a_tr_they_must_be_away_more_than_3_working_days(self, world, login, praktik, ftr):
        client = login(world.hr)
        refused = route(client, praktik, ftr)
        assert refused.status_code == 200
        assert "fraværende i mere end 3 arbejdsdage" in refused.content.decode()
        assert not StatementRoute.objects.exists()
        assert route(client, praktik, ftr, tr_absent="on").status_code == 302
        # The absent TR is no longer asked, and cannot give it; the chief steward can.
        assert reverse("alerts:statement", args=[praktik.pk]) not in login(world.tr_a).get(reverse("alerts:tasks")).content.decode()
        assert sign(login(world.tr_a), praktik).status_code == 404
        assert sign(login(ftr), praktik, signed_name="Finn Fællesen").status_code == 302

    def test_hr_may_change_the_choice_and_the_change_is_audited(self, world, login, no_tr, ftr):
        other = make_user("trcvr", "Tina", "Tværgående", Role.TR, world.centre_b)
        client = login(world.hr)
        route(client, no_tr, ftr)
        route(client, no_tr, other, basis="tr_cvr")
        assert StatementRoute.objects.get().giver == other
        assert AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE, object_type="statementroute").exists()
        assert reverse("alerts:statement", args=[no_tr.pk]) not in login(ftr).get(reverse("alerts:tasks")).content.decode()
        assert reverse("alerts:statement", args=[no_tr.pk]) in login(other).get(reverse("alerts:tasks")).content.decode()

    def test_a_given_statement_cannot_be_rerouted(self, world, login, praktik, ftr):
        sign(login(world.tr_a), praktik)
        assert login(world.hr).get(reverse("alerts:route_statement", args=[praktik.pk])).status_code == 404
