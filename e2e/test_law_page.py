"""HR opens the law page from the menu in a real browser: what changes when, and what is not confirmed."""


def test_hr_reads_what_changes_when(world, page, log_in):
    log_in(world.hr)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Lovgrundlag").click()
    page.wait_for_url("**/lovgrundlag/")
    assert page.get_by_role("heading", name="Kommende ændringer").is_visible()
    # Ahead until 1 January 2027, then among the changes in force: the page is read on the real date.
    assert page.get_by_text("Ny lov om en aktiv beskæftigelsesindsats (ny hovedlov)").first.is_visible()
    loentilskud = page.get_by_test_id("scheme-loentilskud")
    assert loentilskud.get_by_text("Sidst kontrolleret mod loven").first.is_visible()
    row = loentilskud.get_by_role("row").filter(has_text="Kontanthjælp, jobparat")
    assert "4 måneder" in row.inner_text() and "§ 68, nr. 1" in row.inner_text()
