"""Render hub content to page sources (Markdown with raw HTML), one template per page type.

Nothing here knows about MkDocs: a page source is a string with YAML front matter that
any Markdown site engine can read. ``render_fragment`` serves the macros of hand-written
pages with the same partials the generated pages use.
"""
from __future__ import annotations

from typing import get_args

from pmmhub.model import KINDS
from pmmhub.model.product import Stage
from pmmhub.relate.catalog import Catalog, Record
from pmmhub.render.context import Context
from pmmhub.render.environment import environment
from pmmhub.render.urls import PORTFOLIO, entity_src, industry_src, listing_src

PAGE_SIZE = 60  # rows per listing page: at most ~60 KB of HTML with long names, however large the hub


def _ctx(catalog: Catalog, ctx: Context | None, page: str) -> Context:
    return (ctx or Context.of(catalog)).at(page)


def render_entity(catalog: Catalog, record: Record, ctx: Context | None = None) -> str:
    ctx = _ctx(catalog, ctx, entity_src(record.kind, record.id))
    template = environment().get_template(f"entity/{record.kind}.md")
    return template.render(ctx=ctx, t=ctx.t, record=record, e=record.entity)


def render_listing(catalog: Catalog, kind: str, ctx: Context | None = None, page: int = 1) -> str:
    """Page ``page`` (from 1) of a kind's listing; ``listing_pages`` says how many there are."""
    ctx = _ctx(catalog, ctx, listing_src(kind, page))
    records = ordered(catalog, kind)
    count = listing_pages(catalog, kind)
    template = environment().get_template(f"listing/{kind}.md")
    return template.render(ctx=ctx, t=ctx.t, kind=kind, total=len(records), page=page,
                           records=records[(page - 1) * PAGE_SIZE: page * PAGE_SIZE],
                           pager=[(n, listing_src(kind, n)) for n in range(1, count + 1)] if count > 1 else [])


def listing_pages(catalog: Catalog, kind: str) -> int:
    return max(1, -(-len(catalog.records.get(kind, {})) // PAGE_SIZE))


def render_portfolio(catalog: Catalog, ctx: Context | None = None) -> str:
    ctx = _ctx(catalog, ctx, PORTFOLIO)
    products = ordered(catalog, "product")
    by_stage = [(stage, [p for p in products if p.entity.lifecycle.stage == stage]) for stage in get_args(Stage)]
    return environment().get_template("portfolio.md").render(ctx=ctx, t=ctx.t, stages=by_stage)


def render_industries(catalog: Catalog, ctx: Context | None = None) -> str:
    ctx = _ctx(catalog, ctx, "industries/index.md")
    return environment().get_template("industries.md").render(ctx=ctx, t=ctx.t, industries=industries(catalog))


def render_industry(catalog: Catalog, industry: str, ctx: Context | None = None) -> str:
    ctx = _ctx(catalog, ctx, industry_src(industry))
    return environment().get_template("industry.md").render(ctx=ctx, t=ctx.t, industry=industry,
                                                            label=catalog.hub.industries[industry],
                                                            **in_industry(catalog, industry))


def render_fragment(name: str, ctx: Context, **values) -> str:
    """One of ``templates/fragments/<name>.html`` (the macros' output) as an HTML block."""
    html = environment().get_template(f"fragments/{name}.html").render(ctx=ctx, t=ctx.t, **values)
    return f"\n\n{html.strip()}\n\n"


# ordering and grouping --------------------------------------------------------

def ordered(catalog: Catalog, kind: str) -> list[Record]:
    """A kind's records in the order a reader scans them (the kind's ``order``; ties by id)."""
    order = KINDS[kind].order
    return sorted(catalog.all(kind), key=lambda r: order(r.entity))


def in_industry(catalog: Catalog, industry: str) -> dict[str, list[Record]]:
    """The solutions, case studies and personas of one industry."""
    return {
        "solutions": [r for r in ordered(catalog, "solution") if r.entity.industry == industry],
        "case_studies": [r for r in ordered(catalog, "case-study") if r.entity.customer.industry == industry],
        "personas": [r for r in ordered(catalog, "persona") if industry in r.entity.industries],
    }


def industries(catalog: Catalog) -> list[tuple[str, str, dict[str, int]]]:
    """Each industry of hub.yml with how much content it has: (id, label, counts)."""
    out = []
    for industry, label in catalog.hub.industries.items():
        found = in_industry(catalog, industry)
        out.append((industry, label, {k: len(v) for k, v in found.items()}))
    return out
