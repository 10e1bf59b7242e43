"""One loaded hub and how to render it; loaded once per change of the data."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..catalog import Catalog, load as load_catalog, today
from ..editions import AUDIENCES, edition
from ..model import KINDS
from ..render.context import Context


@dataclass
class Site:
    catalog: Catalog
    data_dir: Path
    ctx: Context
    audience: str = "internal"
    hidden: frozenset = frozenset()  # (kind, id) of the entities this edition leaves out

    @property
    def language(self) -> str:
        return self.catalog.hub.language

    @cached_property
    def pages(self) -> list:
        """Every generated page (computed once)."""
        from .pages import generate

        return generate(self)

    def page_srcs(self) -> set[str]:
        """The source paths of the generated pages this edition publishes."""
        return {page.src for page in self.pages if not self.withheld(page.src)}

    @cached_property
    def empty_kinds(self) -> tuple[str, ...]:
        """Kinds of which this edition has no entity."""
        return tuple(kind for kind in KINDS if not self.catalog.records.get(kind))

    def withheld(self, src: str) -> bool:
        """True for a generated page or file this edition leaves out: outside the internal
        edition, everything under the folder of a kind it has nothing of (its listing, its
        finder index), so customers see no empty "battle cards" section."""
        if self.audience == "internal":
            return False
        return any(src.startswith(KINDS[kind].folder + "/") for kind in self.empty_kinds)


_cache: dict[tuple, Site] = {}


def load(data_dir: Path | str, *, directory_urls: bool = True, day: dt.date | None = None,
         audience: str = "internal") -> Site:
    """The hub in ``data_dir`` as a ``Site``; raises ``HubDataError`` with every problem if it has errors.

    ``audience`` is the edition: ``internal`` (everything) or ``public`` (what customers may
    see, see ``macros.editions``). Loading is cached on the files' names, sizes and times, so
    the MkDocs plugin and the macros module share one load, and ``mkdocs serve`` reloads
    only when data changed.
    """
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience '{audience}'; use {' or '.join(AUDIENCES)}")
    root = Path(data_dir).resolve()
    day = day or today()
    key = (root, directory_urls, day, audience, _fingerprint(root))
    if key not in _cache:
        full = load_catalog(data_dir)
        full.raise_for_errors()
        catalog = edition(full, audience)  # internal too: anonymous customers are nameless everywhere
        hidden = frozenset(r.key for r in full if catalog.get(*r.key) is None)
        _cache.clear()
        ctx = Context.of(catalog, day=day, directory_urls=directory_urls, audience=audience)
        _cache[key] = Site(catalog, root, ctx, audience, hidden)
    return _cache[key]


def _fingerprint(root: Path) -> tuple:
    if not root.is_dir():
        return ()
    return tuple((str(p), s.st_size, s.st_mtime_ns) for p in sorted(root.rglob("*")) for s in [p.stat()])
