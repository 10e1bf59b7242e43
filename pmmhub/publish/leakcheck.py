"""Prove a built edition leaks nothing: scan every output file for every text value that
exists only in internal content, and for every name of an anonymous customer.

An internal text counts when it is long enough to be specific (``MIN_CHARS`` letters or
digits) and does not also occur inside public text (a public summary may quote a product
name a battle card uses too). An anonymous customer's name and aliases always count,
however short and wherever else they occur: public text that contains one is itself a
leak. Markdown values are checked line by line with the markup stripped, the way they
appear once rendered. Output is read the way a reader sees it (HTML and JSON unescaped,
tags removed, gzip unpacked) and compared in ``anonymity.comparable`` form: Unicode width,
case, whitespace, punctuation and invisible characters (the search index puts zero-width
spaces between Chinese words) do not matter, so removing a space or writing a full-width
comma does not hide a text.

The same scan serves the internal edition: there the only secrets are the names of
anonymous customers, except in its customer copies (``copy_leaks``), which hold what the
public edition shows and are checked with the public edition's secrets.
"""
from __future__ import annotations

import gzip
import html
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import ahocorasick

from pmmhub.model.common import MARKDOWN
from pmmhub.model.fields import leaves
from pmmhub.validate import anonymity
from pmmhub.validate.anonymity import Phrase, comparable
from pmmhub.validate.diagnose import dotted
from pmmhub.publish.shipping import theme_roots
from pmmhub.relate.editions import edition
from pmmhub.render import parallel
from pmmhub.render.urls import page_url

if TYPE_CHECKING:
    from pmmhub.relate.catalog import Catalog

MIN_CHARS = 6
# Ids, vocabulary ids and enum values (``partial``, ``finance``, ``end-of-life``) are not
# secrets: they name things, are shared with public content and occur in theme code.
_ID_LIKE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_MARKUP = re.compile(r"^\s*(?:[-*+>#]+|\d+[.)])\s*|[*_`~]+|\[|\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
# Tags that end a block of text: after normalising (no spaces, no punctuation) two blocks would
# run together and a secret could be "found" across the end of one and the start of the next.
_BLOCK = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|td|th|tr|table|thead|tbody|dt|dd|dl|div|section|article|nav|header|"
                    r"footer|aside|main|blockquote|pre|summary|details|figcaption|title|option|label|button|br|hr)"
                    r"\b[^>]*>", re.I)
BOUNDARY = "\x1e"  # between texts that a reader never reads as one (blocks, JSON strings, variants)
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
    return {fragment: source for fragment, (source, _) in _keyed(catalog, {}).items()}


def _keyed(catalog: Catalog, cache: dict) -> dict[str, tuple[str, str]]:
    """Every specific text fragment of ``catalog`` -> (where it comes from, its ``comparable`` form).
    ``cache`` keeps each value's fragments, for another catalog that shares most values (an edition)."""
    out: dict[str, tuple[str, str]] = {}
    for record in catalog:
        for path, value, markers in leaves(record.entity):
            if not isinstance(value, str):
                continue
            markdown = MARKDOWN in markers
            found = cache.get((value, markdown))
            if found is None:
                found = cache[(value, markdown)] = _fragments(value, markdown)
            for fragment, key in found:
                if fragment not in out:
                    out[fragment] = (f"{record.path}: {dotted(path)}", key)
    return out


def _fragments(value: str, markdown: bool) -> list[tuple[str, str]]:
    """The fragments of ``value`` long enough to be specific, each with its ``comparable`` form."""
    if _ID_LIKE.match(value):
        return []
    lines = value.splitlines() if markdown else [value]
    cleaned = (normalise(_MARKUP.sub("", line)) for line in lines)
    return [(c, key) for c in cleaned for key in [comparable(c)] if len(key) >= MIN_CHARS]


def internal_only(full: Catalog, public: Catalog) -> dict[str, str]:
    """Texts of the full catalog that the ``public`` edition of it must not contain: internal texts
    no public text contains, and every name of an anonymous customer."""
    hub = full.hub
    vocabulary = [hub.company, *(v for labels in hub.vocabularies().values() for v in labels.values())]
    cache: dict = {}
    shown = [key for _, key in _keyed(public, cache).values()]
    blob = "\n".join([*shown, *map(comparable, vocabulary)])
    candidates = _keyed(full, cache)
    shown_keys = set(shown)  # found in the blob for certain: the automaton looks only for the others
    public_keys = shown_keys | _occurring({key for _, key in candidates.values()} - shown_keys, blob)
    out = {text: source for text, (source, key) in candidates.items() if key not in public_keys}
    for name in anonymity.names(full):
        out[name.phrase.text] = name.source
    return out


def _occurring(keys: set[str], blob: str) -> set[str]:
    """The ``keys`` (never empty: ``MIN_CHARS`` letters or digits) that occur in ``blob``: one
    Aho-Corasick pass, however many keys (``key in blob`` for each key in turn grew with keys
    times blob: seconds at 1,000 entities)."""
    if not keys:
        return set()
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return {key for _, key in automaton.iter(blob)}


