"""A Python-Markdown extension: generated pages pass through without their HTML being parsed again.

A generated page (every template's ``front_matter``) is finished HTML blocks between Markdown
heading lines (``## 30 秒速读 { #quick-take }``: the headings give either engine its table of
contents and permalinks), and its body opens with ``MARKER``. Python-Markdown would run its
HTML parser over every block only to find the same blocks again: most of a build's Markdown
time. This extension stores each run of HTML between two headings in the HTML stash as it is.

A line that starts with ``#`` is a heading only outside every element (the tags before it are
counted), so text inside a block (a code sample, an attribute) stays text. A page whose tags do
not balance, or with text outside every element (Markdown that a plugin or another extension
added), is left to Markdown unchanged, as is every page without the marker (hand-written
pages): the result is then the same, only slower. Both engines load it
(``pmmhub.engines``: the MkDocs plugin adds it, and so does the config ``hub build`` writes).

``to_html`` goes further for an engine that lets the hub convert a page itself (MkDocs:
``pmmhub.engines.finished_page``): it writes the headings' HTML and table of contents the way
the portal's extensions would, and the page skips Python-Markdown altogether. It answers only
for the heading forms the templates write (plain text, backslash escapes, a count badge, an
``{ #id .class }`` suffix); on anything else it answers ``None`` and Markdown converts the page.
The render calls it on both cores (``ahead``), and the engine takes that result for a page whose
Markdown is still the same.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from markdown import Extension
from markdown.extensions.toc import nest_toc_tokens
from markdown.util import BLOCK_LEVEL_ELEMENTS
from markdown.preprocessors import Preprocessor

NAME = "pmmhub.render.finished_html"
MARKER = "<!-- hub: finished HTML -->"
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# a heading line, a comment, or a tag (quoted attribute values may hold '>'); each alternative opens
# with '#' or '<', so the engine skips the text between them quickly, and the attribute run is
# possessive: the tag ends at the first '>' outside quotes, '/>' marking it empty
_TOKEN = re.compile(r"""\#(?<=^\#)\#{0,5}[ \t][^\n]*$|<(?:!--.*?--|(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*+)"""
                    r"""(?:[^>"'/]++|"[^"]*+"|'[^']*+'|/(?!>))*+(?P<empty>/?))>""", re.M | re.S)


def split(text: str) -> list[tuple[bool, str]] | None:
    """``text`` as (heading?, part) pairs, headings being the ``#`` lines outside every element;
    ``None`` if the tags do not balance or any text stands outside every element (Markdown a
    plugin or extension added): the page is then left to Markdown."""
    parts: list[tuple[bool, str]] = []
    depth = start = after = 0  # ``after``: where the last token at the top level ended
    for token in _TOKEN.finditer(text):
        name = token["name"]  # None for a heading or a comment
        if depth == 0:
            begin = token.start()
            if begin > after and not text[after:begin].isspace():
                return None
            if name is None and text[begin] == "#":
                parts += [(False, text[start:begin]), (True, token[0])]
                start = token.end()
        if name is not None and not token["empty"] and name.lower() not in VOID:
            depth += -1 if token["end"] else 1
            if depth < 0:
                return None
        if depth == 0:
            after = token.end()
    if depth or text[after:].strip():
        return None
    parts.append((False, text[start:]))
    return [(heading, part) for heading, part in parts if heading or part.strip()]


