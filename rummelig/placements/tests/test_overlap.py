"""One person, one placement per scheme at a time: an overlapping second one is refused, another scheme is pointed out.

A second løntilskud for the same person overlapping the first would count the person twice in every
figure. The rule lives in validation.py, so the form and the API refuse it alike.
"""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.translation import override

from rummelig.accounts.tests.api_client import api_as, errors_of
from rummelig.placements.models import Placement
from rummelig.placements.validation import Proposal, validate_placement
from rummelig.schemes.models import Scheme
from rummelig.testing import make_person, make_placement

from .test_create import form_data

SAME_SCHEME = (
    "Personen har allerede en ansættelse i ordningen Løntilskud fra 1. marts 2026 til og med 30. juni 2026, som overlapper "
    "disse datoer. En person kan kun have én ansættelse i ordningen Løntilskud ad gangen: ret datoerne, eller ret den "
    "eksisterende ansættelse i stedet."
)


@pytest.fixture
def person():
    return make_person("Åse", "Ærø")


@pytest.fixture
def loentilskud(world, person):
    return make_placement(
        world.solsikken, "loentilskud", person, start=date(2026, 3, 1), planned_end=date(2026, 6, 30), target_group="dagpenge"
    )


def loentilskud_form(world, person, **overrides):
    values = {
        "person_mode": "existing", "person": person.pk, "first_name": "", "last_name": "",
        "scheme": Scheme.objects.get(code="loentilskud").pk, "start": "2026-06-01", "planned_end": "2026-09-30",
    }
    return form_data(world, **{**values, **overrides})


def api_body(world, person, **changes):
    body = {
        "person": person.pk, "scheme": "loentilskud", "workplace": world.solsikken.pk, "target_group": "dagpenge",
        "start": "2026-06-01", "planned_end": "2026-09-30",
    }
    body.update(changes)
    return body


@pytest.mark.django_db
class TestForm:
    def test_a_second_overlapping_loentilskud_at_the_same_workplace_is_refused(self, world, login, person, loentilskud):
        response = login(world.hr).post(reverse("placements:create"), loentilskud_form(world, person))
        assert response.status_code == 200
        assert response.context["form"].errors["start"] == [SAME_SCHEME]
        assert SAME_SCHEME in response.content.decode()
        assert Placement.objects.count() == 1

    def test_an_open_ended_placement_is_named_as_such(self, world, login, person, loentilskud):
        Placement.objects.filter(pk=loentilskud.pk).update(planned_end=None, ends_on=None)
        response = login(world.hr).post(reverse("placements:create"), loentilskud_form(world, person, start="2027-01-04", planned_end=""))
        assert "Personen har allerede en ansættelse i ordningen Løntilskud fra 1. marts 2026 uden slutdato" in response.content.decode()

    def test_one_that_starts_the_day_after_the_first_ends_is_saved(self, world, login, person, loentilskud):
        response = login(world.hr).post(reverse("placements:create"), loentilskud_form(world, person, start="2026-07-01", planned_end="2026-10-31"))
        assert response.status_code == 302
        assert Placement.objects.filter(person=person, scheme__code="loentilskud").count() == 2

    def test_an_actual_end_shortens_the_first(self, world, login, person, loentilskud):
        Placement.objects.filter(pk=loentilskud.pk).update(actual_end=date(2026, 5, 31), ends_on=date(2026, 5, 31), outcome="ukendt")
        response = login(world.hr).post(reverse("placements:create"), loentilskud_form(world, person))
        assert response.status_code == 302

    def test_editing_the_placement_itself_is_no_overlap(self, world, login, person, loentilskud):
        data = loentilskud_form(world, person, start="2026-03-01", planned_end="2026-06-15")
        response = login(world.hr).post(reverse("placements:edit", args=[loentilskud.pk]), data)
        assert response.status_code == 302, response.context["form"].errors
        loentilskud.refresh_from_db()
        assert loentilskud.planned_end == date(2026, 6, 15)

    def test_moving_another_placement_into_the_period_is_refused(self, world, login, person, loentilskud):
        later = make_placement(world.skovbrynet, "loentilskud", person, start=date(2026, 10, 1), planned_end=date(2026, 12, 31))
        data = loentilskud_form(world, person, workplace=world.skovbrynet.pk, start="2026-06-15", planned_end="2026-10-14")
        response = login(world.hr).post(reverse("placements:edit", args=[later.pk]), data)
        assert response.context["form"].errors["start"] == [SAME_SCHEME]
        later.refresh_from_db()
        assert later.start == date(2026, 10, 1)

    def test_another_scheme_at_the_same_time_is_saved_with_a_warning(self, world, login, person, loentilskud):
        data = form_data(world, person_mode="existing", person=person.pk, first_name="", last_name="",
                         workplace=world.skovbrynet.pk, start="2026-04-01", planned_end="2026-04-28")
        response = login(world.hr).post(reverse("placements:create"), data, follow=True)
        assert Placement.objects.filter(person=person).count() == 2
        page = response.content.decode()
        assert "er registreret" in page
        assert (
            "Bemærk: Personen har også en ansættelse i ordningen Løntilskud fra 1. marts 2026 til og med 30. juni 2026 i samme "
            "periode. Kontrollér, at begge er rigtige."
        ) in page


