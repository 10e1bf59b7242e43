"""The records of the JSON API as pydantic models, and the JSON Schemas made from them.

``api/v1/index.json`` is an ``Index``; ``api/v1/<folder>/<id>.json`` is the ``Record`` of its
kind, whose ``data`` is the entity in the kind's own model (the schema PMMs write against,
as the edition shows it). ``schemas()`` is what ``api/v1/schema/`` holds.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from pmmhub.model import KINDS

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"
Kind = Literal[tuple(KINDS)]  # type: ignore[valid-type]


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
def record_model(kind: str) -> type[Record]:
    """The API record of ``kind``: ``Record`` with ``data`` in the kind's model."""
    model = KINDS[kind].model
    return create_model(f"{model.__name__}Record", __base__=Record,
                        data=(model, Field(description=f"The {KINDS[kind].word} as its page shows it.")))


def schemas(kinds=tuple(KINDS)) -> dict[str, dict]:
    """File name -> JSON Schema of the index and of the records of ``kinds``, for ``api/v1/schema/``."""
    out = {"index.schema.json": _schema(Index, "index")}
    for kind in kinds:
        out[f"{kind}.schema.json"] = _schema(record_model(kind), kind)
    return out


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
