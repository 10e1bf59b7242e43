"""Sales toolkits: a page per product and deal type (toolkits/<product>/<deal-type>/) and their index.

A quick kit (a deal type with a ``max_deal_size``, or the one called ``quick``) is plug-and-play
for a small buyer: pitches, the price tiers within the threshold, the best case studies of that
deal type, the top objections with copy-ready answers, the battle cards of the competitors met
most. A strategic kit leaves room for a tailored solution: solutions, FABE with evidence,
references that take calls, security and tender assets, the buying committee's personas.

What a kit shows is computed here (``kit``: view data); the templates only lay it out. Every
section is cut to a few entries, best first, once for the whole kit and once per industry of
``hub.yml``: an entry names the views it belongs to (``sets``), and the page narrows to one
industry in the browser (``?industry=retail``, docs/assets/finder.js). What a kit lacks is listed
as a gap for the PMM, in the whole kit and per industry. Toolkits hold battle cards and internal
pricing: only the internal edition has them.

A kit shows the product, what it names or is named by, and what those name or are named by (a
battle card's rank counts who names it): that is what it declares (``Page.depends``). The index
shows the products.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from pmmhub.model import KINDS
from pmmhub.model.product import SECURITY_ASSET_TYPES
from pmmhub.render.environment import environment
from pmmhub.render.generated import Page
from pmmhub.render.pages import ordered

INDEX = "toolkits/index.md"
ALL = "all"  # the view of the whole kit, before narrowing to an industry
INDEX_LIMIT = 60  # products on the index page (then "all n →" to the product finder)
LIMITS = {"case_studies": 3, "objections": 5, "battlecards": 3, "solutions": 4, "references": 3, "personas": 6}
_AMOUNT = re.compile(r"^\s*[¥￥$]?\s*(\d[\d,]*(?:\.\d+)?)\s*(?:元|CNY|RMB)?\s*$")
QUICK_SECTIONS = ("pitch", "pricing", "case_studies", "objections", "battlecards")
STRATEGIC_SECTIONS = ("solutions", "value_props", "references", "assets", "personas")


def kit_src(product: str, deal: str) -> str:
    return f"toolkits/{product}/{deal}.md"


def is_quick(hub, deal: str) -> bool:
    return deal == "quick" or hub.deal_types[deal].max_deal_size is not None


def products(site) -> list:
    """The products a kit is made for: every one still sold."""
    return [p for p in ordered(site.catalog, "product") if p.entity.lifecycle.stage != "end-of-life"]


def pages(site):
    if site.audience != "internal":
        return
    ctx = site.ctx.at(INDEX)
    shown = products(site)
    yield Page(INDEX, environment().get_template("toolkit/index.md").render(
        ctx=ctx, t=ctx.t, products=shown[:INDEX_LIMIT], total=len(shown), deals=list(site.catalog.hub.deal_types),
        kit_src=kit_src), in_nav=True, depends=[r.key for r in site.catalog.all("product")])
    for product in shown:
        shows = two_steps(site.catalog, product)
        for deal in site.catalog.hub.deal_types:
            yield Page(kit_src(product.id, deal), functools.partial(_render, site, product, deal),
                       origin=f"{product.path} (toolkit {deal})", depends=shows)


def two_steps(catalog, record) -> frozenset:
    """The keys of ``record``'s neighbours and of theirs."""
    near = catalog.neighbours(record)
    return near.union(*(catalog.neighbours(catalog.get(*key)) for key in near))


def _render(site, product, deal: str) -> str:
    ctx = site.ctx.at(kit_src(product.id, deal))
    return environment().get_template("toolkit/kit.md").render(ctx=ctx, t=ctx.t, kit=kit(site, product, deal))


