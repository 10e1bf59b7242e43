"""``llms.txt`` (llmstxt.org: an H1, a summary, one H2 per kind listing its entities) and
``llms-full.txt`` (every entity in full, as its Markdown mirror says it). The internal edition's
say when each entity was verified and which are stale; the public edition's do not."""
from __future__ import annotations

from pmmhub.channels.markdown import entity_markdown, inline, render
from pmmhub.model import KINDS


def files(view) -> dict[str, bytes]:
    values = _values(view)
    full = [(inline(view.t(f"kind.{kind}.many")), [entity_markdown(view, r, view.url, level=3) for r in view.records(kind)])
            for kind in view.kinds]
    return {"llms.txt": render("llms.txt", **values).encode(),
            "llms-full.txt": render("llms-full.txt", **{**values, "kinds": full}).encode()}


def _values(view) -> dict:
    hub = view.catalog.hub
    kinds = [(inline(view.t(f"kind.{kind}.many")), [_line(view, r) for r in view.records(kind)]) for kind in view.kinds]
    return {"company": inline(hub.company), "edition": view.audience, "internal": view.internal,
            "day": view.today.isoformat(),
            "count": sum(len(lines) for _, lines in kinds), "kinds": kinds,
            "index": view.url("api/v1/index.json"), "full": view.url("llms-full.txt"),
            "stale": sum(view.site.ctx.fresh(r).stale for r in view.records()) if view.internal else 0}


def _line(view, record) -> dict:
    out = {"name": inline(record.entity.name), "url": view.url(record), "summary": inline(record.entity.summary),
           "mirror": view.url(view.mirror_path(record)), "kind": KINDS[record.kind].word}
    if view.internal:
        fresh = view.site.ctx.fresh(record)
        out.update(reviewed=fresh.reviewed.isoformat(), stale=fresh.stale)
    return out
