"""Generated pages: every module in ``producers/`` contributes some.

A producer is a module ``pmmhub/render/producers/<name>.py`` with a function
``pages(site) -> Iterable[Page]``. Adding a kind of page (role pages, reports, …) is
adding a module there; nothing else changes. Producers run in module-name order.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, replace
from pathlib import Path

from pmmhub.render import producers


@dataclass(frozen=True)
class Page:
    src: str  # path in the docs tree, e.g. battlecards/xinghe.md (URL battlecards/xinghe/)
    content: str  # the page source: YAML front matter and Markdown
    source: Path | None = None  # the data file the page shows; the edit link opens it
    origin: str = ""  # who made it, for messages: a data file or "<producer> producer"
    in_nav: bool = False  # only listing pages may be nav entries: a page must not list every entity


class PageConflict(Exception):
    """Two producers (or a producer and a hand-written page) want the same path."""


def generate(site) -> list[Page]:
    pages: dict[str, Page] = {}
    for name in producer_names():
        module = importlib.import_module(f"{producers.__name__}.{name}")
        for page in module.pages(site):
            page = page if page.origin else replace(page, origin=f"{name} producer")
            if page.src in pages:
                raise PageConflict(conflict(page.src, pages[page.src].origin, page.origin))
            pages[page.src] = page
    return list(pages.values())


def producer_names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(producers.__path__) if not m.name.startswith("_"))


def conflict(src: str, first: str, second: str) -> str:
    return (f"{second}: the page {src} is already made by {first}\n"
            f"    hint: ids 'index' and names of portal pages are reserved; rename the file or page")
