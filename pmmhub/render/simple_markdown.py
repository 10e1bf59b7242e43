"""The common shape of a field's Markdown, converted without the parser.

Most long-text fields are paragraphs and ``- `` bullet lists whose only markup is ``**bold**``
(``- **实时数据同步**：…``). ``to_html`` writes what Python-Markdown (``text.EXTENSIONS``) and
the sanitiser make of such a text, byte for byte, and answers ``None`` for anything else: any
other markup character, a line with outer whitespace, a list item that is not a single ``- ``
line, two lists in a row (Markdown would join them into one loose list), a ``*`` outside a
bold pair. ``text.markdown`` then takes the full path, and a test compares both on every
field text of the sample hub and on random texts.
"""
from __future__ import annotations

import re

# what the fast path leaves to Markdown: other markup, entities, HTML, tabs and odd line ends
_OTHER = re.compile(r"[\\`_\[\]<>&#!|~=\t\r\x00-\x08\x0b-\x1f\x7f\xa0\ufeff]")
_LIST_LINE = re.compile(r"- (?P<item>\S.*)")
# a line another block would claim: a list or numbered item, a rule or underline, a quote, a heading, code
_BLOCK_START = re.compile(r"[-+*](?:\s|$)|[-* ]+$|[>#]|\d+[.)](?:\s|$)|\s")
_STRONG = re.compile(r"\*\*(?P<inner>[^*\s](?:[^*]*[^*\s])?)\*\*")


def to_html(text: str) -> str | None:
    """``text`` (already stripped, lists set apart, soft breaks joined) as the full path's HTML,
    or ``None`` when it holds anything but paragraphs, ``- `` lists and ``**bold**``."""
    if _OTHER.search(text):
        return None
    out: list[str] = []
    last_was_list = False
    for block in text.split("\n\n"):
        lines = block.split("\n")
        if not block or any(not line or line != line.strip() for line in lines):
            return None  # more than one blank line, or whitespace Markdown would read
        items = [_LIST_LINE.fullmatch(line) for line in lines]
        if all(items):
            if last_was_list:
                return None
            inner = [_inline(item["item"]) for item in items]
            if any(part is None or _BLOCK_START.match(item["item"]) for part, item in zip(inner, items)):
                return None
            out.append("<ul>\n" + "".join(f"<li>{part}</li>\n" for part in inner) + "</ul>")
        elif any(items) or any(_BLOCK_START.match(line) for line in lines):
            return None
        else:
            paragraph = _inline(block)
            if paragraph is None:
                return None
            out.append(f"<p>{paragraph}</p>")
        last_was_list = all(items)
    return "\n".join(out)


def _inline(text: str) -> str | None:
    """``text`` with its bold pairs as ``<strong>``; ``None`` if any other ``*`` remains."""
    html = _STRONG.sub(r"<strong>\g<inner></strong>", text)
    return None if "*" in html else html
