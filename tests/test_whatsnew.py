"""What's new: the most recently verified entities (newest first, bounded) with their intel notes."""
import re

import pytest
from conftest import BUILD_DAY, FIXTURE_DATA, REPO

from pmmhub.render.producers import whatsnew
from pmmhub.render.site import load


@pytest.fixture(scope="module")
def sample():
    return load(REPO / "data", day=BUILD_DAY)


def content(site) -> str:
    (generated,) = whatsnew.pages(site)
    assert generated.src == "whatsnew.md" and generated.in_nav
    return generated.content


def rows(html: str, table: str) -> list[str]:
    block = html.split(f'class="{table}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr data-hub-id="([^"]+)"', block)


def test_newest_first_and_bounded(sample):
    recent = whatsnew.recent(sample.catalog)
    everything = sorted(sample.catalog, key=lambda r: r.entity.reviewed, reverse=True)
    assert len(recent) == min(whatsnew.LIMIT, len(everything))
    assert [r.entity.reviewed for r in recent] == [r.entity.reviewed for r in everything][:len(recent)]
    assert rows(content(sample), "hub-whatsnew") == [r.id for r in recent]


def test_a_battle_cards_latest_intel_shows_under_it(sample):
    html = content(sample)
    card = max(sample.catalog.all("battlecard"), key=lambda c: c.entity.reviewed)
    latest = sorted(card.entity.intel, key=lambda i: i.date, reverse=True)
    row = re.search(rf'<tr data-hub-id="{card.id}".*?</tr>', html, re.S).group(0)
    for note in latest[:whatsnew.NOTES]:
        assert note.note in row
    for note in latest[whatsnew.NOTES:]:
        assert note.note not in row


def test_the_intel_feed_is_the_latest_across_battle_cards(sample):
    feed = whatsnew.intel(sample.catalog)
    every = [i for c in sample.catalog.all("battlecard") for i in c.entity.intel]
    assert len(feed) == min(whatsnew.INTEL_LIMIT, len(every))
    assert [n.date for n, _ in feed] == sorted((i.date for i in every), reverse=True)[:len(feed)]
    assert rows(content(sample), "hub-intel") == [card.id for _, card in feed]


def test_the_public_edition_has_no_whats_new_page():
    # it names who verified what and how long ago: for the sales team only
    assert list(whatsnew.pages(load(FIXTURE_DATA, day=BUILD_DAY, audience="public"))) == []


def test_whats_new_is_linked_from_home_and_opens(page, site_url):
    page.goto(f"{site_url}/")
    page.click(".hub-home-links a[href*='whatsnew']")
    page.wait_for_url("**/whatsnew/")
    first = page.locator(".hub-whatsnew tr[data-hub-id]").first.get_attribute("data-hub-id")
    assert first == whatsnew.recent(load(REPO / "data", day=BUILD_DAY).catalog)[0].id
