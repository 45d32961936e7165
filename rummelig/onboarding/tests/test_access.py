"""Who sees what: a mentor sees their mentee and no one else, without health fields; evaluation notes reach no TR,
mentor or MED member; positions reach the employment unit; the MED framework holds no person."""

from datetime import timedelta

import pytest
from django.urls import reverse

from rummelig.accounts.models import Role, RoleAssignment
from rummelig.onboarding.forms import FrameworkForm
from rummelig.onboarding.models import Evaluation, FrameworkAnswer, Position
from rummelig.testing import make_user

pytestmark = pytest.mark.django_db

NOTE = "Hemmelig note om trivsel"


@pytest.fixture
def evaluation(mentee, today):
    return Evaluation.objects.create(placement=mentee, held_on=today - timedelta(days=2), participants="Leder, Åse",
                                     notes=NOTE, next_step="Flere timer i køkkenet")


def test_a_mentor_sees_their_mentee_without_health_fields(world, login, mentor, mentee):
    client = login(mentor)
    listing = client.get(reverse("onboarding:mentees")).content.decode()
    assert "Åse Ærbødig" in listing
    page = client.get(reverse("onboarding:mentee", args=[mentee.pk])).content.decode()
    assert "Åse Ærbødig" in page and "Tåler ikke tunge løft" not in page


def test_a_mentor_sees_no_one_else(world, login, mentor, mentee, other_placement):
    client = login(mentor)
    assert client.get(reverse("onboarding:mentee", args=[other_placement.pk])).status_code == 404
    assert "Bjørn" not in client.get(reverse("onboarding:mentees")).content.decode()
    # Nor the placement register, the follow-up page or the API.
    assert client.get(reverse("placements:detail", args=[mentee.pk])).status_code == 404
    assert client.get(reverse("onboarding:placement", args=[mentee.pk])).status_code == 404
    assert client.get(f"/api/v1/onboarding/placements/{mentee.pk}/evaluations").status_code == 404


def test_someone_who_is_no_mentor_has_no_mentee_page(world, login, mentee):
    assert login(world.outsider).get(reverse("onboarding:mentees")).status_code == 404


@pytest.mark.parametrize("persona", ["tr_a", "med_a"])
def test_evaluation_notes_reach_no_tr_or_med_member(world, login, evaluation, persona):
    client = login(getattr(world, persona))
    assert client.get(reverse("onboarding:placement", args=[evaluation.placement_id])).status_code == 404
    assert client.get(f"/api/v1/onboarding/placements/{evaluation.placement_id}/evaluations").status_code == 404
    page = client.get(reverse("placements:detail", args=[evaluation.placement_id]))
    assert NOTE not in page.content.decode()


def test_evaluation_notes_reach_no_mentor(world, login, mentor, evaluation):
    client = login(mentor)
    assert NOTE not in client.get(reverse("onboarding:mentee", args=[evaluation.placement_id])).content.decode()
    assert client.get(f"/api/v1/onboarding/placements/{evaluation.placement_id}/evaluations").status_code == 404


def test_hr_and_the_leder_read_the_notes_a_leder_elsewhere_gets_404(world, login, evaluation):
    url = reverse("onboarding:placement", args=[evaluation.placement_id])
    assert NOTE in login(world.hr).get(url).content.decode()
    assert NOTE in login(world.leder_a).get(url).content.decode()
    assert login(world.leder_b).get(url).status_code == 404


def test_the_employment_unit_reads_the_catalogue_but_not_who_fills_a_position(world, login, mentee, today):
    position = Position.objects.create(workplace=world.solsikken, title="Køkkenmedhjælper", tasks="Opvask og anretning",
                                       task_kind="koekken", available_from=today, filled_by=mentee)
    jobcenter = make_user("jobcenter", "Jonna", "Jobcenter")
    RoleAssignment.objects.create(user=jobcenter, role=Role.EMPLOYMENT_SERVICE)
    client = login(jobcenter)
    assert "Køkkenmedhjælper" in client.get(reverse("onboarding:positions"), {"vis": "alle"}).content.decode()
    page = client.get(reverse("onboarding:position", args=[position.pk])).content.decode()
    assert "Besat" in page and "Åse" not in page
    assert client.post(reverse("onboarding:position_new"), {}).status_code == 404  # reads only
    assert client.get(reverse("placements:list")).status_code == 404


def test_a_tr_or_med_member_has_no_catalogue(world, login):
    for persona in (world.tr_a, world.med_a):
        assert login(persona).get(reverse("onboarding:positions")).status_code == 404


def test_the_framework_form_holds_no_person(world, login):
    person_fields = {f.name for f in FrameworkAnswer._meta.get_fields()
                     if f.is_relation and f.related_model is not None and f.related_model._meta.label in ("people.Person", "placements.Placement")}
    assert person_fields == set()
    assert set(FrameworkForm._meta.fields) == {"workplace", "answered_on", "offer", "perspectives_person", "perspectives_workplace",
                                               "integration", "support", "permanent_staff"}
    page = login(world.leder_a).get(reverse("onboarding:framework_new")).content.decode()
    assert "Åse" not in page and 'name="person' not in page and 'name="placement' not in page


def test_a_med_member_reads_the_framework_of_their_committee_only(world, login, today):
    FrameworkAnswer.objects.create(workplace=world.solsikken, answered_on=today, offer="Køkken og have", perspectives_person="Erfaring",
                                   perspectives_workplace="Flere hænder", integration="Kaffeklub", support="Mentor", permanent_staff="Afveksling")
    FrameworkAnswer.objects.create(workplace=world.aabjerg, answered_on=today, offer="Pleje", perspectives_person="-",
                                   perspectives_workplace="-", integration="-", support="-", permanent_staff="-")
    client = login(world.med_a)
    assert "Kaffeklub" in client.get(reverse("onboarding:framework_workplace", args=[world.solsikken.pk])).content.decode()
    assert client.get(reverse("onboarding:framework_workplace", args=[world.aabjerg.pk])).status_code == 404
    assert client.get(reverse("onboarding:framework_new")).status_code == 404
