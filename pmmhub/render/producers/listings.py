"""A listing per kind (<folder>/index.md, then <folder>/page/<n>.md), its finder index
(<folder>/finder.json) and the product portfolio (portfolio.md).

The finder index is what ``docs/assets/finder.js`` filters in the browser: every entity
of the kind in this edition (id, name, summary, link, facet value ids) and each facet
with its labelled values. It is built from the edition's catalog, like the pages, so a
public edition's index holds only public entities and fields. Listing pages stay
paginated HTML (what readers without JavaScript get); the index is one separate file.

Facet keys are the contract's field names and double as the URL query keys
(``case-studies/?industry=retail&product=tidehub``); values are ids. A yes / no facet
says ``"flag": true``: the finder does not show its values as an item's tags. The facets
themselves are the kind's (``Kind.facets``); their values' names follow from the field types.
A facet that cannot narrow the list (every entity holds each of its values: "has metrics"
when every case study has them) is left out of the index, so no finder shows it.

Each item carries its listing row (``row``: the same ``<tr>`` the listing page has, from
the kind's listing template), so a filtered or sorted list keeps the listing's layout, and
the keys of the finder's sorts: ``date`` (the entity's own date, such as a case study's
go-live or a product's GA, else, in the internal edition only, when it was last verified;
"newest") and ``due`` (internal edition only: when its review falls due; "freshness": the
longest to go first).
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import operator
import re

from pmmhub.model import KINDS, Facet
from pmmhub.model.fields import shape_at
from pmmhub.render.pages import listing_pages, ordered, render_listing, render_portfolio
from pmmhub.render.urls import PORTFOLIO, listing_src
from pmmhub.render.environment import environment
from pmmhub.render.generated import Page

FINDER = "finder.json"  # next to the listing's first page: <folder>/finder.json
YES_NO = ("yes", "no")  # the values of a flag facet, labelled finder.yes / finder.no
_ROW = re.compile(r"\n(?=<tr data-hub-id=)")  # between two listing rows (data text is escaped: no "<" in it)


def values(facet: Facet, entity) -> list:
    """The value ids ``entity`` has for ``facet``."""
    value = facet.read(entity)
    if facet.flag:
        return [YES_NO[0] if value else YES_NO[1]]
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value] if value else []


def names(facet: Facet, kind: str, site, used: set) -> dict[str, str]:
    """{value id: label} of ``facet``'s values in ``used``, in the order to show, from the type of the
    field it reads: a hub.yml vocabulary, the names of a referenced kind (only those entities are
    read, so the finder depends on no other: ``Page.depends``), a Literal's labels, or yes / no."""
    if facet.flag:
        return {v: site.ctx.t(f"finder.{v}") for v in YES_NO if v in used}
    shape = shape_at(KINDS[kind].model, tuple(facet.field.split(".")))
    shape = shape.item if shape.form == "list" else shape
    if shape.vocab:
        return {v: label for v, label in site.catalog.hub.vocabulary(shape.vocab.name).items() if v in used}
    if shape.ref:
        found = sorted((r for r in (site.catalog.get(shape.ref.kind, v) for v in sorted(used)) if r),
                       key=lambda r: KINDS[shape.ref.kind].order(r.entity))  # listing order, ties by id
        return {r.id: r.entity.name for r in found}
    if shape.choices and facet.labels:
        return {v: site.ctx.t(f"{facet.labels}.{v}") for v in shape.choices if v in used}
    raise TypeError(f"facet {kind}.{facet.key}: {facet.field} is no vocabulary, reference or labelled Literal")


def pages(site):
    catalog = site.catalog
    for kind in KINDS:
        shows = around(catalog, kind)
        for page in range(1, listing_pages(catalog, kind) + 1):
            yield Page(listing_src(kind, page), functools.partial(render_listing, catalog, kind, site.ctx, page),
                       in_nav=page == 1, depends=shows)
        yield Page(f"{KINDS[kind].folder}/{FINDER}", functools.partial(finder_index, site, kind), depends=shows)
    yield Page(PORTFOLIO, functools.partial(render_portfolio, catalog, site.ctx), in_nav=True,
               depends=around(catalog, "product"))


def around(catalog, kind: str) -> frozenset:
    """The keys of every entity of ``kind`` and of what each names or is named by."""
    return frozenset().union(*(catalog.neighbours(record) for record in catalog.all(kind)))


def finder_index(site, kind: str) -> str:
    """The finder's JSON for ``kind``: facets that narrow the list, with the values that occur, and every
    entity in listing order with its listing row and sort keys.

    Links are relative to the index file (the listing's folder, where the listing's first page is too).
    Compact: one line, empty facets left out of an item.
    """
    ctx = site.ctx.at(listing_src(kind, 1))
    internal = site.audience == "internal"
    records = ordered(site.catalog, kind)
    held = [{f.key: list(dict.fromkeys(v for v in values(f, r.entity) if v)) for f in KINDS[kind].facets}
            for r in records]
    shown = [f for f in KINDS[kind].facets if narrows([h[f.key] for h in held])]
    items = [{"id": record.id, "name": record.entity.name, "summary": record.entity.summary,
              "url": ctx.url(record), "f": {f.key: found[f.key] for f in shown if found[f.key]},
              "row": row}
             | ({"date": day.isoformat()} if (day := own_date(kind, record.entity, internal)) else {})
             | ({"due": ctx.fresh(record).due.isoformat()} if internal else {})  # freshness: an internal rule
             for record, found, row in zip(records, held, rows(ctx, kind, records), strict=True)]
    used = {f.key: {v for item in items for v in item["f"].get(f.key, ())} for f in shown}
    index = {
        "kind": kind,
        "facets": [{"key": f.key, "label": ctx.t(f.label),
                    "values": [[v, name] for v, name in names(f, kind, site, used[f.key]).items()],
                    **({"flag": True} if f.flag else {})}
                   for f in shown],
        "items": items,
    }
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def narrows(held: list[list[str]]) -> bool:
    """Whether a facet whose value ids per entity are ``held`` can narrow the list: some entity lacks
    some value another has (a facet every entity has all of, or none of, filters nothing)."""
    sets = [set(ids) for ids in held]
    every = set().union(*sets)
    return any(ids != every for ids in sets)


def rows(ctx, kind: str, records) -> list[str]:
    """The listing table's ``<tr>`` of each record, rendered by the kind's listing template."""
    html = environment().get_template(f"listing/{kind}.md").render(
        ctx=ctx, t=ctx.t, kind=kind, records=records, rows_only=True, total=len(records), page=1, pager=[])
    return _ROW.split(html.strip()) if records else []


def own_date(kind: str, entity, internal: bool = True) -> dt.date | None:
    """The date "newest" sorts by: the kind's own (``Kind.date_field``: a case study's go-live, a
    product's GA), else, in the internal edition only, the review date; None when there is none."""
    field = KINDS[kind].date_field
    value = operator.attrgetter(field)(entity) if field else None
    return value if value is not None else entity.reviewed if internal else None
