"""Searches that may hold a CPR number, in a real browser: the placement form's person search is posted by
htmx (the typed text is in no address), HR finds a person by CPR number, a leder only by name."""

from datetime import date

from rummelig.testing import make_person, make_placement


def test_the_person_search_beside_the_field_finds_by_cpr_for_hr_and_by_name_only_for_a_leder(world, page, log_in):
    make_placement(world.solsikken, "fleksjob", make_person("Åse", "Ærøskøbing", cpr="0101901234"), start=date(2026, 1, 5))
    requests = []
    page.on("request", lambda request: requests.append(request))

    log_in(world.hr)
    page.goto("/ansaettelser/ny/")
    page.get_by_label("En eksisterende person").check()
    page.get_by_label("Søg på navn, CPR-nummer eller fødselsdato").fill("010190-1234")
    results = page.locator("#person-results")
    results.get_by_text("Åse Ærøskøbing").wait_for()
    searches = [r for r in requests if "soeg-person" in r.url]
    assert searches and all(r.method == "POST" and "0101" not in r.url for r in searches)

    log_in(world.leder_a)
    page.goto("/ansaettelser/ny/")
    page.get_by_label("En eksisterende person").check()
    search = page.get_by_label("Søg på navn", exact=True)
    search.fill("010190")
    page.get_by_text("Ingen matcher »010190«.").wait_for()
    search.fill("Ærøskø")
    results.get_by_text("Åse Ærøskøbing").wait_for()
