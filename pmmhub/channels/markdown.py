"""An entity as clean Markdown, made from its data (not from the page's HTML).

``document(view, record, link)`` walks the entity's fields by their shapes: the envelope
becomes a list of facts under the title, each other field a section; a list of mappings
(objections, value propositions) one sub-heading per item, titled by its first text field.
Values read as on the page: references are links to the other entity (``link`` makes the
address), vocabulary ids and choices their labels. Plain text is escaped so that it stays
text; Markdown fields keep their Markdown, with raw HTML made inert. The template
``channels/entity.md`` lays the blocks out. The internal edition's facts say who keeps the
entity and when it was verified; the public edition's leave that out, and its sections every
field the edition does not show (``View.shown``: a launch item's owner, pricing's visibility).
"""
from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel

from pmmhub.model import KINDS
from pmmhub.model.common import MARKDOWN
from pmmhub.model.fields import Shape, shapes
from pmmhub.relate.catalog import Record
from pmmhub.render.environment import TEMPLATES

ENVELOPE = ("name", "summary", "owner", "reviewed", "review_every", "visibility", "tags")
HIDDEN = {"aliases"}  # customer.aliases: no page shows them
_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_BLANKS = re.compile(r"\n{3,}")
_HEADING = re.compile(r"^(#{1,6})(?=\s)", re.M)


@dataclass
class Block:
    type: str  # heading, field, text, bullets
    label: str = ""
    text: str = ""
    level: int = 2
    items: list[str] = field(default_factory=list)


@dataclass
class Document:
    title: str
    summary: str
    facts: list[tuple[str, str]]
    blocks: list[Block]


def inline(text) -> str:
    """Plain text on one line, with Markdown's syntax characters escaped."""
    return _INLINE.sub(r"\\\1", " ".join(str(text).split()))


def block_text(text: str, level: int) -> str:
    """A Markdown field: raw HTML inert (``<`` escaped), its headings below ``level``."""
    text = text.strip().replace("<", "&lt;")
    return _HEADING.sub(lambda m: "#" * min(6, max(len(m[1]), level + 1)), text)


class _Writer:
    def __init__(self, view, record: Record, link: Callable[[Record], str]):
        self.view, self.record, self.link = view, record, link
        self.kind = record.kind
        self.blocks: list[Block] = []

    def hidden(self, name: str) -> bool:
        return name in HIDDEN or not self.view.shown(name)

    def label(self, name: str) -> str:
        found = self.view.labels.get((self.kind, name))
        if found is None:
            found = self.view.labels[self.kind, name] = _label(self.view.site.ctx.labels, self.kind, name)
        return found

    # values -------------------------------------------------------------------------
    def value(self, value, shape: Shape) -> str:
        """One scalar value as inline Markdown."""
        if isinstance(value, BaseModel):
            return self.compact(value)
        shape = shape.scalar
        if shape.ref is not None:
            target = self.view.catalog.get(shape.ref.kind, value)
            return f"[{inline(target.entity.name)}]({self.link(target)})" if target else inline(value)
        if shape.vocab is not None:
            return inline(self.view.catalog.hub.vocabulary(shape.vocab.name).get(value, value))
        if isinstance(value, bool):
            return inline(self.view.t(f"support.{'yes' if value else 'no'}"))
        if shape.choices:
            return inline(_choice_label(self.view.site.ctx.labels, shape.choices, value))
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return inline(value)

    def compact(self, model: BaseModel) -> str:
        """A mapping inside a list item, on one line: its values, the first one leading."""
        parts = [self.scalars(getattr(model, f.name), f.shape) for f in shapes(type(model))
                 if getattr(model, f.name) not in (None, [], "") and not self.hidden(f.name)]
        return parts[0] + (f" ({'; '.join(parts[1:])})" if len(parts) > 1 else "") if parts else ""

    def scalars(self, value, shape: Shape) -> str:
        if isinstance(value, list):
            return "; ".join(self.value(v, shape.scalar.item if shape.scalar.item else shape) for v in value)
        if MARKDOWN in shape.markers and isinstance(value, str):
            return inline(value)
        return self.value(value, shape)

    # structure ----------------------------------------------------------------------
    def section(self, name: str, value, shape: Shape) -> None:
        self.blocks.append(Block("heading", text=inline(self.label(name)), level=2))
        self.content(value, shape, 2)

    def content(self, value, shape: Shape, level: int) -> None:
        if isinstance(value, BaseModel):
            self.fields(value, level)
        elif isinstance(value, list) and value and all(isinstance(v, BaseModel) for v in value) and level < 4:
            for item in value:
                self.item(item, level + 1)
        elif isinstance(value, list):
            self.blocks.append(Block("bullets", items=[self.scalars(v, _item(shape)) for v in value]))
        elif MARKDOWN in shape.markers:
            self.blocks.append(Block("text", text=block_text(value, level)))
        else:
            self.blocks.append(Block("text", text=self.value(value, shape)))

    def item(self, model: BaseModel, level: int) -> None:
        fields = [f for f in shapes(type(model)) if getattr(model, f.name) not in (None, [], "") and not self.hidden(f.name)]
        lead = next((f for f in fields if isinstance(getattr(model, f.name), str) and MARKDOWN not in f.shape.markers), None)
        title = self.value(getattr(model, lead.name), lead.shape) if lead else self.label(type(model).__name__.lower())
        self.blocks.append(Block("heading", text=title, level=level))
        self.fields(model, level, skip=lead.name if lead else None)

    def fields(self, model: BaseModel, level: int, skip: str | None = None) -> None:
        for f in shapes(type(model)):
            value = getattr(model, f.name)
            if f.name == skip or self.hidden(f.name) or value in (None, [], ""):
                continue
            nested = isinstance(value, BaseModel) or (isinstance(value, list) and value and isinstance(value[0], BaseModel))
            if MARKDOWN in f.shape.markers:
                self.blocks.append(Block("field", label=inline(self.label(f.name))))
                self.blocks.append(Block("text", text=block_text(value, level)))
            elif nested and level < 4:
                self.blocks.append(Block("heading", text=inline(self.label(f.name)), level=level + 1))
                self.content(value, f.shape, level + 1)
            else:
                self.blocks.append(Block("field", label=inline(self.label(f.name)), text=self.scalars(value, f.shape)))


