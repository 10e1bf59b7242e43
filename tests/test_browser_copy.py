"""Copy-ready answers: one click puts exactly the answer on the clipboard, and the button says so.

Elevator pitches, objection responses, "they say" answers, talk tracks, quotes and the
one-liner, on the real build of the sample hub, with clipboard permissions granted.
"""
import re

import pytest
from browserkit import new_page
from conftest import REPO

from pmmhub.relate.catalog import load

CATALOG = load(REPO / "data")


def squash(text: str) -> str:
    """Text without Markdown emphasis and without any whitespace: what the words are, not their layout."""
    return re.sub(r"\s+|\*\*|[*_`]", "", text)


def first(kind, has):
    return next(r for r in CATALOG.all(kind) if has(r.entity))


@pytest.fixture
def clip(browser):
    with new_page(browser, permissions=["clipboard-read", "clipboard-write"]) as page:
        yield page


def copy(page, url, block) -> str:
    """Click the copy button of the first ``block`` on the page at ``url``; the clipboard's text."""
    page.goto(url)
    button = page.locator(f"{block} > .hub-copy__button").first
    button.click()
    page.wait_for_function("b => b.classList.contains('hub-copy__button--done')", arg=button.element_handle())
    return page.evaluate("navigator.clipboard.readText()")


CARD = first("battlecard", lambda e: e.objections and e.they_say and e.pricing and e.pricing.talk_track)
CASES = [
    ("elevator pitch", "products", first("product", lambda e: e.pitch and e.pitch.elevator),
     ".hub-elevator .hub-copy", lambda e: e.pitch.elevator),
    ("objection response", "battlecards", CARD, ".hub-answer", lambda e: e.objections[0].response),
    ("they say answer", "battlecards", CARD, ".hub-they-say dd", lambda e: e.they_say[0].answer),
    ("pricing talk track", "battlecards", CARD, "h2#pricing ~ .admonition.tip", lambda e: e.pricing.talk_track),
    ("one-liner", "battlecards", CARD, ".hub-one-liner .hub-copy", lambda e: e.quick_take.one_liner),
    ("solution talk track", "solutions", first("solution", lambda e: e.talk_track), ".hub-copy",
     lambda e: e.talk_track),
    ("persona objection", "personas", first("persona", lambda e: e.objections), ".hub-answer",
     lambda e: e.objections[0].response),
]


@pytest.mark.parametrize("what, folder, record, block, expected", CASES, ids=[c[0] for c in CASES])
def test_copy_puts_the_answer_on_the_clipboard(clip, site_url, what, folder, record, block, expected):
    text = copy(clip, f"{site_url}/{folder}/{record.id}/", block)
    assert squash(text) == squash(expected(record.entity)), what
    assert "复制" not in text


def test_a_quote_is_copied_with_who_said_it(clip, site_url):
    case = first("case-study", lambda e: e.quotes)
    quote = case.entity.quotes[0]
    text = copy(clip, f"{site_url}/case-studies/{case.id}/", "blockquote.hub-quote")
    assert squash(text).startswith(squash(quote.text))
    assert quote.who in text


def test_evidence_and_titles_stay_out_of_the_copied_answer(clip, site_url):
    text = copy(clip, f"{site_url}/battlecards/{CARD.id}/", ".hub-answer")
    evidence = clip.locator(".hub-answer").first.locator(".hub-evidence li").all_text_contents()
    assert evidence and not any(squash(item) in squash(text) for item in evidence)
    text = copy(clip, f"{site_url}/battlecards/{CARD.id}/", "h2#pricing ~ .admonition.tip")
    assert not text.startswith("价格话术")


def test_the_button_shows_it_copied_then_resets(clip, site_url):
    clip.clock.install()
    clip.goto(f"{site_url}/battlecards/{CARD.id}/")
    button = clip.locator(".hub-answer > .hub-copy__button").first
    assert button.text_content() == "复制"
    button.click()
    clip.wait_for_function("b => b.textContent === '已复制'", arg=button.element_handle())
    assert "hub-copy__button--done" in button.get_attribute("class")
    clip.clock.run_for(2500)
    assert button.text_content() == "复制"


def test_every_copy_ready_block_on_a_battle_card_has_a_button(clip, site_url):
    clip.goto(f"{site_url}/battlecards/{CARD.id}/")
    e = CARD.entity
    assert clip.locator(".hub-answer > .hub-copy__button").count() == len(e.objections)
    assert clip.locator(".hub-they-say dd > .hub-copy__button").count() == len(e.they_say)
    assert clip.locator(".hub-one-liner .hub-copy > .hub-copy__button").count() == 1
