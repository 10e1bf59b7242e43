"""The hub's search in Chromium, typed as a rep types, on the sample hub built for real.

The relevance suite: realistic queries (Chinese, English, mixed, synonyms, competitor names,
phrases such as 一票否决), each with the pages that answer it; it reports hit@3 and MRR and
holds them to hit@3 >= 95 % and MRR >= 0.9. Then the UI: a real input on the home page, the
/ and S shortcuts and the header dialog, kind labels and narrowing, summary and freshness,
an empty result's suggestions, highlighting on the target page, nothing fetched from
elsewhere; and the same search under Zensical, in English and in the public edition.
If a query fails, fix the ranking (pmmhub/search, docs/assets/search.js, the synonyms of
data/hub.yml), not the suite.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from browserkit import serve
from conftest import REPO, make_project

from pmmhub.engines.run import build_with
from pmmhub.search import FOLDER, write_index

DAY = dt.date(2026, 12, 1)

# query -> the pages that answer it (any of them in the top 3 is a hit)
SUITE = {
    "零售": ["solutions/retail-member-growth/", "case-studies/jinhe-retail-member-data/",
             "case-studies/qimu-home-omnichannel/", "case-studies/zhixia-tea-crm/", "case-studies/hean-pharmacy-analytics/"],
    "retail": ["solutions/retail-member-growth/", "case-studies/jinhe-retail-member-data/",
               "case-studies/qimu-home-omnichannel/", "case-studies/zhixia-tea-crm/", "case-studies/hean-pharmacy-analytics/"],
    "零售 案例": ["case-studies/jinhe-retail-member-data/", "case-studies/qimu-home-omnichannel/",
                 "case-studies/zhixia-tea-crm/", "case-studies/hean-pharmacy-analytics/"],
    "TideHub": ["products/tidehub/"],
    "tidehub 数据中台": ["products/tidehub/"],
    "TideCRM": ["products/tidecrm/"],
    "tidereport": ["products/tidereport-classic/"],
    "TideAgent": ["products/tideagent/", "launches/tideagent-cocreation-2027/"],
    "一票否决": ["personas/security-officer/"],
    "太贵": ["personas/smb-owner/", "battlecards/shuheng-metricone/", "battlecards/qingwu-crm/"],
    "客户说太贵了": ["personas/smb-owner/", "battlecards/shuheng-metricone/", "battlecards/qingwu-crm/"],
    "cheaper": ["battlecards/shuheng-metricone/", "battlecards/qingwu-crm/", "personas/smb-owner/"],
    "price": ["battlecards/qingwu-crm/", "battlecards/shuheng-metricone/", "personas/smb-owner/",
              "products/tidecrm/", "solutions/smb-sales-quickstart/"],
    "MetricOne 便宜": ["battlecards/shuheng-metricone/"],
    "MetricOne": ["battlecards/shuheng-metricone/"],
    "metricone": ["battlecards/shuheng-metricone/"],
    "数衡科技": ["battlecards/shuheng-metricone/"],
    "青梧": ["battlecards/qingwu-crm/"],
    "Norvan": ["battlecards/norvan-analytics/"],
    "PeakChart": ["battlecards/fengtu-bi/"],
    "峰图": ["battlecards/fengtu-bi/"],
    "压舱石": ["battlecards/shuheng-metricone/"],
    "开源自研": ["battlecards/self-build-open-source/"],
    "open source": ["battlecards/self-build-open-source/"],
    "银行 案例": ["case-studies/city-commercial-bank-metrics/"],
    "bank": ["case-studies/city-commercial-bank-metrics/"],
    "医院": ["case-studies/private-hospital-group-data/"],
    "药房": ["case-studies/hean-pharmacy-analytics/"],
    "经营驾驶舱": ["solutions/manufacturing-operations-cockpit/"],
    "制造 驾驶舱": ["solutions/manufacturing-operations-cockpit/"],
    "信息安全": ["personas/security-officer/"],
    "CIO": ["personas/cio/"],
    "数据平台负责人": ["personas/data-lead/"],
    "销售总监": ["personas/sales-director/"],
    "中小企业 CRM": ["solutions/smb-sales-quickstart/", "products/tidecrm/", "battlecards/qingwu-crm/",
                   "personas/smb-owner/", "case-studies/hengyue-precision-crm/"],
    "TideInsight 上市": ["launches/tideinsight-ga-2027/", "products/tideinsight/"],
    "经典版迁移": ["products/tidereport-classic/", "launches/tideinsight-ga-2027/", "battlecards/fengtu-bi/",
                 "case-studies/hengchuan-electric-insight/"],
    "会员复购": ["case-studies/jinhe-retail-member-data/", "solutions/retail-member-growth/"],
    "logistics": ["case-studies/regional-express-logistics/"],
    "锦禾": ["case-studies/jinhe-retail-member-data/"],
    "茶饮 CRM": ["case-studies/zhixia-tea-crm/"],
    "education CRM": ["case-studies/zhixingyuan-education-crm/"],
    "大模型问数": ["battlecards/shuheng-metricone/", "products/tideinsight/"],
    "数据出境": ["personas/security-officer/", "battlecards/norvan-analytics/"],
}


def built(root: Path, engine: str = "mkdocs", audience: str = "internal", hub: dict | None = None) -> Path:
    """The sample hub built with ``engine`` and indexed (``write_index``: the index a build writes beside the engine)."""
    make_project(root, data=REPO / "data", hub=hub)
    site = root / "site"
    result = build_with(engine, root / "mkdocs.yml", audience, site, day=DAY)
    write_index(site, result.prepared)
    return site


@pytest.fixture(scope="module")
def search_url(tmp_path_factory):
    with serve(built(tmp_path_factory.mktemp("search"))) as url:
        yield url


def search(page, url: str, query: str, box: str = ".hub-search") -> list[str]:
    """The pages (site paths, best first) the home page's box lists for ``query``, typed key by key."""
    if not page.url.startswith(url) or page.url.split("?")[0].rstrip("/") != url:
        page.goto(f"{url}/")
    field = page.locator(f"{box} .hub-find__input")
    field.fill("")
    field.click()
    page.keyboard.type(query, delay=5)
    return results(page, url, query, box)


