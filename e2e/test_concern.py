"""Issue 17 in a real browser: an employee reads a guideline and tells the AMR about a concern; the AMR sees
it and closes it; the employee sees it closed."""

from rummelig.accounts.models import Role
from rummelig.policy.models import Concern
from rummelig.policy.seed_guidelines import load_seed_guidelines
from rummelig.testing import make_employment, make_person, make_user


def test_an_employee_tells_the_amr_who_closes_it(world, page, log_in):
    load_seed_guidelines()
    employee = make_user("mads", "Mads", "Frost", Role.EMPLOYEE, world.solsikken)
    make_employment(make_person("Mads", "Frost", user=employee), world.solsikken)
    amr = make_user("amr_a", "Anne", "Mortensen", Role.AMR, world.solsikken)

    # The employee reads the personnel policy.
    log_in(employee)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Min side").click()
    page.get_by_test_id("my-guidelines").get_by_role("link", name="Personale- og arbejdsmiljøpolitik").click()
    assert page.get_by_role("heading", name="Personale- og arbejdsmiljøpolitik").is_visible()
    assert page.get_by_test_id("guideline-text").get_by_text("(KOMPUS)", exact=False).first.is_visible()

    # … and tells the AMR about a concern.
    page.goto("/personalepolitik/min-side/")
    page.get_by_role("link", name="Fortæl om en bekymring").click()
    page.get_by_role("group", name="Hvad drejer det sig om?").get_by_label("Mobning").check()
    page.get_by_role("group", name="Hvem drejer det sig om?").get_by_label("En kollega").check()
    page.get_by_label("Hvad er der sket").fill("En kollega bliver holdt uden for frokostpausen.")
    page.get_by_role("group", name="Hvem vil du fortælle det til?").get_by_label("Anne Mortensen", exact=False).check()
    page.get_by_role("button", name="Send").click()
    assert page.get_by_text("Din bekymring er sendt til Anne Mortensen").is_visible()
    assert page.get_by_test_id("concern-status").first.inner_text().startswith("Modtaget")
    concern = Concern.objects.get()

    # The AMR sees it and closes it.
    log_in(amr)
    page.goto("/personalepolitik/bekymringer/")
    page.get_by_test_id("concerns").get_by_role("link").first.click()
    page.wait_for_url(f"**/personalepolitik/bekymringer/{concern.pk}/")
    assert page.get_by_text("En kollega bliver holdt uden for frokostpausen.").is_visible()
    page.get_by_label("Hvad er der gjort").fill("Talt med teamet; fælles frokost aftalt.")
    page.get_by_role("button", name="Gem og luk").click()
    assert page.get_by_text("Bekymringen er lukket, og medarbejderen har fået besked.").is_visible()

    # The employee sees it closed.
    log_in(employee)
    page.goto("/personalepolitik/min-side/")
    assert page.get_by_test_id("concern-status").first.inner_text().startswith("Lukket")
    assert not page.get_by_text("fælles frokost").count()
