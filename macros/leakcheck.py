"""Prove a public build leaks nothing: scan every output file for every text value that
exists only in internal content.

A value counts when it is long enough to be specific (``MIN_CHARS``) and does not also
occur inside public text (a public summary may quote a product name a battle card uses
too). Markdown values are checked line by line with the markup stripped, the way they
appear once rendered. Output is compared the way a reader sees it: HTML and JSON
unescaped, tags removed, gzip unpacked, zero-width characters (the search index puts
one between Chinese words) dropped and runs of whitespace made one space.

The same scan serves the internal edition: there the only text the edition leaves out
is the name of an anonymous customer, which must appear nowhere either.
"""
from __future__ import annotations

import gzip
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog
from .diagnose import dotted
from .model.common import MARKDOWN
from .model.fields import leaves

MIN_CHARS = 6
# Ids, vocabulary ids and enum values (``partial``, ``finance``, ``end-of-life``) are not
# secrets: they name things, are shared with public content and occur in theme code.
_ID_LIKE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_MARKUP = re.compile(r"^\s*(?:[-*+>#]+|\d+[.)])\s*|[*_`~]+|\[|\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")


def normalise(text: str) -> str:
    """``text`` without invisible characters, its whitespace runs made one space."""
    return " ".join(_INVISIBLE.sub("", text).split())


@dataclass(frozen=True)
class Leak:
    file: str  # output file, relative to the site
    text: str
    source: str  # data file and field the text comes from

    def __str__(self) -> str:
        return f"{self.file}: contains internal text {self.text!r} from {self.source}"


def texts(catalog: Catalog) -> dict[str, str]:
    """Every specific text fragment of ``catalog`` -> where it comes from (file: field)."""
    out: dict[str, str] = {}
    for record in catalog:
        for path, value, markers in leaves(record.entity):
            if not isinstance(value, str):
                continue
            for fragment in _fragments(value, MARKDOWN in markers):
                out.setdefault(fragment, f"{record.path}: {dotted(path)}")
    return out


def _fragments(value: str, markdown: bool) -> list[str]:
    if _ID_LIKE.match(value):
        return []
    lines = value.splitlines() if markdown else [value]
    cleaned = (normalise(_MARKUP.sub("", line)) for line in lines)
    return [c for c in cleaned if len(c) >= MIN_CHARS]


def internal_only(full: Catalog, public: Catalog) -> dict[str, str]:
    """Texts of the full catalog that the public edition must not contain."""
    public_texts = texts(public)
    hub = full.hub
    vocabulary = [hub.company, *(v for n in ("industries", "regions", "company_sizes", "sales_roles", "scenarios",
                                             "functions", "deal_types") for v in hub.vocabulary(n).values())]
    blob = "\n".join([*public_texts, *vocabulary])
    return {text: source for text, source in texts(full).items() if text not in blob}


def readable(file: Path) -> str:
    """A file's text as a reader (or a search engine) would see it, in every variant a text may take."""
    data = file.read_bytes()
    suffix = file.suffix
    if suffix == ".gz":
        try:
            data, suffix = gzip.decompress(data), Path(file.stem).suffix
        except (OSError, EOFError):
            pass
    raw = data.decode("utf-8", errors="replace")
    pieces = [raw]
    if suffix == ".json":
        try:
            pieces = _strings(json.loads(raw))
        except json.JSONDecodeError:
            pass
    return "\n".join(normalise(variant) for piece in pieces for variant in _variants(piece))


def _variants(text: str) -> tuple[str, ...]:
    """The text, and unescaped: with tags as spaces (blocks) and as nothing (inline markup)."""
    if "<" not in text and "&" not in text:
        return (text,)
    return text, html.unescape(text), html.unescape(_TAG.sub(" ", text)), html.unescape(_TAG.sub("", text))


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def theme_file(site: Path, file: Path) -> bool:
    """True for a file copied unchanged from the Material theme (it cannot hold data)."""
    import material

    shipped = Path(material.__file__).parent / "templates" / file.relative_to(site)
    return shipped.is_file() and shipped.stat().st_size == file.stat().st_size and shipped.read_bytes() == file.read_bytes()


def scan(site: Path, secrets: dict[str, str]) -> list[Leak]:
    """Every occurrence of a secret in the files under ``site`` (binary files are read as text too:
    a copied attachment may hold text; only the theme's own files are skipped)."""
    leaks = []
    files = (p for p in site.rglob("*") if p.is_file())
    for file in sorted(f for f in files if not theme_file(site, f)):
        text = readable(file)
        for secret, source in secrets.items():
            if secret in text:
                leaks.append(Leak(file.relative_to(site).as_posix(), secret, source))
    return leaks
