"""A quality score per entity, from a formula anyone can check by hand:

    score = 60 × sections filled / sections expected  +  20 × evidence  +  20 × fresh

``sections`` are the fields each kind needs in practice although the schema leaves them
optional (``SECTIONS``); ``evidence`` is 1 when the kind's proof is there (``EVIDENCE``);
``fresh`` is 1 when the entity is within its review interval. Rounded to a whole number.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pmmhub.validate.freshness import freshness

FORMULA = "60 × sections / expected + 20 × evidence + 20 × fresh"
SECTIONS = {
    "product": ("tagline", "positioning", "personas", "value_props", "pricing", "competitors", "pitch", "faq"),
    "persona": ("goals", "pains", "objections", "messaging", "discovery_questions"),
    "battlecard": ("why_we_win", "where_they_win", "objections", "landmines", "comparison", "pricing", "sources"),
    "case-study": ("products", "challenge", "solution", "results", "quotes"),
    "solution": ("products", "personas", "pains", "approach", "talk_track", "case_studies"),
    "launch": ("checkpoints", "readiness"),
}
# What counts as proof, per kind (the i18n key report.evidence.<kind> says it in words)
EVIDENCE = {
    "product": lambda e, c, r: any(vp.evidence for vp in e.value_props),
    "persona": lambda e, c, r: bool(c.referrers("persona", r.id, "case-study")),
    "battlecard": lambda e, c, r: any(w.proof for w in e.why_we_win) or any(o.evidence for o in e.objections),
    "case-study": lambda e, c, r: bool(e.results),
    "solution": lambda e, c, r: bool(e.case_studies),
    "launch": lambda e, c, r: any(cp.decision == "go" for cp in e.checkpoints),
}


@dataclass(frozen=True)
class Score:
    record: object
    filled: tuple[str, ...]
    missing: tuple[str, ...]
    evidence: bool
    fresh: bool

    @property
    def value(self) -> int:
        expected = len(self.filled) + len(self.missing)
        sections = len(self.filled) / expected if expected else 1
        return round(60 * sections + 20 * self.evidence + 20 * self.fresh)


def _filled(value) -> bool:
    return value not in (None, "", [], {}) and not (hasattr(value, "model_dump") and not any(
        v not in (None, "", [], {}, False) for v in value.model_dump().values()))


def score(catalog, record, today: dt.date) -> Score:
    entity = record.entity
    names = SECTIONS.get(record.kind, ())
    filled = tuple(n for n in names if _filled(getattr(entity, n, None)))
    missing = tuple(n for n in names if n not in filled)
    evidence = EVIDENCE.get(record.kind, lambda e, c, r: True)(entity, catalog, record)
    return Score(record, filled, missing, bool(evidence), not freshness(catalog, record, today).stale)


def scores(catalog, today: dt.date) -> list[Score]:
    """Every entity's score, lowest first (ties: kind, id)."""
    found = [score(catalog, r, today) for r in catalog]
    return sorted(found, key=lambda s: (s.value, s.record.kind, s.record.id))
