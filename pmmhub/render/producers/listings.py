"""A listing per kind (<folder>/index.md, then <folder>/page/<n>.md), its finder index
(<folder>/finder.json) and the product portfolio (portfolio.md).

The finder index is what ``docs/assets/finder.js`` filters in the browser: every entity
of the kind in this edition (id, name, summary, link, facet value ids) and each facet
with its labelled values. It is built from the edition's catalog, like the pages, so a
public edition's index holds only public entities and fields. Listing pages stay
paginated HTML (what readers without JavaScript get); the index is one separate file.

Facet keys are the contract's field names and double as the URL query keys
(``case-studies/?industry=retail&product=tidehub``); values are ids.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable, Iterable, get_args

from pmmhub.model import KINDS
from pmmhub.model.persona import BuyingRole
from pmmhub.render.pages import LIFECYCLE, THREATS, listing_pages, ordered, render_listing, render_portfolio
from pmmhub.render.urls import PORTFOLIO, listing_src
from pmmhub.render.generated import Page

FINDER = "finder.json"  # next to the listing's first page: <folder>/finder.json
YES_NO = ("yes", "no")


@dataclass(frozen=True)
class Facet:
    key: str  # the contract's field name: the URL query key
    label: str  # i18n key of the facet's title
    values: Callable  # entity -> the value ids it has
    names: Callable  # site -> {value id: label}, in the order to show


def vocab(name: str):
    return lambda site: dict(site.catalog.hub.vocabulary(name))


def entities(kind: str):
    return lambda site: {r.id: r.entity.name for r in ordered(site.catalog, kind)}


def labelled(prefix: str, values: Iterable[str]):
    return lambda site: {v: site.ctx.t(f"{prefix}.{v}") for v in values}


def one(value) -> list:
    return [value] if value else []


def yes_no(flag) -> list:
    return ["yes" if flag else "no"]


FACETS: dict[str, tuple[Facet, ...]] = {
    "case-study": (
        Facet("industry", "case-study.industry", lambda e: one(e.customer.industry), vocab("industries")),
        Facet("region", "case-study.region", lambda e: one(e.customer.region), vocab("regions")),
        Facet("size", "case-study.size", lambda e: one(e.customer.size), vocab("company_sizes")),
        Facet("product", "case-study.products", lambda e: e.products, entities("product")),
        Facet("persona", "case-study.personas", lambda e: e.personas, entities("persona")),
        Facet("displaced", "case-study.displaced", lambda e: e.displaced, entities("battlecard")),
        Facet("deal_type", "case-study.deal_type", lambda e: one(e.deal_type), vocab("deal_types")),
        Facet("results", "finder.has_results", lambda e: yes_no(e.results), labelled("finder", YES_NO)),
        Facet("reference_calls", "case-study.reference_calls", lambda e: yes_no(e.approvals.reference_calls),
              labelled("finder", YES_NO)),
    ),
    "battlecard": (
        Facet("threat", "threat.name", lambda e: one(e.threat), labelled("threat", THREATS)),
        Facet("product", "battlecard.products", lambda e: e.products, entities("product")),
    ),
    "solution": (
        Facet("industry", "solution.industry", lambda e: one(e.industry), vocab("industries")),
        Facet("scenario", "solution.scenario", lambda e: one(e.scenario), vocab("scenarios")),
        Facet("function", "solution.function", lambda e: one(e.function), vocab("functions")),
        Facet("product", "solution.products", lambda e: e.products, entities("product")),
        Facet("deal_type", "solution.deal_type", lambda e: one(e.deal_type), vocab("deal_types")),
    ),
    "product": (
        Facet("stage", "product.lifecycle", lambda e: one(e.lifecycle.stage), labelled("stage", LIFECYCLE)),
        Facet("deal_type", "product.deal_type", lambda e: one(e.pricing and e.pricing.deal_type),
              vocab("deal_types")),
        Facet("persona", "product.personas", lambda e: e.personas, entities("persona")),
        Facet("competitor", "product.competitors", lambda e: e.competitors, entities("battlecard")),
    ),
    "persona": (
        Facet("buying_role", "persona.buying_role", lambda e: one(e.buying_role),
              labelled("buying_role", get_args(BuyingRole))),
        Facet("industry", "persona.industries", lambda e: e.industries, vocab("industries")),
    ),
    "launch": (
        Facet("product", "launch.product", lambda e: one(e.product), entities("product")),
    ),
}


def pages(site):
    for kind in KINDS:
        for page in range(1, listing_pages(site.catalog, kind) + 1):
            yield Page(listing_src(kind, page), render_listing(site.catalog, kind, site.ctx, page), in_nav=page == 1)
        yield Page(f"{KINDS[kind].folder}/{FINDER}", finder_index(site, kind))
    yield Page(PORTFOLIO, render_portfolio(site.catalog, site.ctx), in_nav=True)


def finder_index(site, kind: str) -> str:
    """The finder's JSON for ``kind``: facets with the values that occur, and every entity in listing order.

    Links are relative to the index file (the listing's folder). Compact: one line, empty
    facets left out of an item.
    """
    ctx = site.ctx.at(listing_src(kind, 1))
    facets = FACETS.get(kind, ())
    records = ordered(site.catalog, kind)
    items = []
    for record in records:
        values = {f.key: list(dict.fromkeys(v for v in f.values(record.entity) if v)) for f in facets}
        items.append({"id": record.id, "name": record.entity.name, "summary": record.entity.summary,
                      "url": ctx.url(record), "f": {k: v for k, v in values.items() if v}})
    used = {f.key: {v for item in items for v in item["f"].get(f.key, ())} for f in facets}
    index = {
        "kind": kind,
        "facets": [{"key": f.key, "label": ctx.t(f.label),
                    "values": [[v, name] for v, name in f.names(site).items() if v in used[f.key]]}
                   for f in facets if used[f.key]],
        "items": items,
    }
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
