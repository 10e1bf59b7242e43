"""Rendering: hub content to page sources (Markdown with front matter and raw HTML).

A plain library, independent of the site engine: ``pages`` renders a page from templates
in ``macros/templates`` (one per entity kind, one per listing, partials for badges, links
and cards); ``text`` turns data text into safe HTML; ``i18n`` holds the portal's labels;
``urls`` the URL scheme; ``context`` what a template may ask.
"""
from .context import Context
from .pages import (
    render_entity,
    render_fragment,
    render_industries,
    render_industry,
    render_listing,
    render_portfolio,
)

__all__ = ["Context", "render_entity", "render_fragment", "render_industries", "render_industry", "render_listing",
           "render_portfolio"]
