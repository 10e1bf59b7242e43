"""A toolkit in Chromium: narrowing to an industry keeps its state in the URL; a screenshot for the README."""
import pytest

from browserkit import new_page
from conftest import REPO

SHOTS = REPO / "docs" / "assets" / "screenshots"


@pytest.mark.browser
def test_a_kit_narrows_to_an_industry_and_the_url_keeps_it(browser, site_url):
    with new_page(browser) as page:
        page.goto(f"{site_url}/toolkits/tidecrm/quick/")
        cases = page.locator('[data-hub-section="case_studies"] .hub-kit__item:visible')
        assert cases.count() == 3
        page.select_option("select[name=industry]", "finance")
        assert page.url.endswith("?industry=finance")
        shown = page.locator('[data-hub-section="case_studies"] .hub-kit__item:visible')
        assert [shown.nth(i).get_attribute("data-hub-id") for i in range(shown.count())] == ["insurance-broker-crm"]
        page.reload()
        assert page.locator("select[name=industry]").input_value() == "finance"
        assert page.locator('[data-hub-id="zhixia-tea-crm"]:visible').count() == 0
        page.goto(f"{site_url}/toolkits/tidecrm/quick/?industry=energy")
        assert page.locator('[data-hub-section="case_studies"] [data-hub-none]').is_visible()
        assert page.locator(".hub-kit__gap:visible", has_text="能源没有快速成交的客户案例").count() == 1
        assert page.locator(".hub-kit__gap:visible", has_text="物流").count() == 0  # another industry's gap


@pytest.mark.browser
def test_screenshot_of_the_toolkit(browser, site_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with new_page(browser, viewport={"width": 1280, "height": 1400}) as page:
        page.goto(f"{site_url}/toolkits/tidecrm/quick/?industry=manufacturing")
        page.wait_for_selector("select[name=industry][data-ready]")
        page.screenshot(path=str(SHOTS / "toolkit.png"))
    assert (SHOTS / "toolkit.png").stat().st_size > 10_000
