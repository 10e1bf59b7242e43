"""MkDocs pages that the hub converts itself: a generated page skips Python-Markdown.

MkDocs converts every page with a new ``Markdown`` of the config's extensions, and a generated
page's finished HTML still costs a pass through the block and inline processors and the table
of contents. ``FinishedPage.render`` asks ``finished_html.to_html`` instead and sets what
``Page.render`` would (content, table of contents, anchors); when the page holds anything the
fast path does not know, it is MkDocs' ``render`` after all. A plugin turns MkDocs' pages into
these in ``on_nav`` (``convert``), only when the config converts pages as the fast path assumes
(``converts_like_fast_path``): the ``hub`` plugin for the
pages it generated, ``hub-pages`` (``pmmhub.engines.pages_plugin``) for the tree ``hub build`` hands MkDocs.
"""
from __future__ import annotations

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from pmmhub.render import finished_html

# the portal's extensions (mkdocs.yml, and those MkDocs always adds): on a marked page they find nothing but the headings
KNOWN_EXTENSIONS = frozenset({"admonition", "attr_list", "fenced_code", "md_in_html", "tables", "toc", "pymdownx.details",
                              "pymdownx.highlight", "pymdownx.superfences", finished_html.NAME})


def converts_like_fast_path(config, extensions: list | None = None) -> bool:
    """Whether ``config`` (with ``extensions`` instead of its own, when given) turns a marked page into
    what ``to_html`` writes: only known extensions, among them attribute lists, the table of contents
    (with permalinks, its defaults otherwise) and the finished-HTML extension."""
    names = set(config["markdown_extensions"] if extensions is None else extensions)
    toc = (config["mdx_configs"] or {}).get("toc", {})
    return {finished_html.NAME, "attr_list", "toc"} <= names <= KNOWN_EXTENSIONS and toc == {"permalink": True}


class FinishedPage(Page):
    ahead: tuple | None = None  # (Markdown's digest, its conversion), made by the render: taken for that Markdown

    def render(self, config, files) -> None:
        if self.ahead is not None and self.markdown is not None and self.ahead[0] == finished_html.digest(self.markdown):
            converted = self.ahead[1]
        else:
            converted = finished_html.to_html(self.markdown) if self.markdown is not None else None
        self.ahead = None
        if converted is None:
            return super().render(config, files)
        self.content = converted.content
        self.toc = get_toc(converted.toc_tokens)
        self._title_from_render = None  # a marked page's title is its front matter's
        self.present_anchor_ids = set(converted.ids)
        self.links_to_anchors = {}  # its links are final URLs, which MkDocs does not check


def convert(nav_pages, srcs: set[str] | None = None, ahead: dict[str, tuple] | None = None) -> None:
    """The pages MkDocs made (``nav_pages``: every documentation page, once the navigation is built;
    those of ``srcs`` only, when given) convert as ``FinishedPage``s: they change class and keep
    everything MkDocs gave them (the navigation's title, parents, neighbours), with what the render
    converted already (``ahead``: ``Tree.converted``). An unmarked page still converts as MkDocs
    would convert it."""
    for page in nav_pages:
        if type(page) is Page and (srcs is None or page.file.src_uri in srcs):
            page.__class__ = FinishedPage  # a subclass with no state of its own beyond ``ahead``
            if ahead:
                page.ahead = ahead.get(page.file.src_uri)
