"""Relevance for ``hub mcp``: which records (and objection answers) match a query, best first.

A query is cut into terms (words; Chinese runs segmented by jieba, as the portal's search
does). A term found in a record's *title fields* (name, id, tags, the competitor's or the
customer's name) weighs 100, in its summary 10, anywhere else in its text 1; found as a
whole word (or phrase) it counts twice what a part of a longer word does. The whole query
found as a phrase adds the same again. Records that match more terms rank first, then by
score.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

TIERS = (("title", 100), ("summary", 10), ("text", 1))
_WORD = re.compile(r"[0-9a-z]+|[\u3400-\u9fff\uf900-\ufaff]+|[^\W\d_a-z\u3400-\u9fff]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    return jieba


def terms(query: str) -> list[str]:
    """The query's terms: words, Chinese runs cut by jieba (single characters dropped when a
    run gives longer words), each once."""
    out: list[str] = []
    for word in _WORD.findall(normal(query)):
        if _HAN.match(word) and len(word) > 2:
            cut = [w for w in _jieba().lcut(word) if w.strip()]
            longer = [w for w in cut if len(w) > 1]
            found = longer or cut
            out += [word] if len(found) <= 1 else found
        else:
            out.append(word)
    return list(dict.fromkeys(out))


def match(term: str, text: str) -> int:
    """2 for a whole word (Chinese: any occurrence), 1 for part of a word, 0 for none."""
    at = text.find(term)
    if at < 0:
        return 0
    if _HAN.search(term):
        return 2
    pattern = rf"(?<![0-9a-z]){re.escape(term)}(?![0-9a-z])"
    return 2 if re.search(pattern, text) else 1


@dataclass(frozen=True)
class Score:
    matched: int  # terms found
    points: int
    where: str  # the best tier a term was found in

    @property
    def key(self) -> tuple:
        return (-self.matched, -self.points)


def score(query: str, fields: dict[str, str]) -> Score:
    """How well ``fields`` (tier name -> normalised text) match ``query``."""
    found, points, best = 0, 0, ""
    phrase = normal(query)
    words = terms(query)
    for term in words:
        term_points, term_tier = 0, ""
        for tier, weight in TIERS:
            hit = match(term, fields.get(tier, ""))
            if hit and weight * hit > term_points:
                term_points, term_tier = weight * hit, tier
        if term_points:
            found += 1
            points += term_points
            best = best if best and _rank(best) <= _rank(term_tier) else term_tier
    if len(words) > 1 and phrase:
        for tier, weight in TIERS:
            hit = match(phrase, fields.get(tier, ""))
            if hit:
                points += weight * hit
                break
    return Score(found, points, best)


def _rank(tier: str) -> int:
    return [name for name, _ in TIERS].index(tier)
