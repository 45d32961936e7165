"""The vacated-post rule on placements: the form, the API and the rule preview (alerts.checks)."""

from datetime import date

import pytest
from django.urls import reverse

from rummelig.accounts.tests.api_client import api_as, errors_of
from rummelig.placements.models import Placement
from rummelig.placements.validation import Proposal, validate_placement
from rummelig.schemes.models import Scheme
from rummelig.testing import make_employment, make_person

from .conftest import hire

START = date(2030, 3, 1)
REFUSED = (
    "Løntilskud må ikke besætte en stilling, der inden for de seneste 3 måneder er blevet ledig ved afskedigelse eller "
    "fratrædelse: stillingen blev ledig 15. januar 2030, så den kan tidligst besættes med løntilskud 15. april 2030."
)


def proposed(world, scheme_code="loentilskud", target_group="dagpenge", **overrides):
    values = {
        "scheme": Scheme.objects.get(code=scheme_code), "workplace": world.solsikken, "target_group": target_group,
        "start": START, "planned_end": date(2030, 6, 30), "actual_end": None, "extension_reason": "",
    }
    values.update(overrides)
    return Proposal(**values)


def propose(world, *args, **overrides):
    return validate_placement(proposed(world, *args, **overrides)).errors


@pytest.fixture
def steady(world):
    """A steady staff, so only the vacated-post rule can refuse."""
    hire(world.solsikken, 12)


@pytest.mark.django_db
class TestRule:
    def test_a_loentilskud_in_a_post_vacated_six_weeks_before_is_refused(self, world, steady):
        errors = propose(world, vacated_post_on=date(2030, 1, 15))
        assert errors == {"vacated_post_on": [REFUSED + " Kun HR kan godkende en undtagelse med en skriftlig begrundelse."]}

    def test_a_post_vacated_three_months_before_may_be_filled(self, world, steady):
        assert propose(world, vacated_post_on=date(2029, 12, 1)) == {}

    def test_a_new_post_is_not_refused(self, world, steady):
        assert propose(world) == {}

    def test_it_is_part_of_merbeskaeftigelse_so_reduced_work_capacity_is_exempt(self, world, steady):
        assert propose(world, target_group="foertidspension", vacated_post_on=date(2030, 1, 15)) == {}

    def test_a_virksomhedspraktik_is_not_asked(self, world, steady):
        assert propose(world, "virksomhedspraktik", planned_end=date(2030, 3, 28), vacated_post_on=date(2030, 1, 15)) == {}

    def test_hr_may_override_with_a_reason_and_it_is_logged(self, world, steady):
        found = validate_placement(proposed(world, vacated_post_on=date(2030, 1, 15), may_override=True,
                                            rule_override_reason="Stillingen er nedlagt og genoprettet som ny."))
        errors, overridden = found.errors, found.overridden
        assert errors == {}
        assert overridden == ["vacated post at Solsikken Børnehus: vacated 2030-01-15, start 2030-03-01, may be filled from 2030-04-15"]


@pytest.mark.django_db
class TestFormAndApi:
    def test_the_form_shows_the_refusal_at_the_field_and_saves_nothing(self, world, login, steady):
        person = make_person("Vagn", "Vikær")
        response = login(world.leder_a).post(reverse("placements:create"), {
            "person_mode": "existing", "person": person.pk, "scheme": Scheme.objects.get(code="loentilskud").pk,
            "workplace": world.solsikken.pk, "target_group": "dagpenge", "start": "2030-03-01", "planned_end": "2030-06-30",
            "hours_per_week": "37", "vacated_post_on": "2030-01-15",
        })
        page = response.content.decode()
        assert response.status_code == 200 and REFUSED in page
        assert 'name="vacated_post_on"' in page
        assert not Placement.objects.filter(person=person).exists()

    def test_the_api_refuses_it_with_the_field_and_returns_the_field(self, world, steady):
        data = {
            "new_person": {"first_name": "Vagn", "last_name": "Vikær"}, "scheme": "loentilskud", "workplace": world.solsikken.pk,
            "target_group": "dagpenge", "start": "2030-03-01", "planned_end": "2030-06-30", "vacated_post_on": "2030-01-15",
        }
        response = api_as(world.hr).post("/placements", data)
        assert response.status_code == 422
        assert errors_of(response)["vacated_post_on"][0].startswith(REFUSED)
        data["vacated_post_on"] = "2029-11-30"
        created = api_as(world.hr).post("/placements", data)
        assert created.status_code == 201, created.content
        assert created.json()["vacated_post_on"] == "2029-11-30"


@pytest.mark.django_db
class TestPreview:
    def preview(self, client, world, **params):
        data = {"workplace": world.solsikken.pk, "scheme": Scheme.objects.get(code="loentilskud").pk, "start": "2030-03-01",
                "planned_end": "2030-06-30", "hours_per_week": "", "target_group": "dagpenge"}
        data.update(params)
        return client.get(reverse("alerts:ratio_preview"), data).content.decode()

    def test_it_names_the_ordinary_employments_that_ended_in_the_3_months_before(self, world, login, steady):
        make_employment(make_person("Gitte", "Gået"), world.solsikken, start=date(2020, 1, 1), end=date(2030, 1, 15))
        make_employment(make_person("Lone", "Længe"), world.solsikken, start=date(2020, 1, 1), end=date(2029, 11, 30))  # too long ago
        page = self.preview(login(world.hr), world)
        assert "1 ordinær ansættelse på P-nummeret ophørte fra 1. december 2029 til starten" in page

    def test_it_shows_the_first_day_the_post_may_be_filled(self, world, login, steady):
        page = self.preview(login(world.hr), world, vacated_post_on="2030-01-15")
        assert "Stillingen blev ledig 15. januar 2030: løntilskud kan tidligst besætte den 15. april 2030." in page
        assert "alert-warning" in page
