"""A page per industry of hub.yml (industries/<id>.md) and their index."""
from pmmhub.render.pages import render_industries, render_industry
from pmmhub.render.urls import INDUSTRIES, industry_src
from pmmhub.render.generated import Page


def pages(site):
    yield Page(f"{INDUSTRIES}/index.md", render_industries(site.catalog, site.ctx), in_nav=True)
    for industry in site.catalog.hub.industries:
        yield Page(industry_src(industry), render_industry(site.catalog, industry, site.ctx),
                   origin=f"hub.yml industries.{industry}")
