"""The records of the JSON API as pydantic models, and the JSON Schemas made from them.

``api/v1/index.json`` is an ``Index``; ``api/v1/<folder>/<id>.json`` is the ``Record`` of its
kind, whose ``data`` is the entity in the kind's own model (the schema PMMs write against,
as the edition shows it). ``schemas()`` is what ``api/v1/schema/`` holds.

Each edition has its own models (``index_model``, ``record_model``): the internal edition's are
the ones below; the public edition's are the same without the fields of ``INTERNAL_ONLY``, at
any depth (``public_model``), so its schemas say what its files hold.
"""
from __future__ import annotations

import copy
import datetime as dt
import types
from functools import lru_cache
from typing import Annotated, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, create_model

from pmmhub.model import KINDS

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"
Kind = Literal[tuple(KINDS)]  # type: ignore[valid-type]
# What the public edition's channels leave out, wherever it is: who keeps an entity or delivers
# a launch item (staff handles), when it was verified and is due again (freshness is an internal
# rule), visibility (everything there is public) and internal notes.
INTERNAL_ONLY = frozenset({"owner", "reviewed", "review_every", "freshness", "visibility", "internal_notes"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Freshness(_Strict):
    reviewed: dt.date = Field(description="When the entity was last verified.")
    review_every: int = Field(description="Days between reviews.")
    due: dt.date = Field(description="When the next review is due.")
    age_days: int = Field(description="Days since it was verified, on the build day.")
    stale: bool = Field(description="Past its review interval: do not present it as current.")
    checked: dt.date = Field(description="The build day these values were computed on.")


class Summary(_Strict):
    """One entity's line in the index."""

    kind: Kind
    id: str
    name: str
    summary: str
    path: str = Field(description="The portal page, relative to the site root (products/x/).")
    url: str = Field(description="The portal page: absolute when the site URL is configured, else the path.")
    owner: str
    reviewed: dt.date
    freshness: Freshness
    file: str = Field(description="This entity's API record, relative to the site root.")
    mirror: str = Field(description="The Markdown mirror of the page, relative to the site root.")


class Relation(_Strict):
    kind: Kind
    id: str
    name: str
    path: str
    url: str
    fields: list[str] = Field(description="Where the reference is written (dotted paths in the naming entity).")


class Relations(_Strict):
    names: list[Relation] = Field(description="Entities this one refers to.")
    named_by: list[Relation] = Field(description="Entities that refer to this one (computed).")


class Facets(_Strict):
    industry: list[str]
    product: list[str]
    competitor: list[str] = Field(description="Battle card ids.")
    deal_type: list[str]


class KindEntry(_Strict):
    kind: Kind
    folder: str
    label: str
    count: int
    csv: str


class Index(_Strict):
    api: Literal["v1"]
    edition: Literal["internal", "public"]
    company: str
    language: str
    generated: dt.date = Field(description="The build day: freshness is computed for it.")
    site_url: str | None
    vocabularies: dict[str, dict[str, str]] = Field(description="hub.yml vocabularies: id -> label.")
    kinds: list[KindEntry]
    entities: list[Summary]


class Record(Summary):
    visibility: Literal["internal", "public"]
    edition: Literal["internal", "public"]
    facets: Facets
    relations: Relations


@lru_cache(maxsize=None)
def record_model(kind: str, edition: str = "internal") -> type[BaseModel]:
    """The API record of ``kind`` in ``edition``: ``Record`` with ``data`` in the kind's model."""
    if edition != "internal":
        return public_model(record_model(kind))
    model = KINDS[kind].model
    return create_model(f"{model.__name__}Record", __base__=Record,
                        data=(model, Field(description=f"The {KINDS[kind].word} as its page shows it.")))


def index_model(edition: str = "internal") -> type[BaseModel]:
    return Index if edition == "internal" else public_model(Index)


def schemas(kinds=tuple(KINDS), edition: str = "internal") -> dict[str, dict]:
    """File name -> JSON Schema of ``edition``'s index and records of ``kinds``, for ``api/v1/schema/``."""
    out = {"index.schema.json": _schema(index_model(edition), "index")}
    for kind in kinds:
        out[f"{kind}.schema.json"] = _schema(record_model(kind, edition), kind)
    return out


# the public edition's models ---------------------------------------------------------
@lru_cache(maxsize=None)
def public_model(model: type[BaseModel]) -> type[BaseModel]:
    """``model`` without the fields of ``INTERNAL_ONLY``, in it and in every model it holds (the
    same class when it has none). The copy keeps names, docs, config and field constraints,
    not the model's own validators: it describes what a public file holds."""
    if not _holds_internal(model):
        return model
    fields = {}
    for name, info in model.model_fields.items():
        if name in INTERNAL_ONLY:
            continue
        annotation = _public_type(info.annotation)
        if annotation is not info.annotation:
            info = copy.copy(info)
            info.annotation = annotation
        fields[name] = (annotation, info)
    return create_model(model.__name__, __config__=model.model_config, __doc__=model.__doc__,
                        __module__=model.__module__, **fields)


def _holds_internal(model: type[BaseModel], seen: frozenset = frozenset()) -> bool:
    if model in seen:
        return False
    return any(name in INTERNAL_ONLY or any(_holds_internal(m, seen | {model}) for m in _models(info.annotation))
               for name, info in model.model_fields.items())


def _models(annotation) -> list[type[BaseModel]]:
    """The model classes an annotation holds (in lists, unions, ``Annotated``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models(arg)]


def _public_type(annotation):
    """``annotation`` with every model in it replaced by its ``public_model`` (itself if none changes)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return public_model(annotation)
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is None or origin is Literal or not args:
        return annotation
    if origin is Annotated:
        inner = _public_type(args[0])
        return annotation if inner is args[0] else Annotated[(inner, *annotation.__metadata__)]
    new = tuple(_public_type(arg) for arg in args)
    if all(n is a for n, a in zip(new, args)):
        return annotation
    if origin in (Union, types.UnionType):
        return Union[new]
    return origin[new if len(new) > 1 else new[0]]


def _schema(model: type[BaseModel], name: str) -> dict:
    """The model's schema without the data model's ``examples`` (authoring help that names intranet
    addresses, which have no place in a customer-facing file)."""
    return {"$schema": SCHEMA_URL, "$id": f"{name}.schema.json", **_without_examples(model.model_json_schema(mode="serialization"))}


def _without_examples(node, in_properties: bool = False):
    if isinstance(node, dict):
        return {key: _without_examples(value, key == "properties" and not in_properties)
                for key, value in node.items() if in_properties or key != "examples"}
    if isinstance(node, list):
        return [_without_examples(item) for item in node]
    return node


def without_internal(node, path: tuple = ()) -> tuple:
    """(``node`` without the keys of ``INTERNAL_ONLY`` at any depth, [(path, value) of each one dropped])."""
    found: list[tuple[tuple, object]] = []
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in INTERNAL_ONLY:
                found.append(((*path, key), value))
            else:
                out[key], more = without_internal(value, (*path, key))
                found += more
        return out, found
    if isinstance(node, list):
        items = [without_internal(item, (*path, i)) for i, item in enumerate(node)]
        return [item for item, _ in items], [f for _, more in items for f in more]
    return node, found
