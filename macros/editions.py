"""Audience editions: the public (customer-shareable) view of a catalog.

Public keeps only entities marked ``visibility: public`` (case studies also need
``approvals.public_story``; battle cards never), and inside them drops
``internal_notes``, every part marked ``visibility: internal`` (pricing, assets) and every
reference to an entity that is not public — a list item that needs such a reference
goes with it. Anonymous customers are nameless in every edition.
"""
from __future__ import annotations

import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .catalog import Catalog, Record, collect_links
from .model import Entity
from .model.common import Ref

AUDIENCES = ("internal", "public")
INTERNAL_FIELDS = ("internal_notes",)
_DROP = object()


def is_public(record: Record) -> bool:
    entity = record.entity
    if entity.visibility != "public" or record.kind == "battlecard":
        return False
    return record.kind != "case-study" or entity.approvals.public_story


def edition(catalog: Catalog, audience: str) -> Catalog:
    """The catalog as ``audience`` may see it; a new object, the input is untouched."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    keep = {r.key for r in catalog if audience == "internal" or is_public(r)}
    records: dict[str, dict[str, Record]] = {kind: {} for kind in catalog.records}
    for record in catalog:
        if record.key in keep:
            entity = _anonymise(record)
            if audience == "public":
                entity = _project(entity, keep)
            records[record.kind][record.id] = Record(record.kind, record.id, record.path, entity, record.doc)
    out = Catalog(catalog.hub, records, problems=list(catalog.problems))
    collect_links(out)
    out.index_links()
    return out


def _anonymise(record: Record) -> Entity:
    if record.kind != "case-study" or not record.entity.customer.anonymous:
        return record.entity
    customer = record.entity.customer.model_copy(update={"name": ""})
    return record.entity.model_copy(update={"customer": customer})


def _project(model: BaseModel, keep: set) -> Any:
    if not isinstance(model, Entity) and getattr(model, "visibility", "public") == "internal":
        return _DROP
    updates = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        new = None if name in INTERNAL_FIELDS else _value(value, info.annotation, tuple(info.metadata), keep)
        if new is _DROP:
            if info.is_required():
                return _DROP
            new = info.get_default(call_default_factory=True)
        if new is not value:
            updates[name] = new
    return model.model_copy(update=updates) if updates else model


def _value(value, annotation, markers: tuple, keep: set):
    if value is None:
        return None
    if isinstance(value, BaseModel):
        return _project(value, keep)
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extra = get_args(annotation)
        return _value(value, inner, markers + tuple(extra), keep)
    if origin is list:
        (inner,) = get_args(annotation)
        items = [_value(item, inner, markers, keep) for item in value]
        kept = [item for item in items if item is not _DROP]
        return value if all(a is b for a, b in zip(items, value)) and len(kept) == len(value) else kept
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)
                   and not (isinstance(a, type) and issubclass(a, BaseModel))]
        return _value(value, options[0], markers, keep) if len(options) == 1 else value
    ref = next((m for m in markers if isinstance(m, Ref)), None)
    if ref is not None and (ref.kind, value) not in keep:
        return _DROP
    return value
