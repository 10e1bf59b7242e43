"""What every channel says about one record, computed once from the rendered ``Site``.

A ``View`` is one edition on one day with its address: page paths (``products/x/``) and
absolute URLs when the config has a ``site_url``, freshness, relations both ways, the
facets the list filters read and the entity's data as JSON. The channels (JSON API,
``llms.txt``, Markdown mirrors, CSV) only format what it returns, so they cannot disagree
with each other or with the pages. Outside the internal edition (``internal`` false) they
leave out what ``records.INTERNAL_ONLY`` names, as the pages do: owners, freshness, visibility.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from pmmhub.channels.records import INTERNAL_ONLY, without_internal
from pmmhub.model import KINDS
from pmmhub.model.common import Ref, Vocab
from pmmhub.model.fields import leaves
from pmmhub.relate.catalog import Record
from pmmhub.render.urls import entity_src, page_url

API = "api/v1"
# The list filters: a record carries every value of a field marked with the vocabulary or the
# reference named here (and, for ``product`` and ``competitor``, itself when it is one).
FACETS = {"industry": ("vocab", "industries"), "product": ("ref", "product"),
          "competitor": ("ref", "battlecard"), "deal_type": ("vocab", "deal_types")}
HIDDEN = {("customer", "aliases")}  # what no page shows (the anonymity check's input), so no channel


@dataclass
class View:
    site: object  # pmmhub.render.site.Site
    base_url: str | None = None  # the config's site_url: absolute URLs when set
    # the Markdown channels' entity documents, made once (``markdown.entity_markdown``)
    documents: dict = field(default_factory=dict, repr=False, compare=False)
    labels: dict = field(default_factory=dict, repr=False, compare=False)  # (kind, field) -> label, found once

    def __post_init__(self):
        if self.base_url:
            self.base_url = self.base_url.rstrip("/") + "/"

    @property
    def catalog(self):
        return self.site.catalog

    @property
    def today(self) -> dt.date:
        return self.site.ctx.today

    @property
    def audience(self) -> str:
        return self.site.audience

    @property
    def internal(self) -> bool:
        """The internal edition: its channels say who keeps each entity and how fresh it is."""
        return self.audience == "internal"

    def shown(self, name: str) -> bool:
        """Whether this edition's channels show a field called ``name`` (at any depth)."""
        return self.internal or name not in INTERNAL_ONLY

    def t(self, key: str, **values) -> str:
        return self.site.ctx.t(key, **values)

    # which kinds ------------------------------------------------------------------
    @cached_property
    def kinds(self) -> list[str]:
        """The kinds this edition publishes (outside the internal edition, not the empty ones)."""
        return [k for k in KINDS if not self.site.withheld(KINDS[k].folder + "/")]

    def records(self, kind: str | None = None) -> list[Record]:
        if kind is not None:
            return self.catalog.all(kind) if kind in self.kinds else []
        return [r for k in self.kinds for r in self.catalog.all(k)]

    # addresses --------------------------------------------------------------------
    def path(self, record: Record) -> str:
        """The page's URL relative to the site root (``products/x/``)."""
        return page_url(entity_src(record.kind, record.id), self.site.ctx.directory_urls)

    def url(self, record_or_path) -> str:
        """Absolute when the site URL is known, else the site-relative path."""
        path = record_or_path if isinstance(record_or_path, str) else self.path(record_or_path)
        return self.base_url + path if self.base_url else path

    def mirror_path(self, record: Record) -> str:
        """The Markdown mirror: the page's URL plus ``index.md`` (``x.md`` next to ``x.html``)."""
        path = self.path(record)
        return path + "index.md" if path.endswith("/") else path[: -len(".html")] + ".md"

    def api_path(self, record: Record) -> str:
        return f"{API}/{KINDS[record.kind].folder}/{record.id}.json"

    # facts ------------------------------------------------------------------------
    def name(self, record: Record) -> str:
        return record.entity.name

    def freshness(self, record: Record) -> dict:
        """When the record was verified and is due (the channels show it in the internal edition only)."""
        fresh = self.site.ctx.fresh(record)
        return {"reviewed": fresh.reviewed.isoformat(), "review_every": fresh.interval, "due": fresh.due.isoformat(),
                "age_days": fresh.age, "stale": fresh.stale, "checked": self.today.isoformat()}

    def facets(self, record: Record) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {name: [] for name in FACETS}
        for _path, value, markers in leaves(record.entity):
            for name, wanted in FACETS.items():
                if wanted in {_marker(m) for m in markers} and value not in out[name]:
                    out[name].append(value)
        for name, (how, what) in FACETS.items():
            if how == "ref" and record.kind == what and record.id not in out[name]:
                out[name].insert(0, record.id)
        return out

    def relations(self, record: Record) -> dict[str, list[dict]]:
        """``names``: what the record refers to; ``named_by``: what refers to it, with the fields."""
        out_fields: dict[tuple, list[str]] = {}
        for link in self.catalog.links_from.get(record.key, ()):
            out_fields.setdefault(link.target, []).append(link.field)
        in_fields: dict[tuple, list[str]] = {}
        for source in self.catalog.referrers(*record.key):
            for link in self.catalog.links_from.get(source.key, ()):
                if link.target == record.key:
                    in_fields.setdefault(source.key, []).append(link.field)
        return {"names": [self._relation(key, fields) for key, fields in out_fields.items()],
                "named_by": [self._relation(key, fields) for key, fields in in_fields.items()]}

    def _relation(self, key: tuple, fields: list[str]) -> dict:
        other = self.catalog.get(*key)
        return {"kind": other.kind, "id": other.id, "name": other.entity.name, "path": self.path(other),
                "url": self.url(other), "fields": fields}

    def data(self, record: Record) -> dict:
        """The entity as JSON, as its page shows it: an anonymous customer by the page's label."""
        data = record.entity.model_dump(mode="json", exclude_none=True)
        for section, name in HIDDEN:
            if isinstance(data.get(section), dict):
                data[section].pop(name, None)
        customer = data.get("customer")
        if isinstance(customer, dict) and customer.get("anonymous"):
            customer["name"] = self.customer_name(record)
        return data if self.internal else without_internal(data)[0]

    def customer_name(self, record: Record) -> str:
        customer = record.entity.customer
        if customer.anonymous:
            return self.t("case-study.anonymous", industry=self.site.ctx.vocab("industries", customer.industry))
        return customer.name

    def summary_entry(self, record: Record) -> dict:
        """A record's line in ``index.json``."""
        out = {"kind": record.kind, "id": record.id, "name": record.entity.name, "summary": record.entity.summary,
               "path": self.path(record), "url": self.url(record)}
        if self.internal:
            out.update(owner=record.entity.owner, reviewed=record.entity.reviewed.isoformat(),
                       freshness=self.freshness(record))
        return {**out, "file": self.api_path(record), "mirror": self.mirror_path(record)}

    def entry(self, record: Record) -> dict:
        """A record's own API file."""
        shown = {"visibility": record.entity.visibility} if self.internal else {}
        return {**self.summary_entry(record), **shown, "edition": self.audience,
                "facets": self.facets(record), "relations": self.relations(record), "data": self.data(record)}


def _marker(marker) -> tuple | None:
    if isinstance(marker, Ref):
        return "ref", marker.kind
    if isinstance(marker, Vocab):
        return "vocab", marker.name
    return None
