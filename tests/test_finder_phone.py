"""The finder on a phone (390×844), in Chromium against the real build of the sample hub.

The filters fold behind a button that counts the chosen values, so the results come first
(the first one within the first screen); the filter state survives in the URL; listing rows
reflow to fit and a battle card's comparison becomes one small card per capability; a wider
table says that it scrolls. On a desktop the filters are open.
"""
import urllib.parse

import pytest
from browserkit import new_page
from conftest import REPO

from pmmhub.relate.catalog import load
from pmmhub.render.pages import ordered

PHONE = {"width": 390, "height": 844}
CATALOG = load(REPO / "data")
CASES = ordered(CATALOG, "case-study")


@pytest.fixture
def phone(browser):
    with new_page(browser, viewport=PHONE, is_mobile=True, has_touch=True) as page:
        yield page


def open_finder(page, url):
    page.goto(url)
    page.wait_for_selector(".hub-finder:not([hidden]) .hub-finder__toggle")


def first_result_top(page) -> float:
    return page.evaluate("""() => {
        const row = [...document.querySelectorAll('.hub-finder__results tr[data-hub-id], .hub-list tr[data-hub-id]')]
            .find(r => r.offsetParent !== null);
        return row.getBoundingClientRect().top + scrollY;
    }""")


def test_the_filters_fold_away_and_the_first_result_is_on_the_first_screen(phone, site_url):
    open_finder(phone, f"{site_url}/case-studies/")
    assert phone.get_attribute(".hub-finder__toggle", "aria-expanded") == "false"
    assert phone.is_hidden(".hub-finder__facets") and phone.text_content(".hub-finder__toggle") == "筛选"
    top = first_result_top(phone)
    assert top + 40 < PHONE["height"], top  # the first result, and some of it, without scrolling


def test_the_button_counts_the_chosen_filters_and_opens_them(phone, site_url):
    open_finder(phone, f"{site_url}/case-studies/?industry=retail&industry=finance")
    assert phone.text_content(".hub-finder__toggle") == "筛选 (2)"
    assert first_result_top(phone) + 40 < PHONE["height"]
    phone.click(".hub-finder__toggle")
    assert phone.get_attribute(".hub-finder__toggle", "aria-expanded") == "true"
    phone.check('.hub-facet input[name="deal_type"][value="strategic"]')
    assert phone.text_content(".hub-finder__toggle") == "筛选 (3)"
    expected = [r for r in CASES if r.entity.customer.industry in ("retail", "finance") and r.entity.deal_type == "strategic"]
    assert phone.text_content(".hub-finder__done") == f"查看 {len(expected)} 项结果"
    phone.click(".hub-finder__done")
    assert phone.is_hidden(".hub-finder__facets")


def test_the_filter_state_survives_in_the_url(phone, site_url):
    open_finder(phone, f"{site_url}/case-studies/")
    phone.click(".hub-finder__toggle")
    phone.check('.hub-facet input[name="industry"][value="retail"]')
    phone.select_option(".hub-finder__sort select", "name")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(phone.url).query) == {"industry": ["retail"], "sort": ["name"]}
    phone.reload()
    phone.wait_for_selector(".hub-finder__results tr[data-hub-id]")
    retail = sorted(r.id for r in CASES if r.entity.customer.industry == "retail")
    found = phone.eval_on_selector_all(".hub-finder__results tr[data-hub-id]", "els => els.map(e => e.dataset.hubId)")
    assert sorted(found) == retail
    assert phone.text_content(".hub-finder__toggle") == "筛选 (1)"
    assert phone.input_value(".hub-finder__sort select") == "name"
    assert phone.is_hidden(".hub-finder__facets")  # folded again: results first
    assert first_result_top(phone) + 40 < PHONE["height"]


@pytest.mark.parametrize("path", ["case-studies/", "case-studies/?industry=retail", "battlecards/",
                                  "battlecards/shuheng-metricone/", "products/tidehub/"])
def test_nothing_is_wider_than_the_phone(phone, site_url, path):
    phone.goto(f"{site_url}/{path}")
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    clipped = phone.eval_on_selector_all(".md-typeset__scrollwrap", """wraps => wraps
        .filter(w => w.offsetParent !== null && w.scrollWidth > w.clientWidth + 1 && !w.hasAttribute('data-hub-overflow'))
        .length""")
    assert clipped == 0, "a table is clipped without its scroll hint"


def test_listing_rows_and_the_comparison_reflow(phone, site_url):
    phone.goto(f"{site_url}/battlecards/shuheng-metricone/")
    phone.wait_for_load_state("networkidle")
    card = phone.eval_on_selector(".hub-comparison .md-typeset__scrollwrap",
                                  "w => [w.scrollWidth, w.clientWidth, w.hasAttribute('data-hub-overflow')]")
    assert card[0] <= card[1] and not card[2]  # fits: no sideways scrolling for the comparison
    labels = phone.eval_on_selector(".hub-comparison tbody tr td:nth-child(2)", "td => getComputedStyle(td, '::before').content")
    assert "我方" in labels
    phone.goto(f"{site_url}/case-studies/")
    phone.wait_for_load_state("networkidle")
    assert phone.eval_on_selector(".hub-list tbody tr", "tr => getComputedStyle(tr).display") == "block"


def test_a_table_that_scrolls_says_so(browser, site_url):
    with new_page(browser, viewport={"width": 320, "height": 700}) as page:
        page.goto(f"{site_url}/battlecards/shuheng-metricone/")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)
        wide = page.eval_on_selector_all("[data-hub-overflow]", "els => els.map(e => [e.getAttribute('role'), e.tabIndex, "
                                         "e.previousElementSibling.textContent])")
        assert wide, "some table of the battle card is wider than 320 px"
        assert all(w == ["region", 0, "← 左右滑动查看 →"] for w in wide), wide
        page.set_viewport_size({"width": 1280, "height": 900})
        page.wait_for_timeout(400)
        assert page.locator("[data-hub-overflow]").count() == 0 and page.locator(".hub-scroll-hint").count() == 0


def test_on_a_desktop_the_filters_are_open(page, site_url):
    open_finder(page, f"{site_url}/case-studies/")
    assert page.get_attribute(".hub-finder__toggle", "aria-expanded") == "true" and page.is_visible(".hub-finder__facets")
    assert page.is_hidden(".hub-finder__done")


def test_a_table_that_fits_has_no_hint(page, site_url):
    for path in ("toolkits/tidecrm/quick/", "battlecards/shuheng-metricone/", "case-studies/?industry=retail"):
        page.goto(f"{site_url}/{path}")
        page.wait_for_load_state("networkidle")
        assert page.locator(".hub-scroll-hint").count() == 0, path
