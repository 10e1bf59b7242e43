"""What a template may ask while rendering one page: labels, links, relations, freshness."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from pmmhub.relate.catalog import Catalog, Record, today
from pmmhub.relate.editions import public_keys
from pmmhub.validate.freshness import Freshness, freshness
from pmmhub.model import KINDS
from pmmhub.render.i18n import Labels, labels
from pmmhub.render.urls import entity_src, page_url, relative


def customer_src(src: str) -> str:
    """Where the customer copy of the page ``src`` lives: ``products/x.md`` -> ``products/x/customer.md``."""
    return src[: -len(".md")] + "/customer.md"


@dataclass(frozen=True)
class Related:
    """A bounded group of related pages: the ones shown, how many there are, the finder filter for all."""

    kind: str
    shown: list
    total: int
    query: str


@dataclass(frozen=True)
class Context:
    catalog: Catalog
    labels: Labels
    today: dt.date
    directory_urls: bool = True
    page: str = "index.md"  # source path of the page being rendered
    # Relative links start from the page's URL (MkDocs leaves raw HTML links alone), or from its
    # source file's folder (Zensical rewrites every relative link as seen from the source file)
    links_from_source: bool = False
    audience: str = "internal"  # the edition: templates leave out what customers must not see
    # What every copy of this context (``at``) shares, computed once when first asked: the
    # keys of the entities the public edition has (``shareable``)
    shared: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, catalog: Catalog, *, day: dt.date | None = None, directory_urls: bool = True,
           audience: str = "internal", links_from_source: bool = False) -> Context:
        return cls(catalog, labels(catalog.hub.language, audience), day or today(), directory_urls,
                   links_from_source=links_from_source, audience=audience)

    def at(self, page: str) -> Context:
        return replace(self, page=page)

    # labels -----------------------------------------------------------------
    def t(self, key: str, **values) -> str:
        return self.labels(key, **values)

    def vocab(self, name: str, id_: str | None) -> str:
        return self.catalog.hub.vocabulary(name).get(id_, id_) if id_ else ""

    # links ------------------------------------------------------------------
    def url(self, target: Record | str) -> str:
        """Relative link to a record's page or to a page source path."""
        src = entity_src(target.kind, target.id) if isinstance(target, Record) else target
        return relative(page_url(src, self.directory_urls), self.here)

    def public_url(self, target: Record | str) -> str:
        """The absolute URL of a record's page (or a page source) in the hosted public edition
        (``public_url`` of hub.yml); "" when the hub does not say where that is."""
        base = self.catalog.hub.public_url
        if not base:
            return ""
        src = entity_src(target.kind, target.id) if isinstance(target, Record) else target
        return str(base).rstrip("/") + "/" + page_url(src, self.directory_urls)

    # customer copies --------------------------------------------------------
    def shareable(self, record: Record) -> bool:
        """True if the public edition has ``record``: it has a customer copy (``customer_src``)."""
        if "public" not in self.shared:
            self.shared["public"] = frozenset(public_keys(self.catalog))
        return record.key in self.shared["public"]

    def customer_copy(self, target: Record | str) -> str:
        """Relative link to the customer copy of a record's page or of a page source (internal edition)."""
        src = entity_src(target.kind, target.id) if isinstance(target, Record) else target
        return self.url(customer_src(src))

    @cached_property
    def here(self) -> str:
        return self.page if self.links_from_source else page_url(self.page, self.directory_urls)

    def get(self, kind: str, id_: str) -> Record:
        return self.catalog.get(kind, id_)

    def refs(self, kind: str, ids) -> list[Record]:
        return [r for r in (self.catalog.get(kind, i) for i in ids or ()) if r]

    # relations --------------------------------------------------------------
    def referrers(self, record: Record, source_kind: str | None = None) -> list[Record]:
        return self.catalog.referrers(record.kind, record.id, source_kind)

    def reverse(self, record: Record) -> list[tuple[str, list[Record]]]:
        """Entities that name ``record`` and that it does not name itself, grouped by kind."""
        named = {r.key for r in self.catalog.targets(record)}
        groups = []
        for kind in KINDS:
            found = [r for r in self.referrers(record, kind) if r.key not in named]
            if found:
                groups.append((kind, found))
        return groups

    def related(self, record: Record, limit: int) -> list[Related]:
        """``reverse`` bounded: per kind at most ``limit``, the best first (the kind's ``related_order``,
        else its listing order), with the whole count and the finder query that lists them all."""
        groups = []
        for kind, found in self.reverse(record):
            spec = KINDS[kind]
            order = spec.related_order or spec.order
            best = sorted(found, key=lambda r: order(r.entity))
            groups.append(Related(kind, best[:limit], len(found), self._finder_query(record, kind)))
        return groups

    def _finder_query(self, record: Record, kind: str) -> str:
        """``?product=tidehub``: the finder of ``kind`` filtered to what names ``record``, if it has such a facet."""
        fields = {re.sub(r"\[\d+\]", "", link.field) for source in self.referrers(record, kind)
                  for link in self.catalog.links_from.get(source.key, ()) if link.target == record.key}
        facet = next((f for f in KINDS[kind].facets if f.field in fields), None)
        return f"?{facet.key}={record.id}" if facet else ""

    # freshness --------------------------------------------------------------
    def fresh(self, record: Record) -> Freshness:
        return freshness(self.catalog, record, self.today)

    def days_until(self, day: dt.date) -> int:
        return (day - self.today).days
