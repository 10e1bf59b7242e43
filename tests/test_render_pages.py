"""The rendering library on its own: page sources from a catalog, no site engine involved."""

import pytest
import yaml
from conftest import BUILD_DAY, FIXTURE_DATA

from pmmhub.relate.catalog import load
from pmmhub.render.context import Context
from pmmhub.render.environment import md_inline
from pmmhub.render.pages import PAGE_SIZE, listing_pages, ordered, render_entity, render_listing
from pmmhub.render.urls import entity_src, listing_src, page_url, relative

CATALOG = load(FIXTURE_DATA)
CTX = Context.of(CATALOG, day=BUILD_DAY)


def front_matter(source: str) -> dict:
    head, _, _ = source.removeprefix("---\n").partition("\n---\n")
    return yaml.safe_load(head)


@pytest.mark.parametrize("src, url", [
    ("index.md", ""), ("battlecards/index.md", "battlecards/"), ("battlecards/xingyao.md", "battlecards/xingyao/"),
    ("battlecards/page/2.md", "battlecards/page/2/"),
])
def test_page_urls_follow_the_scheme(src, url):
    assert page_url(src) == url


@pytest.mark.parametrize("url, base, expected", [
    ("products/lanyun/", "battlecards/xingyao/", "../../products/lanyun/"),
    ("battlecards/xingyao/", "battlecards/", "xingyao/"),
    ("", "battlecards/xingyao/", "../../"),
    ("battlecards/page/2/", "battlecards/", "page/2/"),
    ("products/a.html", "battlecards/b.html", "../products/a.html"),
])
def test_links_are_relative(url, base, expected):
    assert relative(url, base) == expected


def test_an_entity_page_carries_its_title_and_is_never_rendered_as_a_template():
    source = render_entity(CATALOG, CATALOG.get("battlecard", "xingyao"), CTX)
    meta = front_matter(source)
    assert meta == {"title": "星耀分析", "render_macros": False, "search": {"exclude": True}}  # the hub indexes it itself


def test_a_title_is_escaped_for_themes_that_print_it_raw():
    record = CATALOG.get("battlecard", "xingyao")
    evil = record.entity.model_copy(update={"name": "<b>星耀</b> & {{ x }}"})
    source = render_entity(CATALOG, type(record)(record.kind, record.id, record.path, evil, record.doc), CTX)
    assert front_matter(source)["title"] == "&lt;b&gt;星耀&lt;/b&gt; &amp; {{ x }}"
    assert "<h1>&lt;b&gt;星耀&lt;/b&gt; &amp; {{ x }}</h1>" in source


def test_plain_text_in_a_markdown_heading_cannot_become_markup():
    assert md_inline("*a* [b](c) <i> #1 {: .x}\n`y`") == r"\*a\* \[b\]\(c\) &lt;i&gt; \#1 \{: \.x\} \`y\`"


def test_a_heading_with_a_tilde_prints_no_backslash():
    import markdown

    heading = md_inline("团队 10~20 人 | 预算 ~50 万")
    assert markdown.markdown(f"## {heading}", extensions=["tables"]) == "<h2>团队 10~20 人 | 预算 ~50 万</h2>"


def test_related_pages_are_the_ones_that_name_this_one_and_it_does_not_name():
    cio = CATALOG.get("persona", "cio")
    groups = dict(CTX.reverse(cio))
    assert [r.id for r in groups["case-study"]] == ["huaxin-retail"]
    assert [r.id for r in groups["solution"]] == ["retail-members"]
    assert "product" not in groups  # cio names lanyun in messaging; lanyun is linked inline already


def test_listings_are_ordered_for_scanning():
    assert [r.id for r in ordered(CATALOG, "battlecard")] == ["xingyao", "beichen"]  # threat high → low
    assert [r.id for r in ordered(CATALOG, "product")] == ["lanyun", "lanbao-classic"]  # in market first
    assert [r.id for r in ordered(CATALOG, "case-study")] == ["huaxin-retail", "hidden-factory"]  # newest first


@pytest.fixture(scope="module")
def big_catalog(tmp_path_factory):
    """400 entities: 200 case studies (four listing pages), a product named by more case studies
    than ``RELATED_LIMIT`` and more in-market products than it; larger only costs time."""
    from hubdev.synth import generate

    out = tmp_path_factory.mktemp("synth")
    generate(out, 400, seed=3, today=BUILD_DAY)
    return load(out / "data")


