"""The placement rules of validation.py, as the Danish messages a user reads."""

from datetime import date

import pytest

from rummelig.organisation.models import Unit
from rummelig.placements.validation import Proposal, validate_placement
from rummelig.schemes.models import Scheme


def proposal(world, scheme_code="virksomhedspraktik", **overrides):
    values = {
        "scheme": Scheme.objects.get(code=scheme_code),
        "workplace": world.solsikken,
        "target_group": "dagpenge",
        "start": date(2026, 3, 1),
        "planned_end": date(2026, 3, 28),
        "actual_end": None,
        "extension_reason": "",
    }
    values.update(overrides)
    return validate_placement(Proposal(**values)).errors


@pytest.mark.django_db
class TestValidatePlacement:
    def test_it_accepts_a_placement_within_the_rules(self, world):
        assert proposal(world) == {}

    def test_it_refuses_a_planned_end_before_the_start(self, world):
        errors = proposal(world, planned_end=date(2026, 2, 27))
        assert errors["planned_end"] == ["Den planlagte slutdato (27. februar 2026) ligger før startdatoen (1. marts 2026)."]

    def test_it_refuses_an_actual_end_before_the_start(self, world):
        errors = proposal(world, actual_end=date(2026, 2, 20), outcome="ukendt")
        assert errors["actual_end"] == ["Den faktiske slutdato (20. februar 2026) ligger før startdatoen (1. marts 2026)."]

    def test_it_refuses_a_start_date_on_which_the_scheme_does_not_apply(self, world):
        errors = proposal(world, "igu", target_group="integration", start=date(2016, 6, 30), planned_end=date(2018, 6, 29))
        assert errors["start"] == [
            "Ordningen IGU (integrationsgrunduddannelse) gælder ikke på startdatoen 30. juni 2016; "
            "den gælder fra 1. juli 2016 til og med 31. december 2027."
        ]

    def test_it_refuses_a_start_after_the_scheme_closed_for_new_placements(self, world):
        errors = proposal(world, "igu", target_group="integration", start=date(2028, 1, 3), planned_end=date(2029, 12, 31))
        assert errors["start"] == [
            "Ordningen IGU (integrationsgrunduddannelse) er lukket for nye ansættelser fra 1. januar 2028 (Lov om "
            "integrationsgrunduddannelse (IGU)). En ansættelse, der begyndte før, kan fortsætte til sin slutdato, men en ny "
            "kan ikke begynde 3. januar 2028."
        ]

    def test_it_refuses_a_duration_above_the_maximum_for_the_target_group(self, world):
        errors = proposal(world, planned_end=date(2026, 3, 29))
        assert errors == {
            "planned_end": [
                "Virksomhedspraktik for dagpengemodtagere må højst vare 4 uger (til og med 28. marts 2026). "
                "Skriv en begrundelse, hvis det er en forlængelse."
            ]
        }

    def test_it_uses_the_maximum_of_the_persons_own_target_group(self, world):
        errors = proposal(world, target_group="dimittend", planned_end=date(2026, 4, 30))
        assert errors["planned_end"][0].startswith(
            "Virksomhedspraktik for dimittender må højst vare 8 uger (til og med 25. april 2026)."
        )
        assert proposal(world, target_group="dimittend", planned_end=date(2026, 4, 25)) == {}

    def test_it_allows_a_longer_duration_as_an_extension_with_a_written_reason(self, world):
        errors = proposal(world, planned_end=date(2026, 5, 31), extension_reason="Særligt behov for afklaring af skånehensyn.")
        assert errors == {}

    def test_it_does_not_count_a_blank_reason_as_a_reason(self, world):
        assert "planned_end" in proposal(world, planned_end=date(2026, 5, 31), extension_reason="   ")

    def test_it_refuses_an_extension_of_a_scheme_that_cannot_be_extended(self, world):
        errors = proposal(
            world, "jobrotation", target_group="", start=date(2026, 1, 1), planned_end=date(2026, 8, 31),
            extension_reason="Vikaren skal blive længere.",
        )
        assert errors["planned_end"] == [
            "Jobrotation må højst vare 6 måneder (til og med 30. juni 2026). Ordningen kan ikke forlænges."
        ]

    def test_it_judges_the_actual_end_when_there_is_one(self, world):
        cut_short = proposal(world, planned_end=date(2026, 6, 30), actual_end=date(2026, 3, 20), outcome="ingen_job")
        assert cut_short == {}
        overrun = proposal(world, planned_end=date(2026, 3, 28), actual_end=date(2026, 4, 10), outcome="ingen_job")
        assert list(overrun) == ["actual_end"]
        assert "til og med 28. marts 2026" in overrun["actual_end"][0]

    def test_it_refuses_an_end_after_the_age_limit_even_with_a_reason(self, world):
        errors = proposal(
            world, "seniorjob", target_group="dagpenge", start=date(2026, 1, 1), planned_end=date(2028, 12, 31),
            extension_reason="Ønsker at fortsætte.", birth_date=date(1963, 5, 15),
        )
        # Born in 1963: efterløn age 65 (the age table by birth cohort, not the fallback 64).
        assert errors["planned_end"] == [
            "Seniorjob slutter senest dagen før personen fylder 65 år (til og med 14. maj 2028)."
        ]

    def test_it_refuses_a_workplace_that_was_not_valid_on_the_start_date(self, world):
        closed = Unit.objects.create(
            name="Børnehaven Æblegården", parent=world.centre_a, valid_from=date(2020, 1, 1), valid_to=date(2025, 12, 31)
        )
        errors = proposal(world, workplace=closed)
        assert errors["workplace"] == [
            "Børnehaven Æblegården var ikke gyldig på startdatoen 1. marts 2026; "
            "enheden gælder fra 1. januar 2020 til og med 31. december 2025."
        ]

    def test_it_refuses_a_unit_that_is_not_a_workplace(self, world):
        errors = proposal(world, workplace=world.centre_a)
        assert errors["workplace"] == [
            "Center for Børn og Unge er ikke en arbejdsplads (enhedstype: Område/center). "
            "Vælg den arbejdsplads, hvor personen skal arbejde."
        ]

    def test_it_asks_for_the_outcome_when_the_placement_has_ended(self, world):
        errors = proposal(world, actual_end=date(2026, 3, 20))
        assert errors["outcome"] == [
            "Vælg resultatet af forløbet, når der er en faktisk slutdato (vælg »Ukendt«, hvis det endnu ikke kendes)."
        ]

    def test_it_skips_the_rules_whose_values_are_missing(self, world):
        errors = validate_placement(Proposal(
            scheme=None, workplace=None, target_group="", start=None, planned_end=None, actual_end=None, extension_reason=""
        )).errors
        assert errors == {}