def marked_parts(lines: list[str]) -> list[tuple[bool, str]] | None:
    """``split`` of what follows the marker, when the first line that is not blank is ``MARKER``; else ``None``."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first] != MARKER:
        return None
    return split("\n".join(lines[first + 1:]))


class FinishedHtml(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        parts = marked_parts(lines)
        if parts is None:
            return lines
        out: list[str] = []
        for heading, part in parts:
            out += ["", part if heading else self.md.htmlStash.store(part.strip("\n")), ""]
        return out + [""]  # the last block ends with a blank line too


class FinishedHtmlExtension(Extension):
    def extendMarkdown(self, md):
        # after whitespace normalisation (30), before fenced code (25) and the HTML block parser (20),
        # which then find nothing to scan in the stored HTML
        md.preprocessors.register(FinishedHtml(md), "hub_finished_html", 29)


def makeExtension(**kwargs):  # Python-Markdown's entry point for an extension named by its module
    return FinishedHtmlExtension(**kwargs)


# --- the fast path: a marked page straight to HTML ------------------------------------------

_HEADING = re.compile(r"(?P<hashes>#{1,6}) (?P<text>[^ \n](?:[^\n]*[^ \n])?) \{ #(?P<id>[A-Za-z][\w-]*)"
                      r"(?: \.(?P<cls>[A-Za-z][\w-]*))? \}")
# heading text: characters no inline pattern of the portal's extensions acts on, a backslash
# escape, or the count badge (inline HTML); anything else is Markdown's to convert
_TEXT = re.compile(r"""(?:[^\\`*_{}\[\]<>&#\s]|[ ]|\\[\\`*_{}\[\]()#+\-.!]|<span class="hub-count">\d+</span>)+""")
_ESCAPE = re.compile(r"\\(.)")
_BADGE = re.compile(r'<span class="hub-count">(\d+)</span>')
_BLOCK_TAG = re.compile(r"^\<\/?([^ >]+)")  # Python-Markdown's RawHtmlPostprocessor.BLOCK_LEVEL_REGEX
_BLANK_LINE = re.compile(r"(?<=\n) +\n")
# YAML front matter as MkDocs reads it (mkdocs.utils.meta); what follows is the page's Markdown
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
PERMALINK = '<a class="headerlink" href="#{id}" title="Permanent link">&para;</a>'


@dataclass(frozen=True)
class Converted:
    content: str  # the page's HTML
    toc_tokens: list  # as Python-Markdown's toc extension nests them
    ids: set  # the anchor ids the headings define


def to_html(markdown_text: str) -> Converted | None:
    """A marked page's body (front matter already read) as the portal's Markdown would convert
    it: the stored HTML runs as they are, each heading with its id, class and permalink; ``None``
    when the page is not marked or holds anything the fast path does not know."""
    if any(c in markdown_text for c in "\t\r\x02\x03"):
        return None
    parts = marked_parts(_BLANK_LINE.sub("\n", markdown_text + "\n\n").split("\n"))  # as Markdown normalises it
    if not parts or (parts[0][0] and parts[0][1].startswith("# ")):
        return None  # nothing after the marker, or a title heading for MkDocs to read
    blocks, tokens = [], []
    for heading, part in parts:
        if not heading:
            part = part.strip("\n")
            tag = _BLOCK_TAG.match(part)  # what Markdown takes for a block, it leaves unwrapped
            if not tag or not (tag[1][0] in "!?@%" or tag[1].lower().rstrip("/") in BLOCK_LEVEL_ELEMENTS):
                return None  # Markdown would wrap it in a paragraph
            blocks.append(part)
            continue
        found = _HEADING.fullmatch(part)
        if found is None or not _TEXT.fullmatch(found["text"]) or "  " in found["text"]:
            return None
        level, ident, inner = len(found["hashes"]), found["id"], _ESCAPE.sub(r"\1", found["text"])
        cls = f' class="{found["cls"]}"' if found["cls"] else ""
        blocks.append(f'<h{level}{cls} id="{ident}">{inner}{PERMALINK.format(id=ident)}</h{level}>')
        tokens.append({"level": level, "id": ident, "name": _BADGE.sub(r"\1", inner), "html": inner,
                       "data-toc-label": "", "children": []})
    ids = {t["id"] for t in tokens}  # before nesting, which empties the list
    return Converted("\n".join(blocks).strip(), nest_toc_tokens(tokens), ids)  # Markdown strips its output


def ahead(source: str) -> tuple[bytes, Converted] | None:
    """``to_html`` of a page source's Markdown body (after its front matter), with the body's
    ``digest``: for the engine to take instead of converting the page itself when its Markdown has
    that digest; ``None`` when the fast path does not take the page."""
    if MARKER not in source:
        return None  # not a marked page (a hand-written one, a JSON file)
    front = _FRONT_MATTER.match(source)
    body = source[front.end():].lstrip("\n") if front else source
    converted = to_html(body)
    return None if converted is None else (digest(body), converted)


def digest(markdown_text: str) -> bytes:
    """What tells one page body from another (a copy of the body would double the memory it takes)."""
    return hashlib.blake2b(markdown_text.encode("utf-8", "surrogatepass"), digest_size=20).digest()
