"""The portal built for real (``mkdocs build --strict``) from the small fixture hub.

tests/fixtures/portal/data has every kind, every badge and some hostile text; it is built
once per session on a fixed day (conftest.BUILD_DAY = 2026-11-20).
"""
import json
import re

import pytest
from conftest import FIXTURE_DATA, article, broken_links, hrefs, links_from, search_rows, text, third_party_requests

from pmmhub.relate.catalog import load
from pmmhub.model.fields import leaves
from pmmhub.model import KINDS

CATALOG = load(FIXTURE_DATA)


def labels(html: str) -> dict:
    """The labels the page hands to docs/assets/hub.js."""
    return json.loads(re.search(r'<script id="hub-labels" type="application/json">(.*?)</script>', html).group(1))


def page_of(record) -> str:
    return f"{KINDS[record.kind].folder}/{record.id}/"


def test_the_build_is_clean(portal_build):
    assert "WARNING" not in portal_build.output
    assert "ERROR" not in portal_build.output


@pytest.mark.parametrize("record", list(CATALOG), ids=lambda r: f"{r.kind}:{r.id}")
def test_every_entity_has_a_page_titled_with_its_name(portal_build, record):
    html = portal_build.page(page_of(record))
    assert re.search(r"<h1>([^<]*)</h1>", article(html)).group(1) == record.entity.name
    assert f'data-hub-id="{record.id}"' in html


def test_entities_link_each_other_both_ways(portal_build):
    assert CATALOG.links, "the fixture must have references"
    for link in CATALOG.links:
        source, target = CATALOG.get(*link.source), CATALOG.get(*link.target)
        out = links_from(portal_build.page(page_of(source)), page_of(source))
        back = links_from(portal_build.page(page_of(target)), page_of(target))
        assert page_of(target) in out, f"{source.path} {link.field} → {target.path}: no link"
        assert page_of(source) in back, f"{target.path}: no link back to {source.path}"


def test_every_internal_link_resolves(portal_build):
    assert broken_links(portal_build.site) == []


def test_badges_show_stage_threat_visibility_and_freshness(portal_build):
    lanyun = article(portal_build.page("products/lanyun/"))
    assert 'hub-badge--stage-in-market">在售<' in lanyun
    assert 'hub-badge--visibility-public">可对客户公开<' in lanyun
    assert "@zhou-lan 12 天前核实" in text(lanyun)
    assert "hub-badge--stale" not in lanyun
    assert 'hub-badge--stage-end-of-life">退市<' in portal_build.page("products/lanbao-classic/")
    xingyao = article(portal_build.page("battlecards/xingyao/"))
    assert 'hub-badge--threat-high">威胁：高<' in xingyao
    assert 'hub-badge--visibility-internal">内部<' in xingyao
    assert "@wang-chen 10 天前核实" in text(xingyao)
    assert "hub-badge--stale" not in xingyao


def test_past_its_review_interval_an_entity_is_marked_stale(portal_build):
    beichen = article(portal_build.page("battlecards/beichen/"))  # reviewed 2026-09-01, every 30 days
    assert re.search(r'hub-badge--stale" title="[^"]*30[^"]*2026-10-01[^"]*">待复核<', beichen)
    assert "@wang-chen 80 天前核实" in text(beichen)
    listing = portal_build.page("battlecards/")
    assert re.search(r'<tr data-hub-id="beichen"[^>]* data-stale', listing)


def test_entity_pages_edit_their_yaml_file(portal_build):
    repo = "https://git.chengchao.example/pmm/hub/-/edit/main/"
    for record in CATALOG:
        html = portal_build.page(page_of(record))
        edit = re.search(r'<a href="([^"]+)"[^>]*rel="edit"', html)
        assert edit and edit.group(1) == f"{repo}data/{KINDS[record.kind].folder}/{record.id}.yml"
    assert f'href="{repo}docs/authoring.md"' in portal_build.page("authoring/")
    assert 'rel="edit"' not in portal_build.page("battlecards/")  # a listing has no single source


def test_a_battle_card_opens_with_the_30_second_read(portal_build):
    content = article(portal_build.page("battlecards/xingyao/"))
    sections = re.findall(r'<h2[^>]* id="([^"]+)"', content)
    assert sections[0] == "quick-take"
    body = text(content)
    we, they, say = body.index("我们赢在"), body.index("对手赢在"), body.index("一句话说法")
    assert we < they < say < body.index("异议应对")
    assert "星耀卖工具，岚云交付结果。" in body
    assert "<strong>指标口径统一</strong>" in content  # Markdown fields are rendered


