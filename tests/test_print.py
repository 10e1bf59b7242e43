"""Print / PDF: a product and a battle card ("print all") printed by Chromium on A4.

docs/assets/print.css leaves out navigation, header, search, footer and buttons, puts the
internal banner and the page number in the margins of every page, keeps sections together and
writes external link targets after their links. Bound: the richest sample product (TideHub)
and the richest battle card printed whole (数衡 MetricOne) each fit on at most MAX_PAGES A4
pages. The battle card's default print, its one-pager, is tested in test_print_onepager.py.
"""
import io
import re
import unicodedata
from difflib import SequenceMatcher

import pytest
from browserkit import new_page
from conftest import REPO

from pmmhub.relate.catalog import load

MAX_PAGES = 3
CATALOG = load(REPO / "data")
PRODUCT = CATALOG.get("product", "tidehub")
CARD = CATALOG.get("battlecard", "shuheng-metricone")


def squash(text: str) -> str:
    """PDF text as comparable words: compatibility forms folded (⼀ → 一), no whitespace, no emphasis."""
    return re.sub(r"\s+|\*\*", "", unicodedata.normalize("NFKC", text))


def contains(text: str, words: str) -> bool:
    """``words`` are in ``text``, give or take the odd character a PDF's text layer spells differently.

    Chromium maps some CJK glyphs to their radical code points (见 → ⻅), which no Unicode
    normalisation folds back; so the best-matching stretch must agree on 90% of its characters.
    """
    text, words = squash(text), squash(words)
    match = SequenceMatcher(None, text, words, autojunk=False).find_longest_match(0, len(text), 0, len(words))
    start = max(0, match.a - match.b)
    return SequenceMatcher(None, text[start: start + len(words)], words, autojunk=False).ratio() >= 0.9


BANNER = "内部资料，请勿外传"  # data/hub.yml's internal_banner


def pdf_pages(page, url, everything=False) -> list[str]:
    """The text of each A4 page Chromium prints of ``url``; ``everything``: as the "print all" button prints."""
    from pypdf import PdfReader

    page.goto(url)
    page.wait_for_selector(".hub-print__button", state="attached")  # hub.js has run: buttons, the banner for every page
    page.emulate_media(media="print")
    if everything:
        page.evaluate("document.documentElement.classList.add('hub-print-all')")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return [p.extract_text() for p in reader.pages]


def pdf_text(page, url, everything=False) -> tuple[int, str]:
    pages = pdf_pages(page, url, everything)
    return len(pages), "\n".join(pages)


@pytest.fixture(scope="module")
def printed(browser, site_url):

    with new_page(browser) as page:
        yield {"product": pdf_text(page, f"{site_url}/products/{PRODUCT.id}/"),
               "battlecard": pdf_text(page, f"{site_url}/battlecards/{CARD.id}/", everything=True)}


@pytest.mark.parametrize("kind", ["product", "battlecard"])
def test_the_one_pager_fits_on_a_few_a4_pages(printed, kind):
    pages, _ = printed[kind]
    assert 1 <= pages <= MAX_PAGES, f"{kind}: {pages} pages"


def test_the_product_one_pager_has_its_content(printed):
    text = printed["product"][1]
    e = PRODUCT.entity
    for words in (e.name, e.tagline, e.value_props[0].feature, e.faq[0].q):
        assert contains(text, words), words
    assert contains(text, e.pitch.two_minute.splitlines()[0][:16])  # the collapsed two-minute pitch prints open


def test_the_battle_card_has_its_content(printed):
    text = printed["battlecard"][1]
    e = CARD.entity
    for words in (e.name, e.quick_take.one_liner, e.objections[0].objection, e.they_say[0].claim, "压舱石"):
        assert contains(text, words), words


@pytest.mark.parametrize("kind", ["product", "battlecard"])
def test_no_navigation_search_footer_or_buttons_print(printed, kind):
    text = squash(printed[kind][1])
    for chrome in ("部署与发布", "贡献指南", "编写页面", "打印/导出PDF", "下一页", "上一页", "pmm/hub", "Madewith"):
        assert squash(chrome) not in text, chrome
    assert text.count(squash(BANNER)) == printed[kind][0]  # the banner, once on every page


def test_external_link_targets_are_written_out(printed):
    text = squash(printed["battlecard"][1])
    source = next(s for s in CARD.entity.sources if s.url.startswith("http") and s.title != s.url)
    assert squash(f"<{source.url}>") in text


def test_sections_are_kept_together(page, site_url):
    page.goto(f"{site_url}/battlecards/{CARD.id}/")
    page.emulate_media(media="print")
    style = page.evaluate("""() => ({
        admonition: getComputedStyle(document.querySelector('.hub-one-liner')).breakInside,
        answer: getComputedStyle(document.querySelector('.hub-answer')).breakInside,
        heading: getComputedStyle(document.querySelector('h2#objections')).breakAfter,
        header: getComputedStyle(document.querySelector('.md-header')).display,
        sidebar: getComputedStyle(document.querySelector('.md-sidebar')).display,
    })""")
    assert style == {"admonition": "avoid", "answer": "avoid", "heading": "avoid", "header": "none",
                     "sidebar": "none"}
