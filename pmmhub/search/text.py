"""How text becomes search terms; ``docs/assets/search.js`` applies the same rules to a query.

Text is NFKC-normalised and case-folded. English (and other Latin) words are terms
(``w:price``), lightly stemmed (``prices`` -> ``price``). A run of Chinese characters gives
its jieba words (search mode: ``一票否决`` also gives ``一票``, ``否决``) as whole-word terms
and every pair of adjacent characters (``g:零售``) as part-of-word terms, so ``零售`` never
matches ``零部件`` and a phrase is found even where jieba cut it otherwise. A name also gives
its compact forms (``n:数衡科技``, ``n:metricone``, ``n:数衡科技metricone``) so that a query that
is a whole name ranks that entity first.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

HAN = "\u3400-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{HAN}]+|[0-9a-z\u00c0-\u024f]+")
_HAN_RUN = re.compile(rf"^[{HAN}]+$")
# a name's parts: split on brackets and separators ("数衡科技（MetricOne）"), and on spaces when
# the name is a short one ("TideCRM 销售云"), not a sentence
_NAME_SPLIT = re.compile(r"[()（）\[\]【】「」《》/|｜·•:：,，、]+")
_NAME_WORDS = 3
_COMPACT = re.compile(rf"[{HAN}0-9a-z\u00c0-\u024f]+")


def normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def stem(word: str) -> str:
    """A light English stem, the same in the browser: ``policies`` -> ``policy``, ``prices`` -> ``price``."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=65536)
def han_terms(run: str) -> tuple[str, ...]:
    """A Chinese run's terms: its jieba words (search mode, two characters or more) and its character pairs."""
    if len(run) == 1:
        return (f"w:{run}",)
    words = {w for w in _jieba().cut_for_search(run) if len(w) > 1}
    pairs = {run[i:i + 2] for i in range(len(run) - 1)}
    return tuple(sorted(f"w:{w}" for w in words | {run} if len(w) <= 8)) + tuple(sorted(f"g:{p}" for p in pairs))


def pair_terms(run: str) -> tuple[str, ...]:
    """A Chinese run's character pairs only (and the run itself when short): for long texts, where
    cutting every run into words would cost more than it brings."""
    pairs = tuple(f"g:{run[i:i + 2]}" for i in range(len(run) - 1))
    return pairs + (f"w:{run}",) if len(run) <= 4 else pairs


def terms(text: str, words: bool = True) -> set[str]:
    """Every term of ``text``; with ``words=False`` Chinese gives pairs, not jieba's words."""
    out: set[str] = set()
    for token in _TOKEN.findall(normal(text)):
        if _HAN_RUN.match(token):
            out.update(han_terms(token) if words or len(token) == 1 else pair_terms(token))
        elif len(token) <= 40:
            out.add("w:" + stem(token))
    return out


def name_terms(name: str) -> set[str]:
    """The compact forms of a name: the whole name and each of its parts (``n:`` terms)."""
    name = normal(name)
    parts = [p for p in _NAME_SPLIT.split(name) if p.strip()]
    words = name.split()
    if 1 < len(words) <= _NAME_WORDS:
        parts += words
    out = {"n:" + "".join(_COMPACT.findall(p)) for p in [name, *parts]}
    return {t for t in out if 2 < len(t) <= 42}


def needed(word: str) -> tuple[str, ...]:
    """The terms a text holds when it contains ``word`` (a synonym): its words, a Chinese word's pairs."""
    out = []
    for token in _TOKEN.findall(normal(word)):
        if _HAN_RUN.match(token):
            out += [f"w:{token}"] if len(token) == 1 else [f"g:{token[i:i + 2]}" for i in range(len(token) - 1)]
        else:
            out.append("w:" + stem(token))
    return tuple(out)


def key(term: str) -> str:
    """What decides a term's shard: a synonym group's whole id, else the term's first two
    characters (so a word's prefixes share its shard, and no one character gathers a shard of
    its own: 数据, 数衡 and 数字 go to different shards)."""
    body = term[2:]
    return body if term.startswith("s:") else body[:2]


def shard_of(term: str, shards: int) -> int:
    """FNV-1a (32 bit) of the key's UTF-16 code units, modulo ``shards`` (as in search.js)."""
    h = 0x811C9DC5
    data = key(term).encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % shards