def _label(labels, kind: str, name: str) -> str:
    """A field's label: the kind's own, the envelope's, the field's section's, another kind's, else its name."""
    for key in (f"{kind}.{name}", f"envelope.{name}", f"{name}.name", *(f"{k}.{name}" for k in KINDS)):
        if labels.has(key):
            return labels(key)
    return name.replace("_", " ").capitalize()


def _item(shape: Shape) -> Shape:
    scalar = shape.scalar
    return scalar.item if scalar.form == "list" and scalar.item else shape


def _choice_label(labels, choices: tuple, value: str) -> str:
    """A ``Literal`` value's label: from the i18n section that names every choice (stage, threat, …)."""
    section = labels.section_naming(choices)
    return labels(f"{section}.{value}") if section else value


def document(view, record: Record, link: Callable[[Record], str]) -> Document:
    """The Markdown view of ``record``; ``link(other)`` is the address a reference links to."""
    writer = _Writer(view, record, link)
    entity = record.entity
    facts = [(view.t(f"kind.{record.kind}.one"), f"<{view.url(record)}>")]
    if view.internal:
        fresh = view.freshness(record)
        status = view.t("fresh.stale") if fresh["stale"] else view.t("fresh.title", interval=fresh["review_every"],
                                                                         due=fresh["due"])
        facts += [(writer.label("owner"), inline(entity.owner)),
                  (writer.label("reviewed"), f"{fresh['reviewed']} ({inline(status)})")]
    if entity.tags:
        facts.append((writer.label("tags"), "; ".join(inline(t) for t in entity.tags)))
    for f in shapes(type(entity)):
        value = getattr(entity, f.name)
        if (f.name in ENVELOPE or writer.hidden(f.name) or value in (None, [], "")
                or (isinstance(value, BaseModel) and not _filled(value))):
            continue
        writer.section(f.name, value, f.shape)
    return Document(inline(entity.name), inline(entity.summary), facts, writer.blocks)


def _filled(model: BaseModel) -> bool:
    return any(getattr(model, f.name) not in (None, [], "", False) for f in shapes(type(model)))


_LINK_MARK = f"\x00{secrets.token_hex(8)}:"
_LINK_MARKS = re.compile(re.escape(_LINK_MARK) + r"(\d+)\x00")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Markdown templates: no HTML escaping (values arrive escaped for Markdown), strict."""
    return Environment(loader=FileSystemLoader(TEMPLATES / "channels"), autoescape=False, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render(template: str, **values) -> str:
    """A channel template, with runs of blank lines made one."""
    text = environment().get_template(template).render(**values)
    return _BLANKS.sub("\n\n", text).strip() + "\n"


def entity_markdown(view, record: Record, link: Callable[[Record], str], level: int = 1) -> str:
    """``record`` as a Markdown document whose title is a heading of ``level``. The walk over its
    fields is done once per view (the mirror and ``llms-full.txt`` both show it), with its links
    left as marks no text can hold (a token of this process), filled for each caller."""
    if record.key not in view.documents:
        targets: list[Record] = []

        def mark(other: Record) -> str:
            targets.append(other)
            return f"{_LINK_MARK}{len(targets) - 1}\x00"

        view.documents[record.key] = document(view, record, mark), targets
    doc, targets = view.documents[record.key]
    text = render("entity.md", doc=doc, level=level)
    return _LINK_MARKS.sub(lambda found: link(targets[int(found.group(1))]), text)