def results(page, url: str, query: str, box: str = ".hub-search") -> list[str]:
    page.wait_for_selector(f"{box}[data-hub-find-query={json.dumps(query, ensure_ascii=False)}]",
                           state="attached", timeout=10_000)
    links = page.eval_on_selector_all(f"{box} a.hub-find__link", "els => els.map(a => a.href)")
    return [link[len(url) + 1:].split("?")[0] for link in links]


def test_the_relevance_suite_finds_the_right_page_first(page, search_url):
    assert len(SUITE) >= 30
    ranks = {}
    for query, answers in SUITE.items():
        found = search(page, search_url, query)
        ranks[query] = next((i + 1 for i, path in enumerate(found) if path in answers), None), found[:3]
    hit3 = sum(1 for rank, _ in ranks.values() if rank and rank <= 3) / len(SUITE)
    mrr = sum(1 / rank for rank, _ in ranks.values() if rank) / len(SUITE)
    misses = {q: top for q, (rank, top) in ranks.items() if not rank or rank > 1}
    print(f"\nsearch relevance: {len(SUITE)} queries, hit@3 {hit3:.1%}, MRR {mrr:.3f}; not first: {misses}")
    assert hit3 >= 0.95, misses
    assert mrr >= 0.9, misses


def test_whole_words_beat_parts_of_words_and_names_beat_mentions(page, search_url):
    retail = search(page, search_url, "零售")
    assert "case-studies/auto-parts-leader-data-platform/" not in retail  # 零部件 is not 零售
    tidehub = search(page, search_url, "TideHub")
    assert tidehub[0] == "products/tidehub/" and len(tidehub) >= 5  # the product, then the pages that mention it


def test_the_home_box_is_a_real_input_that_takes_typing_and_paste(page, search_url):
    page.goto(f"{search_url}/")
    box = page.locator(".hub-search input.hub-find__input")
    assert box.get_attribute("type") == "search"
    box.click()
    assert page.evaluate("document.activeElement.matches('.hub-search input')")
    page.keyboard.insert_text("MetricOne")  # what a paste (or a phone's keyboard) delivers
    assert results(page, search_url, "MetricOne")[0] == "battlecards/shuheng-metricone/"


def test_a_tap_on_a_phone_focuses_the_box(browser, search_url):
    from browserkit import new_page

    with new_page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True) as phone:
        phone.goto(f"{search_url}/")
        phone.tap(".hub-search input.hub-find__input")
        assert phone.evaluate("document.activeElement.matches('.hub-search input')")  # the keyboard opens


def test_results_show_kind_summary_and_freshness_and_narrow_by_kind(page, search_url):
    search(page, search_url, "TideHub")
    first = page.locator(".hub-search .hub-find__item").first
    assert first.locator(".hub-find__kind").inner_text() == "产品"
    assert first.locator(".hub-find__summary").inner_text()
    assert "复核于 2026-" in first.locator(".hub-find__fresh").inner_text()
    page.click(".hub-search .hub-find__kind-filter[data-kind='case-study']")
    kinds = page.eval_on_selector_all(".hub-search .hub-find__item", "els => els.map(e => e.dataset.kind)")
    assert kinds and set(kinds) == {"case-study"}
    labels = page.eval_on_selector_all(".hub-search .hub-find__item .hub-find__kind", "els => els.map(e => e.textContent)")
    assert set(labels) == {"客户案例"}


