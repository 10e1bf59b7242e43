"""One loaded hub in one edition on one day, and the pages it renders to."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pmmhub.relate.catalog import Catalog, FileCache, load as load_catalog
from pmmhub.relate.editions import AUDIENCES, edition
from pmmhub.model import KINDS
from pmmhub.render.context import Context


@dataclass
class Site:
    catalog: Catalog
    data_dir: Path
    ctx: Context
    audience: str = "internal"
    hidden: frozenset = frozenset()  # (kind, id) of the entities this edition leaves out
    full: Catalog | None = None  # the whole hub this edition was projected from (for the leak check)
    reuse: object = None  # a ``generated.Reuse``: what an earlier render of this edition made (the preview)

    @property
    def language(self) -> str:
        return self.catalog.hub.language

    @cached_property
    def pages(self) -> list:
        """Every generated page (computed once)."""
        from pmmhub.render.generated import generate

        return generate(self, self.reuse)

    def page_srcs(self) -> set[str]:
        """The source paths of the generated pages this edition publishes."""
        return {page.src for page in self.pages if not self.withheld(page.src)}

    @cached_property
    def public(self) -> Catalog:
        """The public edition of the whole hub (computed once): what customer copies show."""
        if self.audience == "public":
            return self.catalog
        return edition(self.full if self.full is not None else self.catalog, "public")

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


def load(data_dir: Path | str, *, day: dt.date, audience: str = "internal", directory_urls: bool = True,
         links_from_source: bool = False, files: FileCache | None = None) -> Site:
    """The hub in ``data_dir`` as the ``audience`` edition on ``day``; raises ``HubDataError``
    with every problem if it has errors.

    ``audience`` is the edition: ``internal`` (everything) or ``public`` (what customers may
    see, see ``pmmhub.relate.editions``); ``day`` is the build's today (freshness, countdowns);
    ``links_from_source``: how the engine reads relative links (``render.context.Context``);
    ``files``: what earlier loads read (the preview's, ``FileCache``).
    """
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience '{audience}'; use {' or '.join(AUDIENCES)}")
    root = Path(data_dir).resolve()
    full = load_catalog(root, files)
    full.raise_for_errors()
    catalog = edition(full, audience)  # internal too: anonymous customers are nameless everywhere
    hidden = frozenset(r.key for r in full if catalog.get(*r.key) is None)
    ctx = Context.of(catalog, day=day, directory_urls=directory_urls, audience=audience,
                     links_from_source=links_from_source)
    return Site(catalog, root, ctx, audience, hidden, full)
