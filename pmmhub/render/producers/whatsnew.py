"""What's new (whatsnew.md): what moved lately, so sales see it without asking.

The most recently verified or changed entities (by ``reviewed``, newest first) with a
battle card's latest ``intel`` notes under it, then the latest field intel across all
battle cards. Both lists are bounded: the page does not grow with the hub. It names who
verified what and how long ago: for the sales team only, the public edition has no such page.
"""
from __future__ import annotations

from pmmhub.model import KINDS
from pmmhub.render.environment import environment
from pmmhub.render.generated import Page

SRC = "whatsnew.md"
LIMIT = 30  # entities
NOTES = 3  # intel notes under an entity
INTEL_LIMIT = 15  # entries of the intel feed


def pages(site):
    if site.audience != "internal":
        return
    ctx = site.ctx.at(SRC)
    yield Page(SRC, environment().get_template("whatsnew.md").render(
        ctx=ctx, t=ctx.t, recent=recent(site.catalog), intel=intel(site.catalog), notes=NOTES), in_nav=True)


def recent(catalog, limit: int = LIMIT) -> list:
    """The ``limit`` most recently reviewed entities, newest first (then by kind and name)."""
    order = list(KINDS)
    return sorted(catalog, key=lambda r: (-r.entity.reviewed.toordinal(), order.index(r.kind), r.entity.name))[:limit]


def intel(catalog, limit: int = INTEL_LIMIT) -> list[tuple]:
    """The latest ``(note, battle card)`` pairs across all battle cards, newest first."""
    notes = [(note, card) for card in catalog.all("battlecard") for note in card.entity.intel]
    return sorted(notes, key=lambda nc: (-nc[0].date.toordinal(), nc[1].entity.name))[:limit]
