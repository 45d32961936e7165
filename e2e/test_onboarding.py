"""Issue 15 in a real browser: a leder registers a new placement, ticks two checklist items off and records an
evaluation; HR sees the progress on the placement page."""

from datetime import timedelta

from django.utils import timezone

from rummelig.onboarding.models import ChecklistItem, Evaluation
from rummelig.placements.models import Placement


def test_a_leder_receives_a_new_colleague_and_hr_sees_the_progress(world, page, log_in):
    start = timezone.localdate() - timedelta(days=3)
    log_in(world.leder_a)

    page.get_by_role("link", name="Ansættelser", exact=True).click()
    page.get_by_role("link", name="Registrer en ansættelse").click()
    page.get_by_label("En ny person").check()
    page.get_by_label("Fornavn").fill("Åse")
    page.get_by_label("Efternavn").fill("Ærbødig")
    page.get_by_label("Ordning").select_option(label="Fleksjob")
    page.get_by_label("Målgruppe").select_option(value="ledighedsydelse")
    page.get_by_label("Arbejdsplads").select_option(value=str(world.skovbrynet.pk))
    page.get_by_label("Startdato").fill(start.isoformat())
    page.get_by_label("Timer pr. uge").fill("15")
    page.get_by_role("button", name="Registrer ansættelsen").click()
    page.wait_for_url("**/ansaettelser/*/")
    placement = Placement.objects.get(person__last_name="Ærbødig")
    total = placement.checklist.items.count()
    assert f"Tjekliste: 0 af {total} gjort" in page.get_by_test_id("checklist-progress").inner_text()

    # The checklist: tick two items off, one with a note.
    page.get_by_test_id("open-follow-up").click()
    page.wait_for_url(f"**/introduktion/ansaettelse/{placement.pk}/")
    first = page.get_by_test_id("item-1")
    first.get_by_label("Gjort").check()
    first.locator("input[name=note]").fill("Fortalt på personalemødet")
    first.get_by_test_id("save-item").click()
    page.wait_for_load_state()
    second = page.get_by_test_id("item-2")
    second.get_by_label("Gjort").check()
    second.get_by_test_id("save-item").click()
    page.wait_for_load_state()
    assert f"2 af {total} gjort" in page.get_by_test_id("progress").inner_text()
    assert ChecklistItem.objects.filter(checklist__placement=placement, done_on__isnull=False).count() == 2
    assert ChecklistItem.objects.get(checklist__placement=placement, order=1).note == "Fortalt på personalemødet"

    # An evaluation.
    page.get_by_test_id("add-evaluation").click()
    page.get_by_label("Hvem deltog").fill("Leder, Åse og mentor")
    page.get_by_label("Noter").fill("God start; trives med opgaverne")
    page.get_by_label("Aftalt næste skridt").fill("Flere timer fra næste måned")
    page.get_by_test_id("save").click()
    page.wait_for_url(f"**/introduktion/ansaettelse/{placement.pk}/")
    assert "Flere timer fra næste måned" in page.get_by_test_id("evaluation").inner_text()
    assert Evaluation.objects.filter(placement=placement).count() == 1

    # HR sees the progress on the placement page, and the evaluation's notes on the follow-up page.
    log_in(world.hr)
    page.goto(f"/ansaettelser/{placement.pk}/")
    panel = page.get_by_test_id("onboarding-panel").inner_text()
    assert f"Tjekliste: 2 af {total} gjort" in panel and "1 evaluering registreret" in panel
    page.get_by_test_id("open-follow-up").click()
    assert "God start" in page.get_by_test_id("evaluation").inner_text()

    # The TR of another workplace sees nothing of it.
    log_in(world.tr_a)
    assert page.goto(f"/introduktion/ansaettelse/{placement.pk}/").status == 404
