"""The search index of one edition: small JSON files under ``hub-search/`` in the built site.

- ``meta.json``: the shard count, the synonyms of ``hub.yml``, the kinds (label, boost, the
  words that name them), each doc's kind (one letter per doc: ranking and the kind filter need
  no doc file), each shard's size (a query fetches shards, in the query's order, up to
  ``search.js``'s budget), a content id (the other files are fetched with ``?v=<id>``);
- ``t/<n>.json``: shard ``n`` of the terms (``text``; plus ``s:<i>`` for a text holding a word of
  synonym group ``i``), ``term -> [doc, tiers, doc, tiers, ...]``
  (doc numbers delta-encoded; ``tiers`` a bit mask of ``documents.TIERS``). A term's shard
  follows from its first two characters (``text.shard_of``), so a query fetches one shard per
  pair of characters it starts a word with, and prefix matching stays within a shard;
- ``d/<n>.json``: docs ``n*CHUNK`` to ``n*CHUNK+CHUNK-1``: path, kind, name, summary, review
  date, stale, boost: what a result shows, fetched for the results shown only;
- ``spell.json``: the words of names, for "did you mean" when nothing is found (fetched then only).

Shards are sized so the largest stays under ``MAX_SHARD`` bytes; a term is kept in at most
``MAX_POSTINGS`` docs (its best tiers first), so no query downloads more than a few hundred KB
however large the hub grows.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pmmhub.model import KINDS
from pmmhub.search import text
from pmmhub.search.documents import PAGE, PAGE_BOOST, TIERS, Doc, documents
from pmmhub.render.write import put

FOLDER = "hub-search"
CHUNK = 16
MAX_SHARD = 40_000  # bytes
AVERAGE_SHARD = 12_000
MAX_SHARDS = 8192
MAX_POSTINGS = 1500
SUMMARY_CHARS = 160
SPELL_WORDS = 6000
FORMAT = 1
KIND_LETTERS = "abcdefghijklmnopqrstuvwxyz"  # meta.json's doc_kinds: one letter per doc, its kind's place in kinds


def _dump(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def synonym_groups(prepared) -> list[list[str]]:
    """``hub.yml``'s synonyms, normalised, groups of one word left out (as ``meta.json`` lists them)."""
    groups = [sorted({text.normal(w).strip() for w in group if w.strip()}) for group in prepared.site.catalog.hub.synonyms]
    return [g for g in groups if len(g) > 1]


def postings(docs: list[Doc], groups: list[list[str]] = ()) -> dict[str, list[tuple[int, int]]]:
    """term -> [(doc number, tier mask)], docs in order, each term's list capped at ``MAX_POSTINGS``.
    A text with a word of synonym group ``i`` also holds the term ``s:i`` (one lookup finds them all)."""
    members = [(f"s:{i}", text.needed(word)) for i, group in enumerate(groups) for word in group]
    members = [(term, need) for term, need in members if need]
    out: dict[str, dict[int, int]] = {}
    for number, doc in enumerate(docs):
        for bit, tier in enumerate(TIERS):
            found: set[str] = set()
            for piece in doc.texts[tier]:
                found |= text.terms(piece, words=tier != "body")
            found |= {term for term, need in members if term not in found and all(n in found for n in need)}
            for term in found:
                masks = out.setdefault(term, {})
                masks[number] = masks.get(number, 0) | (1 << bit)
        for name in doc.names:
            for term in text.name_terms(name):
                out.setdefault(term, {})[number] = 1
    capped = {}
    for term, masks in out.items():
        items = sorted(masks.items())
        if len(items) > MAX_POSTINGS:
            best = sorted(items, key=lambda item: ((item[1] & -item[1]), item[0]))[:MAX_POSTINGS]
            items = sorted(best)
        capped[term] = items
    return capped


def _encoded(items: list[tuple[int, int]]) -> list[int]:
    flat, last = [], 0
    for number, mask in items:
        flat += [number - last, mask]
        last = number
    return flat


def shards(index: dict[str, list[tuple[int, int]]]) -> list[dict[str, list[int]]]:
    """The terms split into shards (``text.shard_of``), as few as keep each under ``MAX_SHARD`` bytes."""
    encoded = {term: _encoded(items) for term, items in sorted(index.items())}
    sizes = {term: len(term.encode()) + 3 * len(flat) + 4 for term, flat in encoded.items()}  # about
    count = 1
    while count < MAX_SHARDS and count * AVERAGE_SHARD < sum(sizes.values()):
        count *= 2
    while True:
        out: list[dict[str, list[int]]] = [{} for _ in range(count)]
        weight = [0] * count
        for term, flat in encoded.items():
            at = text.shard_of(term, count)
            out[at][term] = flat
            weight[at] += sizes[term]
        if max(weight) <= MAX_SHARD or count >= MAX_SHARDS:
            return out
        count *= 2


