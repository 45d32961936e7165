"""axe-core, run in the browser, finds no serious or critical accessibility violation on the key pages.

axe-core comes from npm (package.json devDependencies, installed by `make static`) and is injected
from node_modules; nothing is fetched from a CDN at test time.
"""

from pathlib import Path

import pytest

from .test_med_dashboard import build_centre_a

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["/", "/rapporter/", "/rapporter/aarsrapport/"]


def serious_violations(page):
    """Run axe on the page and return its serious and critical violations as readable lines."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make static` (npm ci installs it from package.json)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – " + "; ".join(node["target"][0] if isinstance(node["target"][0], str) else str(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violations(world, page, log_in, path):
    build_centre_a(world)
    log_in(world.hr)
    page.goto(path)
    assert serious_violations(page) == []


def test_the_scrolling_report_tables_can_be_reached_by_keyboard(world, page, log_in):
    build_centre_a(world)
    log_in(world.hr)
    page.set_viewport_size({"width": 480, "height": 900})  # narrow: the wide tables scroll
    for path in ("/rapporter/", "/rapporter/aarsrapport/"):
        page.goto(path)
        wraps = page.locator(".rummelig-table-wrap")
        assert wraps.count() > 0
        for i in range(wraps.count()):
            wrap = wraps.nth(i)
            assert wrap.get_attribute("tabindex") == "0", path
            assert wrap.get_attribute("role") == "region" and wrap.get_attribute("aria-label"), path
