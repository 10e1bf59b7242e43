"""One CSV per kind, ``api/v1/<folder>.csv``: a row per entity, for spreadsheets and CRMs.

UTF-8 with a byte-order mark (Excel then reads Chinese correctly), CRLF line ends, a header
row. Columns (``columns(kind)``): the envelope (``id``, ``name``, ``summary``, ``url``,
``owner``, ``reviewed``, ``review_due``, ``stale``, ``visibility``, ``tags``), then every field
of the kind that holds a short value, in schema order, mappings flattened one level with
dotted names (``customer.industry``, ``lifecycle.stage``). Long Markdown text and lists of
mappings (objections, value propositions) are left to the JSON API. Several values share a
cell, separated by ``; ``. References are ids (they join the other CSVs' ``id``), vocabulary
fields their ``hub.yml`` labels, choices their codes (``in-market``), yes/no ``true``/``false``.
A cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``)
gets a leading ``'``. The public edition's CSVs have no owner, freshness or visibility columns
(``PUBLIC_ENVELOPE``; nor ``pricing.visibility``).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from pydantic import BaseModel

from pmmhub.channels.records import INTERNAL_ONLY
from pmmhub.channels.view import API
from pmmhub.model import KINDS
from pmmhub.model.common import MARKDOWN
from pmmhub.model.fields import Shape, shapes

ENVELOPE = ("id", "name", "summary", "url", "owner", "reviewed", "review_due", "stale", "visibility", "tags")
PUBLIC_ENVELOPE = ("id", "name", "summary", "url", "tags")
SKIP = {"name", "summary", "owner", "reviewed", "review_every", "visibility", "tags", "links", "internal_notes"}
NESTED_SKIP = {"aliases"}  # customer.aliases: no page shows them
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str  # dotted
    path: tuple[str, ...]
    shape: Shape


def envelope(edition: str = "internal") -> tuple[str, ...]:
    return ENVELOPE if edition == "internal" else PUBLIC_ENVELOPE


def columns(kind: str, edition: str = "internal") -> list[Column]:
    """The kind's columns after the envelope (see the module docstring)."""
    skip = NESTED_SKIP if edition == "internal" else NESTED_SKIP | INTERNAL_ONLY
    out = []
    for f in shapes(KINDS[kind].model):
        if f.name in SKIP or not _short(f.shape):
            if f.shape.form == "model":
                out += [Column(f"{f.name}.{g.name}", (f.name, g.name), g.shape) for g in shapes(f.shape.type)
                        if g.name not in skip and _short(g.shape)]
            continue
        out.append(Column(f.name, (f.name,), f.shape))
    return out


def header(kind: str, edition: str = "internal") -> list[str]:
    return [*envelope(edition), *(c.name for c in columns(kind, edition))]


def _short(shape: Shape) -> bool:
    """A value that fits a cell: a scalar or a list of scalars, not Markdown."""
    if MARKDOWN in shape.markers or shape.form in ("model", "union") and shape.scalar.form in ("model", "union"):
        return False
    if shape.form == "list":
        return _short(shape.item) and shape.item.form != "list"
    return shape.form == "leaf" or shape.scalar.form == "leaf"


def files(view) -> dict[str, bytes]:
    return {f"{API}/{KINDS[kind].folder}.csv": table(view, kind) for kind in view.kinds}


def table(view, kind: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header(kind, view.audience))
    for record in view.records(kind):
        writer.writerow([_safe(cell) for cell in row(view, record)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def row(view, record) -> list[str]:
    entity, fresh = record.entity, view.site.ctx.fresh(record)
    values = {"id": record.id, "name": entity.name, "summary": entity.summary, "url": view.url(record),
              "owner": entity.owner, "reviewed": entity.reviewed.isoformat(), "review_due": fresh.due.isoformat(),
              "stale": _cell(fresh.stale), "visibility": entity.visibility, "tags": "; ".join(entity.tags)}
    cells = [values[name] for name in envelope(view.audience)]
    for column in columns(record.kind, view.audience):
        value = entity
        for part in column.path:
            value = getattr(value, part, None) if isinstance(value, BaseModel) else None
        cells.append(_value(view, record, column, value))
    return cells


def _value(view, record, column: Column, value) -> str:
    if column.path == ("customer", "name"):
        return view.customer_name(record)
    if isinstance(value, list):
        return "; ".join(_value(view, record, column, v) for v in value)
    vocab = (column.shape.item or column.shape).scalar.vocab if column.shape.form == "list" else column.shape.vocab
    if vocab is not None and value is not None:
        return view.catalog.hub.vocabulary(vocab.name).get(value, value)
    return _cell(value)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return " ".join(str(value).split())


def _safe(cell: str) -> str:
    """No formula: a cell starting with one of ``_FORMULA`` is quoted with ``'``, unless it is a number."""
    if cell.startswith(_FORMULA) and not _number(cell):
        return "'" + cell
    return cell


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