def _doc_row(doc: Doc) -> list:
    summary = doc.summary if len(doc.summary) <= SUMMARY_CHARS else doc.summary[:SUMMARY_CHARS - 1] + "…"
    return [doc.path, doc.kind, doc.name, summary, doc.reviewed, int(doc.stale), doc.boost]


def _spelling(docs: list[Doc]) -> list[str]:
    """The Latin words of names (three letters or more), most frequent first."""
    counts: dict[str, int] = {}
    for doc in docs:
        for name in [*doc.names, *doc.texts["name"]]:
            for term in text.terms(name):
                word = term[2:]
                if term.startswith("w:") and word.isascii() and len(word) >= 3 and not word.isdigit():
                    counts[word] = counts.get(word, 0) + 1
    return [w for w, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))][:SPELL_WORDS]


def _kinds(prepared) -> list[dict]:
    """The kinds of this edition with their labels, listing page and the words that name them."""
    from pmmhub.render.i18n import labels as all_labels
    from pmmhub.render.urls import page_url

    site = prepared.site
    t = site.ctx.t
    other = all_labels("en" if site.language == "zh" else "zh", site.audience)
    out = []
    present = {doc_kind for doc_kind in KINDS if site.catalog.all(doc_kind) and not site.withheld(KINDS[doc_kind].folder + "/")}
    for name, kind in KINDS.items():
        if name not in present:
            continue
        words = {t(f"kind.{name}.one"), t(f"kind.{name}.many"), other(f"kind.{name}.one"), other(f"kind.{name}.many"),
                 *t(f"search.kind_words.{name}").split("|"), *other(f"search.kind_words.{name}").split("|")}
        listing = f"{kind.folder}/index.md"
        out.append({"kind": name, "label": t(f"kind.{name}.one"), "boost": kind.boost,
                    "listing": page_url(listing, site.ctx.directory_urls) if listing in prepared.tree.pages else "",
                    "words": sorted({text.normal(w).strip() for w in words if w.strip()})})
    out.append({"kind": PAGE, "label": t("search.kind_page"), "boost": PAGE_BOOST, "listing": "", "words": []})
    return out


def index_files(prepared) -> dict[str, bytes]:
    """Relative path (under the site) -> bytes of every index file of the ``prepared`` edition."""
    docs = documents(prepared)
    files: dict[str, bytes] = {}
    groups = synonym_groups(prepared)
    split = shards(postings(docs, groups))
    for number, shard in enumerate(split):
        files[f"{FOLDER}/t/{number}.json"] = _dump(shard)
    for start in range(0, len(docs), CHUNK):
        files[f"{FOLDER}/d/{start // CHUNK}.json"] = _dump([_doc_row(d) for d in docs[start:start + CHUNK]])
    files[f"{FOLDER}/spell.json"] = _dump(_spelling(docs))
    content = hashlib.sha256(b"".join(k.encode() + v for k, v in sorted(files.items()))).hexdigest()[:16]
    kinds = _kinds(prepared)
    letter = {k["kind"]: KIND_LETTERS[i] for i, k in enumerate(kinds)}
    meta = {"format": FORMAT, "id": content, "shards": len(split), "chunk": CHUNK, "count": len(docs),
            "language": prepared.site.language, "tiers": list(TIERS), "synonyms": groups,
            "sizes": [len(files[f"{FOLDER}/t/{n}.json"]) for n in range(len(split))],
            "kinds": kinds, "doc_kinds": "".join(letter[d.kind] for d in docs)}
    files[f"{FOLDER}/meta.json"] = _dump(meta)
    return dict(sorted(files.items()))


def write_index(site_dir: Path, prepared) -> dict[str, bytes]:
    """Write the search index of the ``prepared`` edition into the built ``site_dir``; return
    what was written (for the shipped-files check). Refuses (``ChannelConflict``) when a file of
    the docs tree takes the index's folder."""
    refuse_clashes(prepared.tree)
    files = index_files(prepared)
    write_files(site_dir, files)
    return files


def refuse_clashes(tree) -> None:
    """``ChannelConflict`` if a file of the docs ``tree`` takes the index's folder."""
    from pmmhub.channels import ChannelConflict

    taken = sorted(rel for rel in tree.files if rel.startswith(FOLDER + "/"))
    if taken:
        raise ChannelConflict(f"docs/ has {', '.join(taken)}, where the hub writes its search index\n"
                              f"    hint: rename or move the file ({FOLDER}/ is the hub's)")


def write_files(site_dir: Path, files: dict[str, bytes]) -> None:
    """Write index ``files`` into ``site_dir``; an index of an earlier build (``mkdocs serve``, a dirty
    build) is replaced whole."""
    target = Path(site_dir) / FOLDER
    if target.is_dir():
        import shutil

        shutil.rmtree(target)
    for rel, data in files.items():
        put(Path(site_dir) / rel, data)
