"""Generated pages: every module in ``producers/`` contributes some.

A producer is a module ``pmmhub/render/producers/<name>.py`` with a function
``pages(site) -> Iterable[Page]``. Adding a kind of page (role pages, reports, …) is
adding a module there; nothing else changes. Producers run in module-name order.

A page may say which entities it shows (``depends``: their ``(kind, id)`` keys) and be
rendered lazily (``content`` a function of no arguments). The preview then reuses its
content after an edit to none of those entities (``Reuse``, ``render.incremental``); a page
that declares nothing is rendered again after every edit.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from pmmhub.render import producers

Key = tuple[str, str]  # (kind, id) of an entity


class Page:
    """One generated page source.

    ``src``: path in the docs tree, e.g. battlecards/xinghe.md (URL battlecards/xinghe/);
    ``content``: the page source (YAML front matter and Markdown), or a function that renders it;
    ``source``: the data file the page shows (the edit link opens it); ``origin``: who made it, for
    messages; ``in_nav``: only listing pages may be nav entries (a page must not list every entity);
    ``depends``: the keys of every entity whose data the page shows, or None (the default): it may
    show anything, and is rendered again after any edit.
    """

    __slots__ = ("src", "_content", "source", "origin", "in_nav", "depends")

    def __init__(self, src: str, content: str | Callable[[], str], source: Path | None = None, origin: str = "",
                 in_nav: bool = False, depends: Iterable[Key] | None = None):
        self.src, self._content, self.source, self.origin, self.in_nav = src, content, source, origin, in_nav
        self.depends = None if depends is None else frozenset(depends)

    @property
    def content(self) -> str:
        """The page source, rendered on first use."""
        if not isinstance(self._content, str):
            self._content = self._content()
        return self._content

    @property
    def rendered(self) -> bool:
        return isinstance(self._content, str)

    def set_content(self, text: str) -> None:
        """The content, rendered elsewhere (``render.parallel``)."""
        self._content = text

    def replace(self, **changes) -> Page:
        values = {name: getattr(self, name) for name in ("src", "source", "origin", "in_nav", "depends")}
        return Page(content=changes.pop("content", self._content), **{**values, **changes})

    def __repr__(self) -> str:
        return f"Page({self.src!r}, origin={self.origin!r})"


@dataclass(frozen=True)
class Reuse:
    """What an earlier render made, for the next one: the content and dependencies of its pages
    that declared them, and the keys of the entities changed since (added, removed or edited)."""

    pages: dict[str, tuple[str, frozenset]]
    changed: frozenset

    def apply(self, page: Page) -> Page:
        """``page`` with its earlier content, if neither its dependencies now nor those then changed."""
        earlier = self.pages.get(page.src)
        if page.depends is None or earlier is None or self.changed & (page.depends | earlier[1]):
            return page
        return page.replace(content=earlier[0])

    @staticmethod
    def of(pages: Iterable[Page]) -> dict[str, tuple[str, frozenset]]:
        """The reusable part of a render: rendered pages that declared their dependencies."""
        return {p.src: (p.content, p.depends) for p in pages if p.depends is not None and p.rendered}


class PageConflict(Exception):
    """Two producers (or a producer and a hand-written page) want the same path."""


def generate(site, reuse: Reuse | None = None) -> list[Page]:
    pages: dict[str, Page] = {}
    for name in producer_names():
        module = importlib.import_module(f"{producers.__name__}.{name}")
        for page in module.pages(site):
            page = page if page.origin else page.replace(origin=f"{name} producer")
            if page.src in pages:
                raise PageConflict(conflict(page.src, pages[page.src].origin, page.origin))
            pages[page.src] = reuse.apply(page) if reuse is not None else page
    return list(pages.values())


def producer_names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(producers.__path__) if not m.name.startswith("_"))


def conflict(src: str, first: str, second: str) -> str:
    return (f"{second}: the page {src} is already made by {first}\n"
            f"    hint: ids 'index' and names of portal pages are reserved; rename the file or page")
