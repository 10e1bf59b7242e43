"""Finders on listing pages, in Chromium against the real build of the sample hub.

Facets filter instantly, show counts, keep their state in the query string (contract field
names as keys, ids as values), filter across every page of a paginated listing (from
<folder>/finder.json); sorts (name, newest, freshness) are in the query string too; a filtered
or sorted list is the listing's own table; and without JavaScript the paginated list is all
there is. Expected results come from the catalog, never from the page under test. On a phone:
test_finder_phone.py.
"""
import datetime as dt
import re
import urllib.parse

import pytest
from browserkit import new_page, serve
from conftest import BUILD_DAY, REPO, build, built, make_project

from pmmhub.relate.catalog import load
from pmmhub.render.pages import PAGE_SIZE, ordered

CATALOG = load(REPO / "data")
CASES = ordered(CATALOG, "case-study")


def ids(records):
    return sorted(r.id for r in records)


def open_finder(page, url):
    page.goto(url)
    page.wait_for_selector(".hub-finder:not([hidden]) .hub-facet")


def shown(page) -> list[str]:
    """The ids of the results the finder shows, or of the page's rows when no filter is on."""
    if page.is_visible(".hub-finder__results"):
        return sorted(page.eval_on_selector_all(".hub-finder__results [data-hub-id]",
                                                "els => els.map(e => e.dataset.hubId)"))
    return sorted(page.eval_on_selector_all(".hub-list tr[data-hub-id]", "els => els.map(e => e.dataset.hubId)"))


def query(page) -> dict:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)


def count(page, key, value) -> int:
    return int(page.text_content(f'.hub-facet input[name="{key}"][value="{value}"] ~ .hub-facet__count'))


def check(page, key, value):
    page.check(f'.hub-facet input[name="{key}"][value="{value}"]')


def test_a_facet_filters_instantly_and_writes_the_query_string(page, site_url):
    open_finder(page, f"{site_url}/case-studies/")
    assert shown(page) == ids(CASES)
    check(page, "industry", "retail")
    retail = [r for r in CASES if r.entity.customer.industry == "retail"]
    assert shown(page) == ids(retail)
    assert query(page) == {"industry": ["retail"]}
    assert page.text_content(".hub-finder__status") == f"显示 {len(retail)} / {len(CASES)} 项"
    assert page.is_hidden(".hub-list")


def test_counts_say_what_each_value_would_show(page, site_url):
    open_finder(page, f"{site_url}/case-studies/")
    for industry in {r.entity.customer.industry for r in CASES}:
        assert count(page, "industry", industry) == sum(r.entity.customer.industry == industry for r in CASES)
    check(page, "industry", "retail")
    retail = [r for r in CASES if r.entity.customer.industry == "retail"]
    for product in {p for r in CASES for p in r.entity.products}:
        assert count(page, "product", product) == sum(product in r.entity.products for r in retail), product
    # within a facet the count ignores the facet's own choice: other industries still show theirs
    assert count(page, "industry", "finance") == sum(r.entity.customer.industry == "finance" for r in CASES)


def test_a_shared_url_opens_the_same_filtered_view(page, site_url):
    open_finder(page, f"{site_url}/case-studies/?industry=retail&product=tidehub")
    expected = [r for r in CASES if r.entity.customer.industry == "retail" and "tidehub" in r.entity.products]
    assert expected and shown(page) == ids(expected)
    assert page.is_checked('input[name="industry"][value="retail"]')
    assert page.is_checked('input[name="product"][value="tidehub"]')


def test_values_of_one_facet_add_up_and_facets_narrow(page, site_url):
    open_finder(page, f"{site_url}/case-studies/?industry=retail&industry=finance")
    either = [r for r in CASES if r.entity.customer.industry in ("retail", "finance")]
    assert shown(page) == ids(either)
    check(page, "deal_type", "strategic")
    both = [r for r in either if r.entity.deal_type == "strategic"]
    assert shown(page) == ids(both)
    assert query(page) == {"industry": ["retail", "finance"], "deal_type": ["strategic"]}


