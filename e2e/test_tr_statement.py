"""Issue 4 in a real browser: a placement waits for the employee representative's statement; the TR logs
in, sees the task, states and signs; HR then marks the placement started."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from rummelig.alerts.models import Statement
from rummelig.placements.models import Placement
from rummelig.testing import make_employment, make_person, make_placement


def test_the_tr_gives_the_statement_and_hr_then_starts_the_placement(world, page, log_in):
    today = timezone.localdate()
    for i in range(12):
        make_employment(make_person("Kollega", f"Nr. {i} Bøgh"), world.solsikken, fte=Decimal("1"))
    placement = make_placement(
        world.solsikken, "virksomhedspraktik", person=make_person("Ådne", "Ørsted"), start=today + timedelta(days=7),
        planned_end=today + timedelta(days=7 + 27), target_group="kontanthjaelp_jobparat", purpose="Afprøve pædagogisk arbejde.",
    )
    detail = f"/ansaettelser/{placement.pk}/"

    # HR cannot start it yet: the statement is missing.
    log_in(world.hr)
    page.goto(detail)
    page.get_by_role("button", name="Markér som startet").click()
    assert page.get_by_text("kan ikke markeres som startet: tillidsrepræsentantens udtalelse for Solsikken Børnehus mangler").is_visible()

    # The TR sees the task on the start page and gives the statement.
    log_in(world.tr_a)
    tasks = page.get_by_test_id("start-tasks")
    assert tasks.get_by_role("heading", name="Mine opgaver").is_visible()
    tasks.get_by_role("link", name="Giv udtalelse: Ådne Ørsted, Virksomhedspraktik på Solsikken Børnehus").click()
    page.wait_for_url(f"**/varsler/udtalelse/{placement.pk}/")
    assert page.get_by_test_id("figures").get_by_text("1 af højst 2 personer i praktik/løntilskud").is_visible()
    page.get_by_role("group", name="Er rimelighedskravet opfyldt på arbejdspladsens P-nummer?").get_by_label("Ja").check()
    assert page.get_by_role("group", name="Er ansættelsen en nettoudvidelse af personalet (merbeskæftigelse)?").get_by_label("Ikke relevant").is_checked()
    page.get_by_role("group", name="Er kollegerne positive over for ansættelsen?").get_by_label("Ja").check()
    page.get_by_label("Bemærkning").fill("Stuen Myretuen tager imod Ådne.")
    assert page.get_by_label("Dit navn (underskrift)").input_value() == "Tove Riis"
    page.get_by_role("button", name="Underskriv udtalelsen").click()
    assert page.get_by_text("Din udtalelse om ansættelsen af Ådne Ørsted er underskrevet").is_visible()
    assert page.get_by_test_id("statement").get_by_text("Tove Riis").is_visible()
    statement = Statement.objects.get(placement=placement)
    assert (statement.ratio_ok, statement.colleagues_positive, statement.signed_name) == (True, True, "Tove Riis")

    # HR can mark it started on its start day, not before.
    log_in(world.hr)
    page.goto(detail)
    assert page.get_by_text(f"Muligt fra startdatoen, {placement.start.day}.", exact=False).is_visible()
    Placement.objects.filter(pk=placement.pk).update(start=today, planned_end=today + timedelta(days=27), ends_on=today + timedelta(days=27))
    page.goto(detail)
    assert page.get_by_test_id("statement-status").get_by_text("underskrevet af Tove Riis", exact=False).is_visible()
    page.get_by_role("button", name="Markér som startet").click()
    assert page.get_by_text("Ansættelsen af Ådne Ørsted er markeret som startet.").is_visible()
    assert Placement.objects.get(pk=placement.pk).started_at is not None