def test_data_that_looks_like_jinja_renders_literally(portal_build):
    body = text(article(portal_build.page("products/lanyun/")))
    assert "模板语法原样显示：{{ 7*7 }} 和 {% raw %} 不会被执行。" in body


def test_hostile_text_is_inert(portal_build):
    content = article(portal_build.page("battlecards/xingyao/"))
    assert "<script" not in content
    assert "javascript:" not in content
    assert "&lt;script&gt;alert('x')&lt;/script&gt; 星耀说 *我们* 不行" in content  # as text, in its heading
    assert '<a href="https://lanyun.example" rel="noopener noreferrer">官网</a>' in content
    assert '--8&lt;-- "/etc/passwd"' in text(content).replace("<", "&lt;")  # a code block, not an include


def test_anonymous_customers_are_nameless_everywhere(portal_build):
    for file in portal_build.site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".json", ".xml"):
            assert "秘密机械集团" not in file.read_text(encoding="utf-8"), file
    assert "某制造客户（匿名）" in text(portal_build.page("case-studies/hidden-factory/"))


def test_the_navigation_lists_listings_never_entities(portal_build):
    html = portal_build.page("battlecards/xingyao/")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'): html.index("</nav>", html.index("md-nav--primary"))]
    targets = {h.split("#")[0] for h in hrefs(nav)}
    assert not any(re.search(r"(products|personas|battlecards|case-studies|solutions|launches)/[a-z0-9-]+/$", h)
                   and not h.endswith("launches/dashboard/") for h in targets), targets
    assert "../" in targets and "../../portfolio/" in targets


def test_listings_count_sort_and_carry_facets(portal_build):
    cards = portal_build.page("battlecards/")
    assert "共 2 项" in text(cards)
    assert re.findall(r'<tr data-hub-id="([^"]+)"', cards) == ["xingyao", "beichen"]  # high threat first
    assert re.search(r'<tr data-hub-id="xingyao"[^>]*data-threat="high"[^>]*data-product="lanyun"', cards)
    studies = portal_build.page("case-studies/")
    assert re.findall(r'<tr data-hub-id="([^"]+)"', studies) == ["huaxin-retail", "hidden-factory"]  # newest first
    assert re.search(r'data-hub-id="huaxin-retail"[^>]*data-industry="retail"[^>]*data-region="east-china"', studies)
    products = portal_build.page("products/")
    assert re.findall(r'<tr data-hub-id="([^"]+)"', products) == ["lanyun", "lanbao-classic"]  # in market first


def test_portfolio_groups_products_by_lifecycle_stage(portal_build):
    content = article(portal_build.page("portfolio/"))
    stages = re.findall(r'<h2 id="([^"]+)"', content)
    assert stages == ["planning", "launch-prep", "in-market", "end-of-life"]  # the IPMS lifecycle
    in_market = content[content.index('id="in-market"'): content.index('id="end-of-life"')]
    assert 'data-hub-id="lanyun"' in in_market
    end = content[content.index('id="end-of-life"'):]
    assert 'data-hub-id="lanbao-classic"' in end and "岚云数据平台" in end  # with its successor


def test_industry_pages_gather_solutions_case_studies_and_personas(portal_build):
    retail = article(portal_build.page("industries/retail/"))
    for id_ in ("retail-members", "huaxin-retail", "cio"):
        assert f'data-hub-id="{id_}"' in retail
    assert "该行业暂无内容" in text(portal_build.page("industries/energy/"))


def test_home_puts_search_first_then_ways_in(portal_build):
    content = article(portal_build.page(""))
    search = content.index('class="hub-search"')
    ways = [content.index(f'id="{w}"') for w in ("by-product", "by-competitor", "by-industry", "by-role")]
    assert search < ways[0] < ways[1] < ways[2] < ways[3]
    for role in ("客户经理（AR）", "解决方案经理（SR）", "交付经理（FR）"):
        assert role in content
    assert 'data-hub-id="lanyun"' in content and 'data-hub-id="xingyao"' in content
    industries = re.findall(r'data-industry="([a-z-]+)"', content)
    assert "retail" in industries and "energy" not in industries  # energy has no content yet


