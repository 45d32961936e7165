"""Issue 15 in a real browser: a leder opens a retention case on a colleague losing work capacity, records a § 56
agreement, and ends the case with a fleksjob at the same workplace."""

from datetime import date, timedelta

from django.utils import timezone

from rummelig.retention.models import RetentionCase
from rummelig.testing import make_employment, make_person, make_placement


def test_a_leder_follows_a_retention_case_to_a_fleksjob_at_the_same_workplace(world, page, log_in):
    today = timezone.localdate()
    colleague = make_person("Karen", "Blixen")
    make_employment(colleague, world.solsikken, start=date(2015, 8, 1))
    fleksjob = make_placement(world.solsikken, "fleksjob", person=colleague, start=today + timedelta(days=14),
                              target_group="ansat")
    log_in(world.leder_a)
    page.goto(f"/personer/{colleague.pk}/")
    page.get_by_test_id("open-retention").click()
    page.get_by_label("Arbejdsplads").select_option(label="Solsikken Børnehus")
    page.get_by_label("Første fraværsdag").fill((today - timedelta(days=40)).isoformat())
    page.get_by_role("button", name="Gem").click()
    assert page.get_by_text("Fastholdelsessagen er åbnet.").is_visible()
    assert page.get_by_test_id("deadlines").get_by_text("Fristen er overskredet").is_visible()

    step = page.get_by_test_id("step-form")
    step.get_by_label("Skridt").select_option(label="§ 56-aftale")
    step.get_by_label("Dato").fill(today.isoformat())
    step.get_by_label("Bemærkning").fill("Aftalen er godkendt af kommunen.")
    step.get_by_role("button", name="Gem skridt").click()
    until = (date(today.year + 2, today.month, today.day) - timedelta(days=1)) if not (today.month == 2 and today.day == 29) else None
    steps = page.get_by_test_id("steps")
    assert steps.get_by_text("§ 56-aftale").is_visible()
    if until:
        assert steps.get_by_text(until.strftime("%d.%m.%Y")).is_visible()

    page.get_by_role("link", name="Afslut sagen").click()
    page.get_by_label("Resultat").select_option(label="Fleksjob på samme arbejdsplads")
    page.get_by_label("Ansættelse").select_option(value=str(fleksjob.pk))
    page.get_by_role("button", name="Gem").click()
    assert page.get_by_text("Fastholdelsessagen er afsluttet.").is_visible()
    assert page.get_by_test_id("case-status").get_by_text("Fleksjob på samme arbejdsplads", exact=False).is_visible()
    case = RetentionCase.objects.get(person=colleague)
    assert case.result_placement == fleksjob and case.steps.get().until is not None
