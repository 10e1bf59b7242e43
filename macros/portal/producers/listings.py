"""A listing per kind (<folder>/index.md, then <folder>/page/<n>.md) and the product portfolio (portfolio.md)."""
from ...model import KINDS
from ...render.pages import listing_pages, render_listing, render_portfolio
from ...render.urls import PORTFOLIO, listing_src
from ..pages import Page


def pages(site):
    for kind in KINDS:
        for page in range(1, listing_pages(site.catalog, kind) + 1):
            yield Page(listing_src(kind, page), render_listing(site.catalog, kind, site.ctx, page), in_nav=page == 1)
    yield Page(PORTFOLIO, render_portfolio(site.catalog, site.ctx), in_nav=True)
