"""HR creates a user in the browser, gives a TR role for a term, and the new user's login is linked to their records."""

from rummelig.accounts.models import Role, RoleAssignment
from rummelig.testing import PASSWORD, make_employment, make_person


def test_hr_creates_a_user_gives_a_role_and_the_employee_sees_own_records(world, page, log_in):
    person = make_person("Mads", "Frost", account_name="mfrost")
    make_employment(person, world.solsikken, job_title="Pædagogmedhjælper")
    log_in(world.hr)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Brugere").click()
    page.get_by_role("link", name="Opret en bruger").click()
    page.get_by_label("Brugernavn").fill("mfrost")
    page.get_by_label("Fornavn").fill("Mads")
    page.get_by_label("Efternavn").fill("Frost")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Gem").click()
    assert page.get_by_text("Brugeren mfrost er oprettet").is_visible()

    page.get_by_role("link", name="Giv en rolle").click()
    page.get_by_label("Rolle").select_option(Role.TR.value)
    page.get_by_label("Enhed").select_option(label="— — Solsikken Børnehus (W11)")
    page.get_by_label("Gælder til og med").fill("2029-12-31")
    page.get_by_role("button", name="Giv rollen").click()
    assert page.get_by_role("cell", name="Solsikken Børnehus").is_visible()
    assignment = RoleAssignment.objects.get(user__username="mfrost")
    assert assignment.role == Role.TR and str(assignment.valid_until) == "2029-12-31"

    log_in("mfrost")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Mine oplysninger").click()
    assert page.get_by_role("cell", name="Pædagogmedhjælper").is_visible()


def test_the_user_pages_have_no_serious_accessibility_violations(world, page, log_in):
    from .test_accessibility import serious_violations

    make_person("Tove", "Riis", user=world.tr_a)
    log_in(world.hr)
    for path in ["/brugere/", f"/brugere/{world.tr_a.pk}/", f"/brugere/{world.tr_a.pk}/roller/ny/", "/brugere/ny/"]:
        page.goto(path)
        assert serious_violations(page) == [], path
    log_in(world.tr_a)
    page.goto("/mine-oplysninger/")
    assert serious_violations(page) == []
