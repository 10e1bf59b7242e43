"""The versioned JSON API: ``api/v1/index.json``, one record per entity, and their schemas
(the edition's own: the public edition's records have no owner, freshness or visibility)."""
from __future__ import annotations

import orjson

from pmmhub.channels.records import schemas
from pmmhub.channels.view import API
from pmmhub.model import KINDS


def files(view) -> dict[str, bytes]:
    out = {f"{API}/index.json": dump(index(view))}
    for record in view.records():
        out[view.api_path(record)] = dump(view.entry(record))
    for name, schema in schemas(view.kinds, view.audience).items():
        out[f"{API}/schema/{name}"] = dump(schema)
    return out


def index(view) -> dict:
    hub = view.catalog.hub
    return {"api": "v1", "edition": view.audience, "company": hub.company, "language": hub.language,
            "generated": view.today.isoformat(), "site_url": view.base_url,
            "vocabularies": hub.vocabularies(),
            "kinds": [{"kind": kind, "folder": KINDS[kind].folder, "label": view.t(f"kind.{kind}.many"),
                       "count": len(view.records(kind)), "csv": f"{API}/{KINDS[kind].folder}.csv"} for kind in view.kinds],
            "entities": [view.summary_entry(r) for r in view.records()]}


def dump(data) -> bytes:
    """Deterministic JSON: UTF-8, two-space indent, keys in the order written, a final newline.
    For what records hold (string keys; text, small integers, booleans and null: a number in the
    data stays text) these are the bytes of ``json.dumps(data, ensure_ascii=False, indent=2)``,
    whose indented form only Python's slow encoder writes."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
