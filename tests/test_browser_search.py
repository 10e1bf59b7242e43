"""Search quality in the browser: Material's search on the built sample hub, typed as a rep types.

A Chinese word from a battle card's objection handling, an English product name and a
competitor's name each find the right page at the top. If one fails, fix the ranking
(search boost in front matter, the separator in mkdocs.yml, what is excluded from
search), not the test.
"""
import json

import pytest


def search(page, site_url, query: str) -> list[str]:
    """The pages (site paths, best first) Material's search lists for ``query`` typed on the home page."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(f"{site_url}/")
    page.click(".md-search__input")
    page.keyboard.type(query, delay=20)
    page.wait_for_function(f"document.querySelector('.md-search__input').value === {json.dumps(query)}")
    # The index loads in a web worker; keys typed before it is ready are not searched (the box
    # says "type to start searching"), so, as a rep would, type a space and take it back.
    for _ in range(30):
        try:
            page.wait_for_selector(".md-search-result__item", timeout=1_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Space")
            page.keyboard.press("Backspace")
    # Results follow each keystroke: wait until they are for the whole query and stop changing.
    seen, links = None, []
    for _ in range(40):
        page.wait_for_timeout(200)
        links = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link:first-child",
                                          "els => els.map(a => new URL(a.href).pathname)")
        if links and links == seen:
            break
        seen = links
    return [link.lstrip("/") for link in links]


def test_a_word_from_objection_handling_finds_its_battle_card(page, site_url):
    assert "battlecards/shuheng-metricone/" in search(page, site_url, "压舱石")[:3]


def test_an_english_product_name_finds_the_product(page, site_url):
    assert "products/tidehub/" in search(page, site_url, "TideHub")[:3]


@pytest.mark.parametrize("name, card", [
    ("MetricOne", "shuheng-metricone"),
    ("数衡科技", "shuheng-metricone"),
    ("青梧", "qingwu-crm"),
    ("Norvan", "norvan-analytics"),
    ("PeakChart", "fengtu-bi"),  # written 峰图 BI（PeakChart）: brackets separate words
])
def test_a_competitors_name_finds_its_battle_card_first(page, site_url, name, card):
    assert search(page, site_url, name)[0] == f"battlecards/{card}/"


def test_aggregate_pages_stay_out_of_search(page, site_url, built_site):
    """Role views and what's new repeat entity content: the entity pages answer, not the digests."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith(("roles/", "whatsnew/"))]
    found = search(page, site_url, "TideHub")
    assert len(found) >= 5 and not any(p.startswith(("roles/", "whatsnew/")) for p in found), found