# view data ------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """One item of a section: ``value`` for the partial, the ``record`` it comes from (its page is
    the link, ``anchor`` the place on it), and the views it is shown in (``sets``; empty: every view)."""
    value: Any
    record: Any
    anchor: str = ""
    sets: frozenset = frozenset()


@dataclass(frozen=True)
class Gap:
    key: str  # i18n key under toolkit.gap.
    industry: str = ""  # "" : the whole kit lacks it
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    name: str
    entries: list
    gaps: list


@dataclass(frozen=True)
class Kit:
    product: Any
    deal: str
    quick: bool
    sections: list
    industries: list  # (id, label) of hub.yml: the narrowing choices

    @property
    def gaps(self) -> list:
        return [g for s in self.sections for g in s.gaps]


def kit(site, product, deal: str) -> Kit:
    quick = is_quick(site.catalog.hub, deal)
    names = QUICK_SECTIONS if quick else STRATEGIC_SECTIONS
    sections = [SECTIONS[name](site, product, deal) for name in names]
    return Kit(product, deal, quick, sections, list(site.catalog.hub.industries.items()))


def _whole(name: str, entries: list, gap: str, **values) -> Section:
    """A section that does not depend on the industry: its entries, or one gap when it has none."""
    return Section(name, entries, [] if entries else [Gap(gap, values=values)])


def _by_industry(site, name: str, candidates: list, fits: Callable, gap: str, **values) -> Section:
    """The best ``LIMITS[name]`` of ``candidates`` (already best first) for the whole kit and for each
    industry ``fits(record, industry)``; a gap for the kit and for every industry without one."""
    limit = LIMITS[name]
    keyed: dict[tuple, tuple[Entry, set]] = {}  # insertion order: the whole kit's best, then each industry's

    def take(entries, view):
        for entry in entries[:limit]:
            keyed.setdefault((entry.record.key, entry.anchor), (entry, set()))[1].add(view)

    gaps = [] if candidates else [Gap(gap, values=values)]
    take(candidates, ALL)
    for industry, label in site.catalog.hub.industries.items():
        fitting = [e for e in candidates if fits(e.record, industry)]
        take(fitting, industry)
        if not fitting and candidates:
            gaps.append(Gap(gap + "_in", industry, {**values, "industry": label}))
    entries = [Entry(e.value, e.record, e.anchor, frozenset(views)) for e, views in keyed.values()]
    return Section(name, entries, gaps)


def _deal_label(site, deal: str) -> str:
    return site.ctx.vocab("deal_types", deal)


def _case_studies_of(site, product) -> list:
    best = KINDS["case-study"].related_order
    return sorted(site.catalog.referrers("product", product.id, "case-study"), key=lambda r: best(r.entity))


def _industry_of_case(record, industry: str) -> bool:
    return record.entity.customer.industry == industry


# quick kit sections ---------------------------------------------------------

def _pitch(site, product, deal):
    pitch = product.entity.pitch
    entries = [Entry((part, getattr(pitch, part)), product, "pitch")
               for part in ("elevator", "two_minute") if pitch and getattr(pitch, part)]
    gaps = [Gap(f"pitch_{part}") for part in ("elevator", "two_minute") if not (pitch and getattr(pitch, part))]
    return Section("pitch", entries, gaps)


def _pricing(site, product, deal):
    limit = site.catalog.hub.deal_types[deal].max_deal_size
    tiers = product.entity.pricing.tiers if product.entity.pricing else []
    within = [t for t in tiers if (amount(t.price) is not None and (limit is None or amount(t.price) <= limit))]
    return _whole("pricing", [Entry(t, product, "pricing") for t in within], "pricing",
                  limit=f"{limit:,} {site.catalog.hub.currency}" if limit else "")


def amount(price) -> float | None:
    """A tier's price as a number ("39800", "¥1,680", 9800.0), or None for text such as 面议."""
    if isinstance(price, (int, float)):
        return float(price)
    match = _AMOUNT.match(str(price))
    return float(match.group(1).replace(",", "")) if match else None


def _case_studies(site, product, deal):
    found = [Entry(r, r) for r in _case_studies_of(site, product) if r.entity.deal_type == deal]
    return _by_industry(site, "case_studies", found, _industry_of_case, "case_studies", deal=_deal_label(site, deal))


def _objections(site, product, deal):
    found = []
    for persona in site.ctx.refs("persona", product.entity.personas):
        found += [Entry(o, persona, f"objection-{i}") for i, o in enumerate(persona.entity.objections, 1)]
    for card in _battlecards_met(site, product):
        found += [Entry(o, card, f"objection-{i}") for i, o in enumerate(card.entity.objections, 1)]
    return _whole("objections", found[:LIMITS["objections"]], "objections")


def _battlecards_met(site, product) -> list:
    """The product's competitors, the one met most first: named by the most case studies (displaced)
    and products, then the highest threat."""
    threat = KINDS["battlecard"].order

    def met(card):
        return -len(site.catalog.referrers("battlecard", card.id)), threat(card.entity)
    return sorted(site.ctx.refs("battlecard", product.entity.competitors), key=met)


def _battlecards(site, product, deal):
    cards = _battlecards_met(site, product)[:LIMITS["battlecards"]]
    return _whole("battlecards", [Entry(c, c) for c in cards], "battlecards")


# strategic kit sections -----------------------------------------------------

def _solutions(site, product, deal):
    solutions = ordered(site.catalog, "solution")
    mine = [s for s in solutions if product.id in s.entity.products]
    mine.sort(key=lambda s: s.entity.deal_type != deal)  # stable: this deal type's first
    return _by_industry(site, "solutions", [Entry(s, s) for s in mine],
                        lambda r, i: r.entity.industry in (None, i), "solutions")


def _value_props(site, product, deal):
    props = product.entity.value_props
    gaps = [] if props else [Gap("value_props")]
    gaps += [Gap("evidence", values={"feature": p.feature}) for p in props if not p.evidence]
    return Section("value_props", [Entry(p, product, "value-props") for p in props], gaps)


def _references(site, product, deal):
    found = [r for r in _case_studies_of(site, product) if r.entity.approvals.reference_calls]
    found.sort(key=lambda r: r.entity.deal_type != deal)
    return _by_industry(site, "references", [Entry(r, r) for r in found], _industry_of_case, "references")


def _assets(site, product, deal):
    assets = [a for a in product.entity.assets if (a.type or "").lower() in SECURITY_ASSET_TYPES]
    return _whole("assets", [Entry(a, product, "assets") for a in assets], "assets")


def _personas(site, product, deal):
    found, silent = [], []
    for persona in site.ctx.refs("persona", product.entity.personas):
        said = [m.message for m in persona.entity.messaging if m.product == product.id]
        found.append(Entry((persona, said), persona, "messaging" if said else ""))
        if not said:
            silent.append(Gap("messaging", values={"persona": persona.entity.name}))
    section = _by_industry(site, "personas", found,
                           lambda r, i: not r.entity.industries or i in r.entity.industries, "personas")
    return Section(section.name, section.entries, section.gaps + silent)


SECTIONS = {
    "pitch": _pitch, "pricing": _pricing, "case_studies": _case_studies, "objections": _objections,
    "battlecards": _battlecards, "solutions": _solutions, "value_props": _value_props,
    "references": _references, "assets": _assets, "personas": _personas,
}