@pytest.mark.parametrize("key, value, keep", [
    ("displaced", "shuheng-metricone", lambda e: "shuheng-metricone" in e.displaced),
    ("reference_calls", "yes", lambda e: e.approvals.reference_calls),
    ("size", "enterprise", lambda e: e.customer.size == "enterprise"),
    ("region", "east-china", lambda e: e.customer.region == "east-china"),
    ("persona", "cio", lambda e: "cio" in e.personas),
])
def test_every_case_study_facet_filters(page, site_url, key, value, keep):
    open_finder(page, f"{site_url}/case-studies/?{key}={value}")
    expected = [r for r in CASES if keep(r.entity)]
    assert expected and shown(page) == ids(expected)


@pytest.mark.parametrize("folder, key, value, kind, keep", [
    ("battlecards", "threat", "high", "battlecard", lambda e: e.threat == "high"),
    ("battlecards", "product", "tidecrm", "battlecard", lambda e: "tidecrm" in e.products),
    ("solutions", "industry", "retail", "solution", lambda e: e.industry == "retail"),
    ("solutions", "scenario", "management-cockpit", "solution", lambda e: e.scenario == "management-cockpit"),
    ("solutions", "function", "sales", "solution", lambda e: e.function == "sales"),
    ("products", "stage", "in-market", "product", lambda e: e.lifecycle.stage == "in-market"),
])
def test_battle_cards_solutions_and_products_have_finders(page, site_url, folder, key, value, kind, keep):
    open_finder(page, f"{site_url}/{folder}/?{key}={value}")
    expected = [r for r in ordered(CATALOG, kind) if keep(r.entity)]
    assert expected and shown(page) == ids(expected)


def test_results_link_to_their_pages(page, site_url):
    open_finder(page, f"{site_url}/battlecards/?threat=high")
    page.click('.hub-finder__results [data-hub-id="shuheng-metricone"] a')
    page.wait_for_url("**/battlecards/shuheng-metricone/")
    assert page.is_visible('.hub-header[data-hub-id="shuheng-metricone"]')


def test_clearing_shows_the_page_again(page, site_url):
    open_finder(page, f"{site_url}/case-studies/?industry=retail")
    page.click(".hub-finder__clear")
    assert shown(page) == ids(CASES) and page.is_visible(".hub-list")
    assert query(page) == {} and not page.is_checked('input[name="industry"][value="retail"]')


def test_unknown_keys_and_values_are_ignored(page, site_url):
    open_finder(page, f"{site_url}/case-studies/?industry=atlantis&colour=blue")
    assert shown(page) == ids(CASES)


def test_a_facet_every_entity_shares_is_not_offered(page, site_url):
    assert all(r.entity.results for r in CASES)  # "有量化成效" would show 12 of 12
    open_finder(page, f"{site_url}/case-studies/")
    assert page.locator('.hub-facet[data-facet="results"]').count() == 0
    assert page.locator('.hub-facet[data-facet="reference_calls"]').count() == 1


def order(page) -> list[str]:
    return page.eval_on_selector_all(".hub-finder__results tr[data-hub-id]", "els => els.map(e => e.dataset.hubId)")


def due(record) -> dt.date:
    e = record.entity
    return e.reviewed + dt.timedelta(days=e.review_every or CATALOG.hub.review_interval(record.kind))


def test_sorting_by_name_newest_and_freshness(page, site_url):
    open_finder(page, f"{site_url}/case-studies/")
    assert order(page) == [] and page.is_visible(".hub-list")  # the listing's own order, its own page
    page.select_option(".hub-finder__sort select", "newest")
    newest = sorted(CASES, key=lambda r: r.entity.date or r.entity.reviewed, reverse=True)
    assert order(page) == [r.id for r in newest] and query(page) == {"sort": ["newest"]}
    page.select_option(".hub-finder__sort select", "fresh")
    assert order(page) == [r.id for r in sorted(CASES, key=due, reverse=True)] and query(page) == {"sort": ["fresh"]}
    page.select_option(".hub-finder__sort select", "name")
    names = page.evaluate("names => names.slice().sort(new Intl.Collator('zh').compare)", [r.entity.name for r in CASES])
    assert [CATALOG.get("case-study", i).entity.name for i in order(page)] == names
    page.select_option(".hub-finder__sort select", "")
    assert query(page) == {} and page.is_visible(".hub-list") and page.is_hidden(".hub-finder__results")


