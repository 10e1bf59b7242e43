"""A battle card's one-pager: what its print button (and Ctrl+P) prints, in Chromium's PDF on A4.

One A4 page with the header, the 30-second read, the top objections with their answers, the
landmines and the comparison; the rest of the card is for "print all", which puts the
internal banner and the page number on every page. Every sample battle card is checked.
"""
import re

import pytest
from browserkit import new_page
from test_print import BANNER, CATALOG, contains, pdf_pages, squash

CARDS = sorted(r.id for r in CATALOG.all("battlecard"))
BRIEF_OBJECTIONS = 3  # templates/entity/battlecard.md


@pytest.fixture(scope="module")
def prints(browser, site_url):
    with new_page(browser) as page:
        yield {(card, everything): pdf_pages(page, f"{site_url}/battlecards/{card}/", everything)
               for card in CARDS for everything in (False, True)}


@pytest.mark.parametrize("card", CARDS)
def test_the_one_pager_is_one_a4_page(prints, card):
    assert len(prints[card, False]) == 1


@pytest.mark.parametrize("card", CARDS)
def test_the_one_pager_has_the_quick_read_objections_landmines_and_comparison(prints, card):
    text = prints[card, False][0]
    e = CATALOG.get("battlecard", card).entity
    wanted = [e.summary, e.quick_take.one_liner, *[o.objection for o in e.objections[:BRIEF_OBJECTIONS]],
              *e.landmines[:1], *[c.capability for c in e.comparison[:1]]]
    for words in wanted:
        assert contains(text, words), words
    left_out = [s.claim for s in e.they_say] + [i.note for i in e.intel] + [o.objection for o in e.objections[BRIEF_OBJECTIONS:]]
    for words in left_out:
        assert squash(words) not in squash(text), words


@pytest.mark.parametrize("card", CARDS)
def test_print_all_has_the_banner_and_the_page_number_on_every_page(prints, card):
    pages = prints[card, True]
    assert len(pages) > 1, "the whole card is more than the one-pager"
    for number, text in enumerate(pages, 1):
        assert squash(BANNER) in squash(text), number
        assert re.search(rf"(^|\s){number} / {len(pages)}(\s|$)", text), (number, text[-80:])
    e = CATALOG.get("battlecard", card).entity
    for words in [s.claim for s in e.they_say] + [i.note for i in e.intel]:
        assert contains("\n".join(pages), words), words


def test_the_one_pager_also_carries_the_banner_and_page_number(prints):
    text = prints[CARDS[0], False][0]
    assert squash(BANNER) in squash(text) and re.search(r"(^|\s)1 / 1(\s|$)", text)


def test_the_header_offers_the_one_pager_and_print_all(page, site_url):
    page.goto(f"{site_url}/battlecards/{CARDS[0]}/")
    buttons = page.locator(".hub-header .hub-print__button")
    assert buttons.all_text_contents() == ["打印一页纸", "打印全部"]
    page.evaluate("window.print = () => { window.printedAll = document.documentElement.classList.contains('hub-print-all') }")
    buttons.nth(1).click()
    assert page.evaluate("window.printedAll") is True
    buttons.nth(0).click()
    assert page.evaluate("window.printedAll") is False


def test_a_product_has_one_print_button_that_prints_everything(page, site_url):
    page.goto(f"{site_url}/products/tidehub/")
    assert page.locator(".hub-header .hub-print__button").all_text_contents() == ["打印 / 导出 PDF"]
