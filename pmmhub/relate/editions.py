"""Audience editions: the public (customer-shareable) view of a catalog.

Public keeps only entities marked ``visibility: public`` (and what their kind's
descriptor asks more: case studies also need ``approvals.public_story``; battle cards
are never public), and inside them drops
``internal_notes`` and ``talk_track`` (what a rep says), every part marked ``visibility: internal`` (pricing, assets) and every
reference to an entity that is not public — a list item that needs such a reference
goes with it, an optional field is emptied. An entity that needs one in a *required*
field (a launch's ``product``) cannot be shown without it: it is withheld too, and so is
whatever then needs *it*, to a fixed point (``withheld``). ``hub validate`` warns about each
(``withheld_warnings``), from the same rule the build applies. Anonymous customers are
nameless in every edition.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from pmmhub.model import KINDS, Entity
from pmmhub.model.fields import Shape, shapes
from pmmhub.problems import Problem
from pmmhub.relate.catalog import Catalog, Record
from pmmhub.validate.diagnose import dotted

AUDIENCES = ("internal", "public")
INTERNAL_FIELDS = ("internal_notes", "talk_track")  # talk tracks are what reps say: never shown to customers


@dataclass(frozen=True)
class Withheld:
    """Why a public entity is left out: the field at ``path`` needs ``target`` (``None``:
    the part there is marked internal), which the public edition does not have."""

    path: tuple
    target: tuple[str, str] | None = None


def is_public(record: Record) -> bool:
    """Marked for the public edition (before any reference is looked at): the kind's rule."""
    return KINDS[record.kind].is_public(record.entity)


def withheld(catalog: Catalog) -> dict[tuple[str, str], Withheld]:
    """Entities marked public that the public edition must still leave out, and why.

    An entity goes when its projection loses a required field; removing it is re-checked
    for everything that names it, until nothing changes.
    """
    keep = {r.key for r in catalog if is_public(r)}
    out: dict[tuple[str, str], Withheld] = {}
    queue = [r for r in catalog if r.key in keep]
    while queue:
        record = queue.pop()
        if record.key not in keep:
            continue
        projected = _project(record.entity, keep, ())
        if isinstance(projected, Withheld):
            keep.discard(record.key)
            out[record.key] = projected
            queue += [r for r in catalog.referrers(*record.key) if r.key in keep]
    return out


def public_keys(catalog: Catalog) -> set[tuple[str, str]]:
    """The keys of every entity in the public edition."""
    gone = withheld(catalog)
    return {r.key for r in catalog if is_public(r) and r.key not in gone}


def withheld_warnings(catalog: Catalog) -> list[Problem]:
    """A warning per public entity the public edition leaves out, located at the field that forces it."""
    gone = withheld(catalog)
    return [_warning(catalog, catalog.get(*key), why, gone) for key, why in sorted(gone.items())]


def _warning(catalog: Catalog, record: Record, why: Withheld, gone: dict) -> Problem:
    kind = _word(record.kind)
    line, column = record.doc.locate(why.path)
    if why.target is None:
        need, fix = "needs this part, which is marked internal", "make this part public"
    else:
        what, fix = _not_public(catalog, why.target, gone)
        need = f"names {what}"
    return Problem(record.path, line, column, dotted(why.path),
                   f"this public {kind} {need}; the public edition leaves the {kind} out",
                   f"{fix} or this {kind} internal", "warning")


def _not_public(catalog: Catalog, key: tuple[str, str], gone: dict) -> tuple[str, str]:
    """(what ``key`` is, how to make it public): why the public edition lacks it."""
    kind, id_ = _word(key[0]), key[1]
    target = catalog.get(*key)
    if target is None:
        return f"the {kind} '{id_}', which did not load", f"fix the errors in '{id_}'"
    if key in gone:
        return (f"the {kind} '{id_}', which the public edition leaves out",
                f"fix the warning on {target.path}")
    rule = KINDS[target.kind]
    if rule.always_internal:
        return f"the {kind} '{id_}' ({kind}s are never public)", f"name no {kind} here"
    if target.entity.visibility != "public":
        return f"the internal {kind} '{id_}'", f"make '{id_}' public"
    approval = rule.public_approval.rsplit(".", 1)[-1].replace("_", " ")
    return (f"the {kind} '{id_}', whose {approval} is not approved",
            f"approve the {approval} of '{id_}' ({rule.public_approval}: true)")


def _word(kind: str) -> str:
    return KINDS[kind].word


def edition(catalog: Catalog, audience: str) -> Catalog:
    """The catalog as ``audience`` may see it; a new object, the input is untouched."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    keep = {r.key for r in catalog} if audience == "internal" else public_keys(catalog)
    records: dict[str, dict[str, Record]] = {kind: {} for kind in catalog.records}
    for record in catalog:
        if record.key in keep:
            entity = _anonymise(record)
            if audience == "public":
                entity = _project(entity, keep, ())
            records[record.kind][record.id] = Record(record.kind, record.id, record.path, entity, record.doc)
    return Catalog(catalog.hub, records, problems=list(catalog.problems))


def _anonymise(record: Record) -> Entity:
    if record.kind != "case-study" or not record.entity.customer.anonymous:
        return record.entity
    customer = record.entity.customer.model_copy(update={"name": "", "aliases": []})
    return record.entity.model_copy(update={"customer": customer})


def _project(model: BaseModel, keep: set, path: tuple) -> Any:
    """``model`` without what ``keep`` does not allow; a ``Withheld`` if it cannot stand without it."""
    if not isinstance(model, Entity) and getattr(model, "visibility", "public") == "internal":
        return Withheld(path)
    updates = {}
    for f in shapes(type(model)):
        value = getattr(model, f.name)
        new = None if f.name in INTERNAL_FIELDS else _value(value, f.shape, keep, path + (f.name,))
        if isinstance(new, Withheld):
            if f.info.is_required():
                return new
            new = f.info.get_default(call_default_factory=True)
        if new is not value:
            updates[f.name] = new
    return model.model_copy(update=updates) if updates else model


def _value(value, shape: Shape, keep: set, path: tuple):
    if value is None:
        return None
    if isinstance(value, BaseModel):
        return _project(value, keep, path)
    shape = shape.scalar
    if shape.form == "list":
        items = [_value(item, shape.item, keep, path + (i,)) for i, item in enumerate(value)]
        kept = [item for item in items if not isinstance(item, Withheld)]
        return value if all(a is b for a, b in zip(items, value)) and len(kept) == len(value) else kept
    if shape.form == "dict":
        items = {k: _value(item, shape.item, keep, path + (k,)) for k, item in value.items()}
        kept = {k: item for k, item in items.items() if not isinstance(item, Withheld)}
        return value if all(items[k] is value[k] for k in value) else kept
    ref = shape.ref
    if ref is not None and (ref.kind, value) not in keep:
        return Withheld(path, (ref.kind, value))
    return value
