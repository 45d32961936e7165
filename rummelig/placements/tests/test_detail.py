"""The placement page: every field with its Danish label, the scheme's rules, who may see it, audit."""

import pytest
from django.urls import NoReverseMatch, reverse

from rummelig.audit.models import AuditEntry
from rummelig.testing import make_employment, make_person


def url(placement):
    return reverse("placements:detail", args=[placement.pk])


@pytest.mark.django_db
class TestDetail:
    def test_hr_sees_every_field_with_danish_labels(self, world, placements, login):
        mentor = make_person("Gitte", "Ødum")
        placements.solsikken.mentor = mentor
        placements.solsikken.jobcenter_contact = "Jens Ålund, Jobcenter Rummelig"
        placements.solsikken.yearly_subsidy = "125000.00"
        placements.solsikken.save()
        response = login(world.hr).get(url(placements.solsikken))
        assert response.status_code == 200
        content = response.content.decode()
        for text in [
            "Åse Ærøskøbing", "010190-xxxx", "Fleksjob", "Målgruppe", "Ledighedsydelse (visiteret til fleksjob)",
            "Arbejdsplads", "Solsikken Børnehus, Center for Børn og Unge", "1012345678", "Startdato",
            "Formålet med ansættelsen", "Fast tilknytning til børnehaven.", "Aftalte særlige hensyn",
            "Må ikke løfte tungt; arbejder kun formiddage.", "Mentor", "Gitte Ødum", "Kontaktperson i jobcenteret",
            "Jens Ålund, Jobcenter Rummelig", "Årligt tilskud (kr.)", "125.000,00 kr.", "Aktiv",
        ]:
            assert text in content, text
        assert "0101901234" not in content

    def test_it_shows_the_rules_of_the_scheme_version_in_force(self, world, placements, login):
        content = login(world.hr).get(url(placements.aabjerg)).content.decode()
        assert "Ordningens regler" in content
        assert "Lovgrundlag" in content and "LAB §§ 57-61" in content
        assert "13 uger for målgruppen »Kontanthjælp, aktivitetsparat«" in content
        assert "Seneste slutdato" in content

    def test_it_says_when_the_law_sets_no_maximum(self, world, placements, login):
        content = login(world.hr).get(url(placements.solsikken)).content.decode()
        assert "Loven fastsætter ingen maksimal varighed" in content

    def test_a_view_is_audited(self, world, placements, login):
        login(world.leder_a).get(url(placements.solsikken))
        entry = AuditEntry.objects.get(action=AuditEntry.Action.VIEW)
        assert entry.user == world.leder_a
        assert entry.object_type == "placement"
        assert entry.object_id == str(placements.solsikken.pk)

    def test_the_person_is_linked_to_the_person_page(self, world, placements, login):
        content = login(world.hr).get(url(placements.solsikken)).content.decode()
        try:
            person_url = reverse("people:detail", args=[placements.solsikken.person_id])
        except NoReverseMatch:  # the people pages are not there: the name is shown without a link
            assert "Åse Ærøskøbing" in content
        else:
            assert f'href="{person_url}"' in content

    def test_an_existing_employment_is_shown(self, world, placements, login):
        employment = make_employment(placements.solsikken.person, world.solsikken, job_title="Pædagogmedhjælper")
        placements.solsikken.employment = employment
        placements.solsikken.save()
        assert "Pædagogmedhjælper" in login(world.hr).get(url(placements.solsikken)).content.decode()


@pytest.mark.django_db
class TestDetailAccess:
    def test_a_leder_sees_own_centres_placement_and_may_edit_it(self, world, placements, login):
        response = login(world.leder_a).get(url(placements.skovbrynet))
        assert response.status_code == 200
        assert reverse("placements:edit", args=[placements.skovbrynet.pk]) in response.content.decode()

    def test_a_leder_gets_404_for_a_placement_in_another_centre(self, world, placements, login):
        assert login(world.leder_a).get(url(placements.aabjerg)).status_code == 404
        assert not AuditEntry.objects.filter(action=AuditEntry.Action.VIEW).exists()

    def test_a_tr_sees_own_workplace_without_health_fields(self, world, placements, login):
        response = login(world.tr_a).get(url(placements.solsikken))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Åse Ærøskøbing" in content
        assert "Målgruppe" not in content
        assert "Ledighedsydelse" not in content
        assert "løfte tungt" not in content
        assert "Aftalte særlige hensyn" not in content
        assert "Maksimal varighed" not in content
        assert reverse("placements:edit", args=[placements.solsikken.pk]) not in content

    def test_a_tr_gets_404_for_another_workplace_in_the_same_centre(self, world, placements, login):
        assert login(world.tr_a).get(url(placements.skovbrynet)).status_code == 404

    def test_the_auditor_reads_but_is_not_offered_editing(self, world, placements, login):
        response = login(world.auditor).get(url(placements.aabjerg))
        assert response.status_code == 200
        assert "Rediger ansættelsen" not in response.content.decode()

    @pytest.mark.parametrize("persona", ["med_a", "outsider"])
    def test_med_members_and_outsiders_get_404(self, world, placements, login, persona):
        assert login(getattr(world, persona)).get(url(placements.solsikken)).status_code == 404

    def test_an_unknown_placement_is_404(self, world, placements, login):
        assert login(world.hr).get(reverse("placements:detail", args=[999999])).status_code == 404