def test_a_sort_and_filters_in_a_shared_url(page, site_url):
    open_finder(page, f"{site_url}/case-studies/?deal_type=strategic&sort=newest")
    strategic = [r for r in CASES if r.entity.deal_type == "strategic"]
    assert order(page) == [r.id for r in sorted(strategic, key=lambda r: r.entity.date or r.entity.reviewed, reverse=True)]
    assert page.input_value(".hub-finder__sort select") == "newest"
    open_finder(page, f"{site_url}/case-studies/?sort=colour")  # an unknown sort is the default order
    assert page.input_value(".hub-finder__sort select") == "" and page.is_visible(".hub-list")


def row_texts(page, selector) -> dict[str, list[str]]:
    return page.eval_on_selector_all(f"{selector} tr[data-hub-id]", """rows => Object.fromEntries(rows.map(
        r => [r.dataset.hubId, [...r.cells].map(c => c.className + '|' + c.textContent.trim())]))""")


def test_a_filtered_list_keeps_the_listings_table(page, site_url):
    open_finder(page, f"{site_url}/battlecards/")
    before = row_texts(page, ".hub-list")
    head = page.text_content(".hub-list thead")
    check(page, "threat", "high")
    after = row_texts(page, ".hub-finder__results")
    high = [r.id for r in ordered(CATALOG, "battlecard") if r.entity.threat == "high"]
    assert list(after) == high and all(after[i] == before[i] for i in high)  # the same cells, badges and all
    assert page.text_content(".hub-finder__results thead") == head
    assert page.locator(".hub-finder__results .hub-badge--threat-high").count() == len(high)
    assert page.eval_on_selector(".hub-finder__results table", "t => getComputedStyle(t).display") == \
        page.eval_on_selector(".hub-list table", "t => getComputedStyle(t).display")


def test_without_javascript_the_full_list_shows(browser, site_url):
    with new_page(browser, java_script_enabled=False) as page:
        page.goto(f"{site_url}/case-studies/?industry=retail")
        assert page.is_hidden(".hub-finder")
        rows = page.eval_on_selector_all(".hub-list tr[data-hub-id]", "els => els.map(e => e.dataset.hubId)")
        assert sorted(rows) == ids(CASES)


# At scale: the finder filters across every page, not only the rows of the page it is on.


@pytest.fixture(scope="module")
def paginated(tmp_path_factory):
    from hubdev.synth import generate

    root = tmp_path_factory.mktemp("finder-scale")
    generate(root / "synth", 160, seed=3, today=BUILD_DAY)
    done = built(build(make_project(root / "portal", data=root / "synth" / "data"), "synthetic hub, 160 entities"))
    with serve(done.site) as url:
        yield url, load(root / "synth" / "data")


def test_the_finder_filters_across_every_page_of_a_listing(page, paginated):
    url, catalog = paginated
    cases = ordered(catalog, "case-study")
    assert len(cases) > PAGE_SIZE
    on_page_two = cases[PAGE_SIZE]
    industry = on_page_two.entity.customer.industry
    open_finder(page, f"{url}/case-studies/?industry={industry}")  # from page 1 …
    expected = [r for r in cases if r.entity.customer.industry == industry]
    assert on_page_two.id in shown(page) and shown(page) == ids(expected)
    open_finder(page, f"{url}/case-studies/page/2/?industry={industry}")  # … and from page 2
    assert shown(page) == ids(expected)
    assert page.is_hidden(".hub-pager")


def test_the_finder_speaks_the_hub_language(page, portal_build_en):
    with serve(portal_build_en.site) as url:
        open_finder(page, f"{url}/battlecards/?threat=high")
        assert page.text_content(".hub-finder__toggle") == "Filter (1)"
        assert page.text_content(".hub-finder__sort") .startswith("Sort")
        assert page.text_content('.hub-facet[data-facet="threat"] legend') == "Threat"
        assert re.fullmatch(r"Showing \d+ of \d+", page.text_content(".hub-finder__status"))
        assert page.text_content(".hub-finder__clear") == "Clear filters"
