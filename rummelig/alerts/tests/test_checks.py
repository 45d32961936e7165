"""The rimelighedskrav and merbeskæftigelse as placement rules (alerts.checks in placements.validation.CHECKS)."""

from datetime import date
from decimal import Decimal

import pytest

from rummelig.placements.validation import Proposal, validate_placement
from rummelig.schemes.models import Scheme
from rummelig.testing import make_placement

from .conftest import hire, place

START = date(2030, 3, 1)
FULL = (
    "Rimelighedskravet er ikke opfyldt på Solsikken Børnehus (P-nr. 1012345678): 5 personer i praktik/løntilskud den "
    "1. marts 2030, og der må højst være 5 ved 25,0 ordinært ansatte (gennemsnit af de sidste 4 måneder)."
)


def proposed(world, scheme_code="virksomhedspraktik", **overrides):
    values = {
        "scheme": Scheme.objects.get(code=scheme_code),
        "workplace": world.solsikken,
        "target_group": "kontanthjaelp_aktivitetsparat",
        "start": START,
        "planned_end": date(2030, 5, 29),
        "actual_end": None,
        "extension_reason": "",
    }
    values.update(overrides)
    return Proposal(**values)


def propose(world, *args, **overrides):
    return validate_placement(proposed(world, *args, **overrides)).errors


@pytest.mark.django_db
class TestRimelighedskrav:
    def test_a_sixth_praktik_at_a_25_fte_workplace_is_refused_with_the_numbers(self, world, full_house):
        errors = propose(world)
        assert errors == {"workplace": [FULL + " Kun HR kan godkende en undtagelse med en skriftlig begrundelse."]}

    def test_hr_is_told_how_to_override(self, world, full_house):
        errors = propose(world, may_override=True)
        assert errors["workplace"][0].endswith(
            "Hvis ansættelsen skal registreres alligevel, skriv begrundelsen i »Begrundelse for at fravige en regel«."
        )

    def test_hr_overrides_with_a_written_reason_and_the_rule_is_noted_for_the_audit_log(self, world, full_house):
        found = validate_placement(proposed(world, may_override=True, rule_override_reason="Aftalt med jobcentret: særligt behov."))
        errors, overridden = found.errors, found.overridden
        assert errors == {}
        assert overridden == [
            "rimelighedskrav at Solsikken Børnehus (P-no. 1012345678) on 2030-03-01: 5 persons counted, at most 5 allowed with 25.0 ordinary FTE"
        ]

    def test_a_reason_without_the_right_to_override_does_not_help(self, world, full_house):
        errors = propose(world, may_override=False, rule_override_reason="Lederen mener, det går.")
        assert FULL in errors["workplace"][0]

    def test_a_part_time_praktik_fits_where_a_full_time_one_does_not(self, world):
        hire(world.solsikken, 25)
        place(world.solsikken, 4, start=date(2030, 2, 1), planned_end=date(2030, 6, 30), hours_per_week=Decimal("30"))
        assert propose(world) == {}  # 4 × 30/37 + 1 = 4.2 ≤ 5

    def test_a_scheme_that_does_not_count_is_not_checked(self, world, full_house):
        assert propose(world, "fleksjob", planned_end=None, target_group="ledighedsydelse") == {}

    def test_nytteindsats_no_longer_counts_after_the_arbejdspligt_law(self, world, full_house):
        assert propose(world, "nytteindsats", target_group="kontanthjaelp_jobparat") == {}

    def test_editing_a_placement_without_changing_what_the_rule_depends_on_is_not_refused(self, world, full_house):
        extra = make_placement(world.solsikken, "virksomhedspraktik", start=START, planned_end=date(2030, 5, 29),
                               target_group="kontanthjaelp_aktivitetsparat", rule_override_reason="Godkendt af HR.")
        assert propose(world, placement=extra) == {}
        assert "workplace" in propose(world, placement=extra, start=date(2030, 3, 2))

    def test_a_placement_that_has_ended_is_registered_without_the_check(self, world):
        hire(world.solsikken, 5, start=date(2020, 1, 1))
        place(world.solsikken, 1, start=date(2024, 2, 1), planned_end=date(2024, 3, 31))
        assert propose(world, start=date(2024, 2, 5), planned_end=date(2024, 3, 1)) == {}


@pytest.mark.django_db
class TestMerbeskaeftigelse:
    @pytest.fixture
    def shrinking(self, world):
        """Skovbrynet Skole: 30 employees, 6 of them left in January 2030."""
        hire(world.skovbrynet, 24)
        hire(world.skovbrynet, 6, end=date(2030, 1, 10))

    def test_a_loentilskud_at_a_shrinking_workplace_is_refused(self, world, shrinking):
        errors = propose(world, "loentilskud", workplace=world.skovbrynet, target_group="dagpenge", planned_end=date(2030, 6, 30))
        assert errors == {"workplace": [
            "Kravet om merbeskæftigelse er ikke opfyldt på Skovbrynet Skole (P-nr. 1012345679): 24 ordinært ansatte opgjort i fuldtidspersoner ved "
            "udgangen af februar 2030, færre end gennemsnittet på 29,0 for de sidste 12 måneder. En ansættelse med "
            "løntilskud skal være en nettoudvidelse af personalet. Kun HR kan godkende en undtagelse med en skriftlig begrundelse."
        ]}

    def test_a_person_with_reduced_work_capacity_is_exempt(self, world, shrinking):
        errors = propose(world, "loentilskud", workplace=world.skovbrynet, target_group="foertidspension", planned_end=date(2030, 6, 30))
        assert errors == {}

    def test_a_praktik_at_a_shrinking_workplace_is_not_asked_for_net_expansion(self, world, shrinking):
        assert propose(world, workplace=world.skovbrynet) == {}
