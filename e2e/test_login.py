"""A person logs in through the real login form in a real browser and lands on the start page."""

from rummelig.placements.models import Placement  # noqa: F401  (models load before the browser starts)


def test_hr_logs_in_and_sees_the_front_page_in_danish(world, page, log_in):
    log_in(world.hr)
    assert page.get_by_role("heading", name="Goddag, Hanne Rasmussen").is_visible()
    assert page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Ansættelser").is_visible()
    # The start page cards open the lists they count.
    assert page.get_by_test_id("ending-soon-card").get_attribute("href").startswith("/ansaettelser/?status=ophoerer_snart")


def test_a_wrong_password_is_refused_with_a_danish_message(world, page):
    page.goto("/log-ind/")
    page.get_by_label("Brugernavn").fill("hr")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    assert page.get_by_text("Brugernavn eller adgangskode er forkert").is_visible()
