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
"""
from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

NAME = "pmmhub.render.finished_html"
MARKER = "<!-- hub: finished HTML -->"
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# a heading line, a comment, or a tag (quoted attribute values may hold '>')
_TOKEN = re.compile(r"""^(?P<heading>\#{1,6}[ \t][^\n]*)$|<!--.*?-->|<(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)"""
                    r"""(?:[^>"']|"[^"]*"|'[^']*')*?(?P<empty>/?)>""", re.M | re.S)


def split(text: str) -> list[tuple[bool, str]] | None:
    """``text`` as (heading?, part) pairs, headings being the ``#`` lines outside every element;
    ``None`` if the tags do not balance or any text stands outside every element (Markdown a
    plugin or extension added): the page is then left to Markdown."""
    parts: list[tuple[bool, str]] = []
    depth = start = after = 0  # ``after``: where the last token at the top level ended
    for token in _TOKEN.finditer(text):
        if depth == 0 and not text[after:token.start()].isspace() and token.start() > after:
            return None
        if token["heading"] is not None:
            if depth == 0:
                parts += [(False, text[start:token.start()]), (True, token["heading"])]
                start = token.end()
        elif token["name"] is not None and not token["empty"] and token["name"].lower() not in VOID:
            depth += -1 if token["end"] else 1
            if depth < 0:
                return None
        if depth == 0:
            after = token.end()
    if depth or text[after:].strip():
        return None
    parts.append((False, text[start:]))
    return [(heading, part) for heading, part in parts if heading or part.strip()]


class FinishedHtml(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None or lines[first] != MARKER:
            return lines
        parts = split("\n".join(lines[first + 1:]))
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
