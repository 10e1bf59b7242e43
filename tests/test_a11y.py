"""Accessibility: axe-core (axe-playwright-python) finds no serious or critical violation on the
pages sales use most, in the light and the dark palette (switched with the header's toggle).
"""
import pytest
from browserkit import new_page

PAGES = {
    "home": "",
    "listing with filters": "case-studies/?industry=retail&results=yes",
    "battle card": "battlecards/shuheng-metricone/",
    "case study": "case-studies/jinhe-retail-member-data/",
    "product": "products/tidehub/",
    "role view": "roles/ar/",
    "what's new": "whatsnew/",
}
SCHEMES = {"light": "default", "dark": "slate"}
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def violations(axe, page) -> list[str]:
    found = axe.run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]} {v['help']}"
            for v in found if v["impact"] in BLOCKING]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(browser, site_url, axe, name, scheme):
    with new_page(browser) as page:
        page.goto(f"{site_url}/")
        if scheme == "dark":
            page.click('label[for="__palette_1"]')  # the header's palette toggle; the choice is remembered
        page.goto(f"{site_url}/{PAGES[name]}")
        assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
        if "?" in PAGES[name]:
            page.wait_for_selector(".hub-finder__results [data-hub-id]")
        assert violations(axe, page) == []