def test_a_long_listing_is_split_into_pages_that_link_each_other(big_catalog):
    ctx = Context.of(big_catalog, day=BUILD_DAY)
    total = len(big_catalog.records["case-study"])
    pages = listing_pages(big_catalog, "case-study")
    assert total > 2 * PAGE_SIZE and pages == -(-total // PAGE_SIZE)  # a first, a middle and a last page
    seen = []
    for page in range(1, pages + 1):
        source = render_listing(big_catalog, "case-study", ctx, page)
        rows = source.count("<tr data-hub-id=")
        assert rows <= PAGE_SIZE
        seen += [line.split('"')[1] for line in source.splitlines() if line.startswith("<tr data-hub-id=")]
        assert f'<strong aria-current="page">{page}</strong>' in source
        for other in range(1, pages + 1):
            if other != page:
                here = page_url(listing_src("case-study", page))
                assert f'href="{relative(page_url(listing_src("case-study", other)), here)}"' in source
    assert seen == [r.id for r in ordered(big_catalog, "case-study")]


def test_no_entity_page_grows_with_the_hub(big_catalog):
    from pmmhub.render.environment import RELATED_LIMIT

    ctx = Context.of(big_catalog, day=BUILD_DAY)
    largest = {r.key: max((len(group) for _, group in ctx.reverse(r)), default=0) for r in big_catalog}
    assert max(largest.values()) > RELATED_LIMIT
    # the pages with the most to list (every one that would pass the bound, and then some)
    for record in sorted(big_catalog, key=lambda r: -largest[r.key])[:60]:
        source = render_entity(big_catalog, record, ctx)
        for block in source.split('<div class="hub-related"')[1:]:
            assert block.split("</ul>")[0].count("<li ") <= RELATED_LIMIT, entity_src(record.kind, record.id)


def test_the_portfolio_shows_at_most_a_screenful_per_stage(big_catalog):
    from pmmhub.render.environment import RELATED_LIMIT
    from pmmhub.render.pages import render_portfolio

    source = render_portfolio(big_catalog, Context.of(big_catalog, day=BUILD_DAY))
    columns = source.split('<div class="hub-board__column"')[1:]
    counts = [c.count("<li data-hub-id=") for c in columns]
    assert max(counts) == RELATED_LIMIT  # the synthetic hub has more products in some stage
    assert "?stage=" in source


# shared blocks: one macro each, no copies ------------------------------------------

@pytest.mark.parametrize("needle, home", [
    ('"listing.all"', "partials/refs.html"),  # the "see all N" link
    ('class="hub-competitors"', "partials/tables.html"),
    ('class="hub-fields', "partials/tables.html"),  # key/value tables
    ('"product.ga"', "partials/facts.html"),  # lifecycle facts
    ('"product.end_of_sale"', "partials/facts.html"),
])
def test_a_shared_block_is_written_once(needle, home):
    from pmmhub.render.environment import TEMPLATES

    pages = [p for p in TEMPLATES.rglob("*") if p.is_file() and p.parts[len(TEMPLATES.parts)] not in ("scaffold", "review")]
    holders = sorted(p.relative_to(TEMPLATES).as_posix() for p in pages if needle in p.read_text(encoding="utf-8"))
    assert holders == [home]


def _macro(call: str, **values) -> str:
    from pmmhub.render.environment import environment

    source = ('{% import "partials/refs.html" as r with context %}{% import "partials/tables.html" as tables '
              'with context %}{% import "partials/facts.html" as facts with context %}' + call)
    ctx = CTX.at("industries/retail.md")
    return environment().from_string(source).render(ctx=ctx, t=ctx.t, **values)


def test_see_all_shows_only_when_the_list_was_cut_and_keeps_its_filter():
    assert _macro('{{ r.more("case-study", 24, 24, "?industry=retail") }}') == ""
    assert _macro('{{ r.more("case-study", 25, 24, "?industry=retail") }}') == (
        '<p class="hub-more"><a href="../../case-studies/?industry=retail">'
        f'{CTX.t("listing.all", count=25)}</a></p>\n')


def test_a_key_value_table_escapes_data_and_links_only_with_href():
    html = _macro('{% call tables.fields("extra") %}{{ tables.field("k", v) }}\n{{ tables.field("w", u, href=u) }}\n'
                  '{% endcall %}', v="<script>x</script>", u="https://example.com/?a=1&b=2")
    assert html.startswith('<div class="hub-fields extra">\n<table>\n<tbody>\n')
    assert "<td>&lt;script&gt;x&lt;/script&gt;</td>" in html
    assert '<td><a href="https://example.com/?a=1&amp;b=2">https://example.com/?a=1&amp;b=2</a></td>' in html
    assert html.endswith("</tbody>\n</table>\n</div>\n")


def test_lifecycle_facts_name_only_what_the_product_has():
    lanyun = CATALOG.get("product", "lanyun")
    html = _macro("{{ facts.lifecycle(lc) }}", lc=lanyun.entity.lifecycle.model_copy(update={"end_of_sale": None,
                                                                                            "successor": None}))
    assert CTX.t("product.end_of_sale") not in html and CTX.t("product.successor") not in html
    assert html == f'<span class="hub-facts__label">{CTX.t("product.ga")}</span> 2024-03-01 '
