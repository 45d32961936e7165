"""Issue 16 in a real browser: a committee chair opens the year's wheel, holds a meeting, records two items, attaches
the committee's figures, and the overview shows them discussed."""

from datetime import date

from django.utils import timezone

from rummelig.med.models import Committee, Membership
from rummelig.med.roles import sync_roles
from rummelig.reports.publications import publish
from rummelig.testing import make_placement, make_user


def test_a_chair_holds_a_meeting_and_the_wheel_shows_the_themes_discussed(world, page, log_in):
    today = timezone.localdate()
    committee = Committee.objects.create(name="LokalMED Solsikken", kind=Committee.Kind.LOCAL)
    committee.units.add(world.solsikken)
    chair = make_user("formand", "Frida", "Formand")
    Membership.objects.create(committee=committee, user=chair, seat=Membership.Seat.CHAIR, term_from=date(today.year, 1, 1))
    sync_roles(chair)
    for _ in range(6):
        make_placement(world.solsikken, "fleksjob", start=date(today.year - 1, 3, 1))
    publish(date(today.year - 1, 12, 31), world.hr)

    log_in(chair)
    page.goto("/med-udvalg/")
    page.get_by_role("link", name="LokalMED Solsikken").click()
    assert page.get_by_test_id("wheel").is_visible()
    page.get_by_role("link", name="Nyt møde").click()
    page.get_by_label("Dato").fill(date(today.year, 3, 10).isoformat())
    page.get_by_role("button", name="Gem").click()
    assert page.get_by_text("Mødet er oprettet med månedens temaer på dagsordenen.").is_visible()

    page.get_by_role("link", name="Skriv referat – Opfølgning på det sociale ansvar").click()
    page.get_by_label("Referat").fill("Vi drøftede principperne for at modtage kolleger på særlige vilkår.")
    page.get_by_label("Bilag").select_option(label="Udvalgets tal")
    page.get_by_role("button", name="Gem").click()
    assert page.get_by_test_id("figures").get_by_text("Ansatte på særlige vilkår", exact=False).is_visible()

    page.get_by_role("link", name="Tilføj et punkt").click()
    page.get_by_label("Emne").fill("Skiftende kolleger i korte perioder")
    page.get_by_label("Referat").fill("Princip: nye kolleger får en fast makker den første måned.")
    page.get_by_role("button", name="Gem").click()
    assert page.get_by_text("Princip: nye kolleger får en fast makker").is_visible()

    page.get_by_role("link", name="LokalMED Solsikken").click()
    wheel = page.get_by_test_id("wheel")
    assert wheel.get_by_text(f"Drøftet 10.03.{today.year}").first.is_visible()
