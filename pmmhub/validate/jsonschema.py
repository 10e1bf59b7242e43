"""JSON Schema for every kind, from the same models that validate the data.

Vocabulary fields get an ``enum`` of the ids in ``hub.yml``, so editors complete them
while a PMM types. Reference fields keep only their ``x-hub-ref`` kind: an enum of
existing ids would go stale with every new file. The fields come marked by the models
themselves (``Vocab`` writes ``x-hub-vocabulary``), so this walks the generated schema,
not the annotations.
"""
from __future__ import annotations

from pathlib import Path

from pmmhub.model import KINDS, HubConfig

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


def all_schemas(data_dir: Path | None = None) -> dict[str, dict]:
    vocab = _vocabularies(data_dir) if data_dir else {}
    out = {"hub": _finish(HubConfig.model_json_schema(), "hub", vocab)}
    for kind in KINDS.values():
        out[kind.name] = _finish(kind.model.model_json_schema(), kind.name, vocab)
    return out


def _finish(schema: dict, name: str, vocab: dict) -> dict:
    _enrich(schema, vocab)
    return {"$schema": SCHEMA_URL, "$id": f"{name}.schema.json", **schema}


def _enrich(node, vocab: dict) -> None:
    if isinstance(node, dict):
        values = vocab.get(node.get("x-hub-vocabulary"))
        if values and node.get("type") == "string":
            node["enum"] = sorted(values)
        for child in node.values():
            _enrich(child, vocab)
    elif isinstance(node, list):
        for child in node:
            _enrich(child, vocab)


def _vocabularies(data_dir: Path) -> dict:
    from pmmhub.relate.catalog import read_hub

    hub = read_hub(data_dir)
    return {} if hub is None else {name: list(ids) for name, ids in hub.vocabularies().items()}
