"""What an edition makes searchable: one ``Doc`` per entity page and per hand-written page.

A doc's text is sorted into tiers, best first (``TIERS``): its names (the entity's name,
a named customer's name and aliases, the competitor's name), key facts (tags, tagline,
the vocabulary labels it is filed under: 零售 for a retail case study), the questions it
answers (objections, claims, FAQ questions, the one-liner), its summary, and the rest
(long texts, the names of the entities it refers to: mentions). Everything comes from the
edition's own catalog (``Site``), so a customer edition's index holds only public text;
an anonymous customer's name and aliases are never read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from pmmhub.channels.view import View
from pmmhub.model import KINDS
from pmmhub.model.common import Ref, Vocab
from pmmhub.model.fields import leaves
from pmmhub.model.kinds import DEFAULT_BOOST
from pmmhub.render.urls import page_url

TIERS = ("name", "key", "ask", "summary", "body")
PAGE = "page"  # the kind label of a hand-written page
PAGE_BOOST = 1
NAMES = {("name",), ("competitor", "name")}
KEYS = {("tags",), ("tagline",), ("role",), ("competitor", "target_customers")}
ASKS = {("objections", "objection"), ("they_say", "claim"), ("faq", "q"), ("quick_take", "one_liner"),
        ("pains",), ("goals",)}
SKIP = {("owner",), ("visibility",), ("customer", "name"), ("customer", "aliases")}
_URL = re.compile(r"^\s*(?:https?|mailto):", re.I)
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_MARKUP = re.compile(r"<[^>]+>|[*_`#>|]+|\]\([^)]*\)|\[|\{:[^}]*\}")


@dataclass
class Doc:
    path: str  # the page, relative to the site root
    kind: str  # an entity kind, or ``page``
    name: str
    summary: str
    reviewed: str = ""  # ISO date ("" for hand-written pages)
    stale: bool = False
    boost: int = DEFAULT_BOOST
    texts: dict[str, list[str]] = field(default_factory=lambda: {tier: [] for tier in TIERS})
    names: list[str] = field(default_factory=list)  # whole names: a query that is one ranks this doc first


def documents(prepared) -> list[Doc]:
    """Every searchable page of the ``prepared`` edition (``render.edition.Prepared``), in a stable order."""
    view = View(prepared.site)
    docs = [entity_doc(view, record) for record in view.records()]
    generated = prepared.site.page_srcs()
    for src in sorted(prepared.tree.pages - generated):
        doc = page_doc(src, prepared.tree.files[src], view)
        if doc is not None:
            docs.append(doc)
    return docs


def entity_doc(view: View, record) -> Doc:
    entity, kind = record.entity, KINDS[record.kind]
    fresh = view.freshness(record) if view.internal else {"reviewed": "", "stale": False}  # internal rule
    doc = Doc(view.path(record), record.kind, entity.name, entity.summary, fresh["reviewed"], fresh["stale"], kind.boost)
    doc.names.append(entity.name)
    customer = getattr(entity, "customer", None)
    if customer is not None and not customer.anonymous:  # an anonymous customer's names are never read
        for name in [customer.name, *customer.aliases]:
            doc.texts["name"].append(name)
            doc.names.append(name)
    for path, value, markers in leaves(entity):
        if not isinstance(value, str) or not value.strip():
            continue
        shape = tuple(p for p in path if isinstance(p, str))
        if shape[:2] in SKIP or shape[:1] in SKIP or _URL.match(value):
            continue
        tier, text = _placed(view, shape, value, markers)
        if tier:
            doc.texts[tier].append(text)
            if shape == ("competitor", "name"):
                doc.names.append(value)
    return doc


def _placed(view: View, shape: tuple, value: str, markers) -> tuple[str | None, str]:
    """The tier a leaf goes in, and its text (a reference: the referenced entity's name)."""
    for marker in markers:
        if isinstance(marker, Ref):
            other = view.catalog.get(marker.kind, value)
            return ("body", other.entity.name) if other is not None else (None, "")
        if isinstance(marker, Vocab):
            return "key", view.site.ctx.vocab(marker.name, value)
    if shape == ("summary",):
        return "summary", value
    if shape in NAMES:
        return "name", value
    if shape in KEYS or shape[:1] in KEYS:
        return "key", value
    if shape in ASKS or shape[:1] in ASKS:
        return "ask", value
    return "body", value


def page_doc(src: str, data: bytes, view: View) -> Doc | None:
    """A hand-written page: its title is its name, its text the body (None: the home page, or
    a page marked ``search: {exclude: true}``)."""
    text = data.decode("utf-8", "replace")
    meta: dict = {}
    found = _FRONT.match(text)
    if found:
        try:
            meta = yaml.safe_load(found.group(1)) or {}
        except yaml.YAMLError:
            meta = {}
        text = text[found.end():]
    search = meta.get("search") if isinstance(meta, dict) else None
    if src == "index.md" or (isinstance(search, dict) and search.get("exclude")):
        return None
    body = _MARKUP.sub(" ", _MACRO.sub(" ", text))
    heading = re.search(r"^#\s+(.+)$", text, re.M)
    title = str(meta.get("title") or (heading.group(1) if heading else src))
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    summary = next((line for line in lines if not line.startswith(title)), "")[:140]
    doc = Doc(page_url(src, view.site.ctx.directory_urls), PAGE, title, summary, boost=PAGE_BOOST)
    doc.texts["name"].append(title)
    doc.texts["body"].append(body)
    return doc