def test_an_empty_result_suggests_a_spelling_and_the_finders(page, search_url):
    search(page, search_url, "Metricnoe")
    assert page.locator(".hub-search .hub-find__none").is_visible()
    page.wait_for_selector(".hub-search .hub-find__spelling")
    assert page.locator(".hub-search .hub-find__spelling").inner_text() == "metricone"
    page.click(".hub-search .hub-find__spelling")
    assert results(page, search_url, "metricone")[0] == "battlecards/shuheng-metricone/"
    search(page, search_url, "量子纠缠")
    finders = page.eval_on_selector_all(".hub-search a.hub-find__finder", "els => els.map(a => a.getAttribute('href'))")
    assert any(href.endswith("/case-studies/") for href in finders)


def test_slash_and_s_open_search_and_the_target_page_highlights_the_words(page, search_url):
    page.goto(f"{search_url}/battlecards/qingwu-crm/")
    page.keyboard.press("/")
    dialog = page.locator(".hub-find--dialog .hub-find__input")
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.matches('.hub-find--dialog input')")
    page.keyboard.type("压舱石", delay=5)
    assert results(page, search_url, "压舱石", ".hub-find--dialog")[0] == "battlecards/shuheng-metricone/"
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    page.keyboard.press("s")
    assert dialog.is_visible()
    page.click(".hub-find--dialog a.hub-find__link >> nth=0")
    page.wait_for_url("**/battlecards/shuheng-metricone/?h=*")
    marks = page.eval_on_selector_all("article mark.hub-find__mark", "els => els.map(e => e.textContent)")
    assert "压舱石" in marks
    page.goto(f"{search_url}/")
    page.keyboard.press("s")  # on the home page: the big box
    assert page.evaluate("document.activeElement.matches('.hub-search input')")


def test_the_browser_and_python_agree_on_shards(page, search_url):
    from pmmhub.search import text

    page.goto(f"{search_url}/")
    for term in ("w:tidehub", "g:零售", "n:数衡科技metricone", "s:3", "w:ｍ"):
        assert page.evaluate(f"hubSearch.shardOf({json.dumps(term)}, 256)") == text.shard_of(term, 256), term


def test_search_fetches_only_the_hubs_small_files_from_the_site(page, search_url):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    search(page, search_url, "数衡科技 太贵")
    assert all(url.startswith(search_url) for url in requests), [u for u in requests if not u.startswith(search_url)]
    assert not [u for u in requests if "search_index.json" in u or u.endswith("/search.json")]  # the theme's index
    assert any(f"/{FOLDER}/t/" in u for u in requests)


@pytest.mark.parametrize("engine, audience, language", [("zensical", "internal", "zh"), ("mkdocs", "public", "en")])
def test_other_engines_editions_and_languages(browser, tmp_path, engine, audience, language):
    from browserkit import new_page

    site = built(tmp_path / "p", engine, audience, {"language": language} if language != "zh" else None)
    with serve(site) as url:
        with new_page(browser) as tab:
            found = search(tab, url, "retail")
            assert found and found[0] in SUITE["retail"], found
            if audience == "public":
                assert search(tab, url, "MetricOne") == [] or not any(p.startswith("battlecards/") for p in
                                                                      search(tab, url, "MetricOne"))
                assert tab.locator(".hub-search .hub-find__none").inner_text().startswith("Nothing found")
            else:
                assert search(tab, url, "MetricOne")[0] == "battlecards/shuheng-metricone/"
                tab.goto(f"{url}/products/tidehub/")
                tab.keyboard.press("/")
                assert tab.locator(".hub-find--dialog .hub-find__input").is_visible()


def test_on_a_wide_screen_the_header_magnifier_opens_the_search(page, search_url):
    """The hub's search has no header field, so the magnifier shows on every screen and opens the dialog."""
    page.goto(f"{search_url}/battlecards/qingwu-crm/")
    button = page.locator('.md-header__button[for="__search"]')
    assert button.is_visible()
    button.click()
    page.wait_for_function("document.activeElement && document.activeElement.matches('.hub-find--dialog .hub-find__input')")
    page.keyboard.type("MetricOne")
    first = page.wait_for_selector(".hub-find--dialog .hub-find__item", timeout=10_000)
    assert "shuheng-metricone" in first.inner_html()


def test_the_magnifier_gives_the_field_the_focus_at_once(page, search_url):
    """Keys typed right after the click land in the field: it has the focus when the click returns."""
    page.goto(f"{search_url}/battlecards/qingwu-crm/")
    focused = page.evaluate("""() => {
        document.querySelector('.md-header__button[for="__search"]').click();
        return document.activeElement.matches('.hub-find--dialog .hub-find__input');
    }""")
    assert focused
