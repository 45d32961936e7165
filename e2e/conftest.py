"""Browser tests: Playwright drives Debian's chromium against the app served by pytest-django's live_server.

Never downloads a browser: chromium comes from `apt-get install chromium` (the Makefile does it).
"""

import os

import pytest

from rummelig.testing import PASSWORD, reload_reference_data

# Playwright's sync API keeps an event loop in the main thread; the ORM calls the tests make to
# arrange data are still plain synchronous calls, so Django's async-safety check does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Browser tests commit their data, so each test starts from a flushed database: refill it."""
    reload_reference_data()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: run `apt-get install chromium` (make test does it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="da-DK", accept_downloads=True, base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def log_in(page):
    """Return a function that logs the browser in as a user through the login form."""

    def _log_in(user, password=PASSWORD):
        page.context.clear_cookies()
        page.goto("/log-ind/")
        page.get_by_label("Brugernavn").fill(user.username if hasattr(user, "username") else user)
        page.get_by_label("Adgangskode").fill(password)
        page.get_by_role("button", name="Log ind").click()
        page.wait_for_url("**/")
        return page

    return _log_in