def customer_secrets(full: Catalog) -> dict[str, str]:
    """Everything a customer-facing file (the public edition, a customer copy) must not contain."""
    return {**internal_only(full, edition(full, "public")), **staff_and_frame(full)}


def staff_and_frame(full: Catalog) -> dict[str, str]:
    """What no customer-facing file may hold, whatever the projection keeps for its own use: every
    staff handle (an entity's ``owner``, a launch readiness item's), the internal banner and the
    internal edition's site name and description. (Handles shorter than ``MIN_CHARS`` letters are
    left to the templates: they would match ordinary words.)"""
    out: dict[str, str] = {}
    for record in full:
        for path, value, _ in leaves(record.entity):
            if path and path[-1] == "owner" and isinstance(value, str) and len(comparable(value)) >= MIN_CHARS:
                out.setdefault(value, f"{record.path}: {dotted(path)}")
    hub, own = full.hub, full.hub.editions.get("internal")
    frame = {"internal_banner": hub.internal_banner, "editions.internal.site_name": own and own.site_name,
             "editions.internal.site_description": own and own.site_description}
    for field, text in frame.items():
        if text and len(comparable(text)) >= MIN_CHARS:
            out.setdefault(text, f"hub.yml: {field}")
    return out


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
    return BOUNDARY.join(variant for piece in pieces for variant in _variants(piece))


def _variants(text: str) -> tuple[str, ...]:
    """The text as it is, and as read: unescaped, each block its own text, inline markup gone."""
    if "<" not in text and "&" not in text:
        return (text,)
    return text, html.unescape(_TAG.sub("", _BLOCK.sub(BOUNDARY, text)))


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def theme_file(site: Path, file: Path, themes: tuple[Path, ...] | None = None) -> bool:
    """True for a file copied unchanged from a theme, Material's or Zensical's (it cannot hold data)."""
    from pmmhub.publish.shipping import is_theme_file, theme_roots

    return is_theme_file(file.relative_to(site).as_posix(), file, theme_roots() if themes is None else themes)


def copy_files(site: Path, copies, directory_urls: bool = True) -> tuple[list[Path], list[str]]:
    """The built files of the customer copies ``copies`` (their source paths): (found, missing)."""
    files = {src: site / (url + "index.html" if url.endswith("/") else url)
             for src in sorted(copies) for url in [page_url(src, directory_urls)]}
    return [f for f in files.values() if f.is_file()], [src for src, f in files.items() if not f.is_file()]


def copy_leaks(site: Path, full: Catalog, files: list[Path]) -> list[Leak]:
    """Each of the customer copies ``files`` of the built ``site``, checked for every text the public
    edition of the whole hub ``full`` must not contain."""
    return scan(site, customer_secrets(full), files)


def scan(site: Path, secrets: dict[str, str], files: list[Path] | None = None) -> list[Leak]:
    """Every file under ``site`` (or of ``files`` there) that contains a secret, once per secret (binary
    files are read as text too: a copied attachment may hold text; only the theme's own files are skipped).
    The files are read on two cores when there are many (``parallel.on_two_cores``)."""
    index = _Index(secrets)
    files = (p for p in site.rglob("*") if p.is_file()) if files is None else files
    themes = theme_roots()
    checked = sorted(f for f in files if not theme_file(site, f, themes))
    found = parallel.on_two_cores(lambda file: index.found(readable(file)), checked)
    return [Leak(file.relative_to(site).as_posix(), text, secrets[text])
            for file, hits in zip(checked, found) for text in hits]


class _Index:
    """The secrets in one Aho-Corasick automaton of their comparable forms: a file is read once,
    whatever the number of secrets, and only the secrets found in it are checked further
    (a short Latin name must stand as a whole word)."""

    def __init__(self, secrets: dict[str, str]):
        self.phrases: dict[str, Phrase] = {}
        for text in secrets:
            phrase = Phrase(text)
            if phrase.key:  # a text with no letter or digit finds nothing
                self.phrases.setdefault(phrase.key, phrase)
        self.order = {phrase.text: i for i, phrase in enumerate(self.phrases.values())}
        self.automaton = ahocorasick.Automaton()
        for key in self.phrases:
            self.automaton.add_word(key, key)
        self.automaton.make_automaton()

    def found(self, text: str) -> list[str]:
        """The secrets ``text`` contains, in the order they were given; none across a ``BOUNDARY``
        (a key holds only letters and digits, so no match spans one)."""
        if not self.phrases:
            return []
        spaced_text = _spaced(text)
        compared = spaced_text.replace(" ", "")
        keys = {key for _, key in self.automaton.iter(compared)}
        hits = [self.phrases[key] for key in keys if self.phrases[key].stands_in(spaced_text)]
        return sorted((p.text for p in hits), key=self.order.__getitem__)


_SEPARATORS = re.compile(r"[^\w" + BOUNDARY + r"]+")  # with "_" made a space first: anonymity's [\W_]+


def _spaced(text: str) -> str:
    """``anonymity.spaced`` of each part of ``text`` between ``BOUNDARY``s, the boundaries kept: in one
    pass over the whole text (NFKC and case folding never join characters across a control character)."""
    return _SEPARATORS.sub(" ", unicodedata.normalize("NFKC", text).casefold().replace("_", " "))