def test_macros_on_the_authoring_page_render_hub_content(portal_build):
    content = article(portal_build.page("authoring/"))
    assert 'class="admonition abstract hub-product-card" data-hub-id="lanyun"' in content
    assert 'class="hub-fabe" data-hub-id="lanyun"' in content
    assert 'class="hub-quick-take" data-hub-id="xingyao"' in content
    assert 'class="hub-comparison" data-hub-id="xingyao"' in content
    assert '<tr data-hub-id="huaxin-retail"' in content
    assert '<a href="../battlecards/xingyao/">星耀分析</a>' in content
    assert '{{product_card("tidehub")}}' in text(content).replace(" ", "")  # the usage, shown literally


def test_the_hubs_index_holds_the_hand_written_pages_and_the_engine_writes_none(portal_build):
    """Every page is found by the hub's own search; the engine's index (never loaded) would only
    cost build time, and the theme keeps its header search button, which opens the hub's dialog."""
    rows = search_rows(portal_build.site)
    pages = {row[0] for row in rows}
    assert {"authoring/", "products/lanyun/", "battlecards/xingyao/"} <= pages
    assert not (portal_build.site / "search").exists()
    home = (portal_build.site / "index.html").read_text(encoding="utf-8")
    assert 'for="__search"' in home and "data-hub-find" in home


def test_entity_and_competitor_names_are_boosted_in_the_hubs_index(portal_build):
    """(Words and their pages: tests/test_search_index.py and, in Chromium, tests/test_browser_search.py.)"""
    rows = search_rows(portal_build.site)
    boost = {row[0]: row[6] for row in rows}
    assert boost["battlecards/xingyao/"] > boost["products/lanyun/"] > boost.get("authoring/", 0)


def test_nothing_is_fetched_from_third_party_hosts(portal_build):
    assert third_party_requests(portal_build.site) == []
    assert "fonts.gstatic" not in portal_build.page("") and "fonts.googleapis" not in portal_build.page("")


def test_the_ui_speaks_the_hub_language_zh(portal_build):
    html = portal_build.page("battlecards/xingyao/")
    assert '<html lang="zh"' in html
    for label in ("30 秒速读", "我们赢在", "异议应对", "能力对比", "测试门户，内部资料"):
        assert label in html
    assert {"copy": "复制", "copied": "已复制", "clear": "清除筛选"}.items() <= labels(html).items()


def test_the_ui_speaks_the_hub_language_en(portal_build_en):
    html = portal_build_en.page("battlecards/xingyao/")
    assert '<html lang="en"' in html
    body = text(article(html))
    for label in ("The 30-second read", "We win when", "Objection handling", "Capability comparison",
                  "verified 10 days ago by @wang-chen", "Threat: High"):
        assert label in body
    assert "30 秒速读" not in html
    assert "2 in total" in text(portal_build_en.page("battlecards/"))
    assert {"copy": "Copy", "copied": "Copied", "clear": "Clear filters"}.items() <= labels(html).items()


ENUM_LABELS = {"stage": "stage", "threat": "threat", "buying_role": "buying_role", "decision": "decision",
               "status": "status", "us": "support", "them": "support", "visibility": "visibility"}


@pytest.mark.parametrize("record", list(CATALOG), ids=lambda r: f"{r.kind}:{r.id}")
def test_every_field_of_an_entity_is_on_its_page(portal_build, record):
    from pmmhub.model.common import MARKDOWN, Ref, Vocab
    from pmmhub.render.i18n import labels
    from pmmhub.render.text import markdown

    t = labels(CATALOG.hub.language)
    html = portal_build.page(page_of(record))
    shown = text(article(html))
    for path, value, markers in leaves(record.entity):
        where = f"{record.path} {'.'.join(map(str, path))}"
        if path == ("customer", "name") and record.entity.customer.anonymous:
            assert value not in html, f"{where}: an anonymous customer's name is shown"
            continue
        if isinstance(value, bool):
            continue  # shown as labelled badges (approvals) or as the anonymous label
        ref = next((m for m in markers if isinstance(m, Ref)), None)
        vocab = next((m for m in markers if isinstance(m, Vocab)), None)
        if ref:
            expected = CATALOG.get(ref.kind, value).entity.name
        elif vocab:
            expected = CATALOG.hub.vocabulary(vocab.name)[value]
        elif MARKDOWN in markers:
            expected = text(markdown(value))
        elif path[-1] in ENUM_LABELS and isinstance(value, str):
            expected = t(f"{ENUM_LABELS[path[-1]]}.{value}")
        else:
            expected = " ".join(str(value).split())
        assert expected in shown or expected in html, f"{where}: {expected!r} is not on the page"