@pytest.mark.django_db
class TestApi:
    def test_post_refuses_an_overlapping_placement_in_the_same_scheme(self, world, person, loentilskud):
        response = api_as(world.hr).post("/placements", api_body(world, person))
        assert response.status_code == 422, response.content
        assert errors_of(response)["start"] == [SAME_SCHEME]
        assert Placement.objects.count() == 1

    def test_patch_refuses_moving_a_placement_onto_another(self, world, person, loentilskud):
        later = make_placement(world.skovbrynet, "loentilskud", person, start=date(2026, 10, 1), planned_end=date(2026, 12, 31))
        response = api_as(world.hr).patch(f"/placements/{later.pk}", {"start": "2026-06-15"})
        assert response.status_code == 422, response.content
        assert errors_of(response)["start"] == [SAME_SCHEME]

    def test_another_scheme_is_saved_with_the_warning_in_the_answer(self, world, person, loentilskud):
        body = api_body(world, person, scheme="virksomhedspraktik", start="2026-04-01", planned_end="2026-04-28")
        response = api_as(world.hr).post("/placements", body)
        assert response.status_code == 201, response.content
        assert response.json()["warnings"] == [
            "Bemærk: Personen har også en ansættelse i ordningen Løntilskud fra 1. marts 2026 til og med 30. juni 2026 i samme "
            "periode. Kontrollér, at begge er rigtige."
        ]
        assert api_as(world.hr).get(f"/placements/{response.json()['id']}").json()["warnings"] == []


@pytest.mark.django_db
class TestFindings:
    """validate_placement returns what it found; the proposal it was given is left as it was."""

    def praktik(self, world, person, **changes):
        values = {
            "scheme": Scheme.objects.get(code="virksomhedspraktik"), "workplace": world.skovbrynet,
            "target_group": "dagpenge", "start": date(2026, 4, 1), "planned_end": date(2026, 4, 28), "person": person,
        }
        return Proposal(**{**values, **changes})

    def test_another_scheme_is_a_warning_and_the_proposal_is_unchanged(self, world, person, loentilskud):
        proposal = self.praktik(world, person)
        with override("da"):
            found = validate_placement(proposal)
            again = validate_placement(proposal)
        assert found.errors == {}
        assert found.warnings == [
            "Bemærk: Personen har også en ansættelse i ordningen Løntilskud fra 1. marts 2026 til og med 30. juni 2026 i samme "
            "periode. Kontrollér, at begge er rigtige."
        ]
        assert again.warnings == found.warnings  # nothing piles up when the same proposal is checked twice
        assert proposal.warnings == [] and proposal.overridden == []

    def test_no_warnings_are_given_beside_errors(self, world, person, loentilskud):
        found = validate_placement(self.praktik(world, person, planned_end=date(2026, 3, 1)))
        assert "planned_end" in found.errors
        assert found.warnings == []
