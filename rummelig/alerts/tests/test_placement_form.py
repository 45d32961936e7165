"""The rules on the placement form: a placement that breaks the rimelighedskrav is refused on the page,
HR may override with a reason (audited and shown), a leder may not; the figures beside the form."""

from datetime import date

import pytest
from django.urls import reverse

from rummelig.audit.models import AuditEntry
from rummelig.placements.models import Placement

from .conftest import hire, placement_form

URL = reverse("placements:create")
REFUSED = (
    "Rimelighedskravet er ikke opfyldt på Solsikken Børnehus (P-nr. 1012345678): 5 personer i praktik/løntilskud den "
    "1. marts 2030, og der må højst være 5 ved 25,0 ordinært ansatte (gennemsnit af de sidste 4 måneder)."
)


@pytest.mark.django_db
class TestRimelighedskravOnThePage:
    def test_a_sixth_praktik_is_refused_with_the_numbers(self, world, login, full_house):
        response = login(world.hr).post(URL, placement_form(workplace=world.solsikken.pk))
        assert response.status_code == 200
        assert Placement.objects.count() == 5
        page = response.content.decode()
        assert REFUSED in page
        assert "Begrundelse for at fravige en regel" in page

    def test_hr_overrides_with_a_reason_and_it_is_audited_and_shown(self, world, login, full_house):
        client = login(world.hr)
        reason = "Særligt behov aftalt med jobcentret; praktikken erstatter ingen ordinært ansatte."
        response = client.post(URL, placement_form(workplace=world.solsikken.pk, rule_override_reason=reason))
        placement = Placement.objects.get(person__first_name="Ærling")
        assert response.status_code == 302
        assert placement.rule_override_reason == reason
        created = AuditEntry.objects.get(action=AuditEntry.Action.CREATE, object_type="placement", object_id=str(placement.pk))
        assert created.changes["rule_override_reason"] == [None, reason]
        override = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, object_type="placement", object_id=str(placement.pk))
        assert override.detail.startswith("Rule overridden by HR: rimelighedskrav at Solsikken Børnehus (P-no. 1012345678)")
        assert "5 persons counted, at most 5 allowed with 25.0 ordinary FTE" in override.detail
        assert override.detail.endswith(f"Reason: {reason}")
        assert reason in client.get(reverse("placements:detail", args=[placement.pk])).content.decode()

    def test_a_leder_cannot_override(self, world, login, full_house):
        response = login(world.leder_a).post(URL, placement_form(workplace=world.solsikken.pk, rule_override_reason="Det går nok."))
        assert response.status_code == 200
        page = response.content.decode()
        assert REFUSED + " Kun HR kan godkende en undtagelse med en skriftlig begrundelse." in page
        assert "rule_override_reason" not in page
        assert Placement.objects.count() == 5

    def test_a_loentilskud_at_a_shrinking_workplace_is_refused(self, world, login):
        hire(world.skovbrynet, 24)
        hire(world.skovbrynet, 6, end=date(2030, 1, 10))
        data = placement_form("loentilskud", workplace=world.skovbrynet.pk, target_group="dagpenge", planned_end="2030-06-30")
        response = login(world.leder_a).post(URL, data)
        assert response.status_code == 200
        assert "Kravet om merbeskæftigelse er ikke opfyldt på Skovbrynet Skole (P-nr. 1012345679): 24 ordinært ansatte opgjort i fuldtidspersoner" in response.content.decode()
        assert not Placement.objects.filter(workplace=world.skovbrynet).exists()

    def test_the_form_shows_the_ratio_with_the_new_placement(self, world, login, full_house):
        response = login(world.hr).post(URL, placement_form(workplace=world.solsikken.pk))
        page = response.content.decode()
        assert 'data-testid="ratio-preview"' in page
        assert "Med denne ansættelse: 6 af højst 5 den 1. marts 2030" in page
