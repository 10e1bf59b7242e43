"""What ``hub mcp``'s tools answer, as plain data: search, get, list, answer an objection.

Every entity in an answer carries its portal ``url`` (absolute when the site URL is known,
else the site-relative path). In the internal edition also its ``freshness``, and a stale one a
``warning``, so an assistant never presents stale content as current; the public edition's
records have no freshness (nor owners), so its answers have none.
"""
from __future__ import annotations

from pmmhub.channels import search
from pmmhub.channels.library import Library, NotFound
from pmmhub.model import KINDS

MAX = 50


def brief(library: Library, record: dict) -> dict:
    out = {"kind": record["kind"], "id": record["id"], "name": record["name"], "summary": record["summary"],
           "url": record["url"]}
    if "freshness" in record:
        out["freshness"] = record["freshness"]
    return _warned(out, record)


def _warned(out: dict, record: dict) -> dict:
    """``out`` with a ``warning`` when ``record`` is stale (only the internal edition says)."""
    if record.get("freshness", {}).get("stale"):
        out["warning"] = stale_warning(record)
    return out


def stale_warning(record: dict) -> str:
    fresh = record["freshness"]
    return (f"STALE: last verified {fresh['reviewed']} ({fresh['age_days']} days ago; review every "
            f"{fresh['review_every']} days). Do not present it as current; check with {record['owner']}.")


def find(library: Library, query: str, kind: str | None = None, limit: int = 10) -> dict:
    if not query.strip():
        raise NotFound("the query is empty; pass a competitor, product, industry or objection")
    kind = library.kind(kind) if kind else None
    scored = []
    for record in library.all():
        if kind and record["kind"] != kind:
            continue
        found = search.score(query, library.fields(record))
        if found.matched:
            scored.append((found.key, record, found))
    scored.sort(key=lambda item: item[0])
    hits = [{**brief(library, r), "matched_in": s.where, "score": s.points} for _, r, s in scored[:_limit(limit)]]
    return {"query": query, "edition": library.edition, "count": len(scored), "results": hits}


def get(library: Library, id_: str, kind: str | None = None) -> dict:
    record = library.get(id_, kind)
    return _warned({**record}, record)


def listing(library: Library, kind: str | None = None, limit: int = MAX, stale: bool | None = None,
            **filters: str | None) -> dict:
    kind = library.kind(kind) if kind else None
    if stale is not None and library.edition != "internal":
        raise NotFound(f"the {library.edition} edition says nothing about freshness; leave out stale")
    wanted = {facet: library.resolve(facet, value) for facet, value in filters.items() if value}
    out = []
    for record in library.all():
        if kind and record["kind"] != kind:
            continue
        if stale is not None and record["freshness"]["stale"] != stale:
            continue
        if all(value in record["facets"][facet] for facet, value in wanted.items()):
            out.append(brief(library, record))
    shown = {"stale": stale} if library.edition == "internal" else {}
    return {"edition": library.edition, "filters": {"kind": kind, **wanted, **shown}, "count": len(out),
            "results": out[:_limit(limit)]}


def objection(library: Library, text: str, competitor: str | None = None, product: str | None = None,
              limit: int = 3) -> dict:
    """The best responses to ``text`` (battle cards, personas, product FAQs in scope) and the proof."""
    if not text.strip():
        raise NotFound("the objection is empty; pass what the customer said")
    rival = library.get(library.resolve("competitor", competitor), "battlecard") if competitor else None
    ours = library.get(library.resolve("product", product), "product") if product else None
    candidates = [(record, answer) for record in _scope(library, rival, ours) for answer in _answers(record)]
    ranked = []
    for record, answer in candidates:
        found = search.score(text, {"title": search.normal(answer["question"]),
                                    "summary": search.normal(answer["response"])})
        if found.matched:
            ranked.append((found.key, record, answer))
    ranked.sort(key=lambda item: item[0])
    answers = [{**answer, "source": brief(library, record)} for _, record, answer in ranked[:_limit(limit)]]
    out = {"objection": text, "edition": library.edition, "answers": answers,
           "proof": [_proof(library, r) for r in _proof_records(library, rival, ours, answers)][:5]}
    if not answers:
        ask = ("ask the owner of the battle card or product" if library.edition == "internal"
               else "refer the question to the company")
        out["note"] = ("no recorded response matches this objection"
                       + (" for this competitor/product" if rival or ours else "")
                       + f"; do not improvise one as the company's answer: {ask}")
    return out


def _scope(library: Library, rival: dict | None, ours: dict | None) -> list[dict]:
    if rival is None and ours is None:
        return library.all()
    keep = []
    for record in library.all():
        if rival and record["kind"] == "battlecard" and record["id"] != rival["id"]:
            continue
        if ours and record["id"] != ours["id"] and ours["id"] not in record["facets"]["product"]:
            continue
        if rival and record["kind"] != "battlecard" and rival["id"] not in record["facets"]["competitor"]:
            continue
        keep.append(record)
    return keep


def _answers(record: dict) -> list[dict]:
    """Question and response pairs of a record: objections, what competitors say, FAQs."""
    data, out = record["data"], []
    for item in data.get("objections", ()):
        out.append({"question": item["objection"], "response": item["response"],
                    "evidence": item.get("evidence", []), "field": "objections"})
    for item in data.get("they_say", ()):
        out.append({"question": item["claim"], "response": item["answer"], "evidence": [], "field": "they_say"})
    for item in data.get("faq", ()):
        out.append({"question": item["q"], "response": item["a"], "evidence": [], "field": "faq"})
    return out


def _proof_records(library: Library, rival, ours, answers: list[dict]) -> list[dict]:
    """Case studies: cited by the chosen answers, then those naming the competitor or product."""
    ids: list[str] = []
    for answer in answers:
        ids += [e["case_study"] for e in answer["evidence"] if isinstance(e, dict)]
    for anchor in (rival, ours):
        if anchor:
            ids += [r["id"] for r in anchor["relations"]["names"] + anchor["relations"]["named_by"]
                    if r["kind"] == "case-study"]
    keys = [("case-study", i) for i in dict.fromkeys(ids)]
    return [library.records[k] for k in keys if k in library.records]


def _proof(library: Library, record: dict) -> dict:
    return {**brief(library, record), "results": record["data"].get("results", [])}


def _limit(limit: int) -> int:
    return max(1, min(int(limit), MAX))


def kinds(library: Library) -> list[str]:
    return [k["kind"] for k in library.index["kinds"]] or list(KINDS)
