"""Data text to safe HTML: one function for Markdown fields, one for plain fields.

Long-text fields (marked ``MARKDOWN`` in the model) go through Python-Markdown and are
then sanitised with nh3 against an allowlist: formatting, lists, tables, code and links
survive; scripts, styles, images, event handlers do not, nor any link that fails the URL
rule URL fields are validated with (``url_problem``: http, https, mailto or a true
relative path; protocol-relative ``//host`` and backslashed ``/\\host`` are not relative).
Plain fields are HTML-escaped. The common shape of field text (paragraphs, ``- `` lists,
``**bold**``) skips the parser and the sanitiser (``simple_markdown``), with the same result.

PMMs write a list straight under its lead-in line (``实施步骤：`` then ``1. …``);
Python-Markdown would run it into the paragraph, so such a list gets the blank line it
needs first (as in CommonMark: a bullet, or a numbered list that starts at 1).

Both results are embedded in page sources that MkDocs renders once more as Markdown,
so characters that Markdown extensions act on even inside raw HTML (backticks start
fenced code) are written as character references: the browser shows them unchanged.
"""
from __future__ import annotations

import functools
import html
import re

import markdown as _markdown
import nh3
from markupsafe import Markup, escape

from pmmhub.model.common import LINK_SCHEMES, url_problem
from pmmhub.render import simple_markdown

TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "del", "s", "sup", "sub", "code", "pre", "kbd",
    "ul", "ol", "li", "blockquote", "a", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = set(LINK_SCHEMES)
EXTENSIONS = ["tables", "sane_lists"]


def _safe_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: a link that fails the URL rule loses its ``href``."""
    return None if attribute in ("href", "src") and url_problem(value) else value


_MARKDOWN = _markdown.Markdown(extensions=EXTENSIONS, output_format="html")
_CLEANER = nh3.Cleaner(tags=TAGS, clean_content_tags={"script", "style"}, attributes=ATTRIBUTES,
                       url_schemes=URL_SCHEMES, attribute_filter=_safe_attribute, link_rel="noopener noreferrer")
_HAN = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
_SOFT_BREAK = re.compile(rf"(?<={_HAN})[ \t]*\n[ \t]*(?={_HAN})")
_FENCE = re.compile(r"^\s*(```|~~~)", re.M)
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}\.)(?:[ \t]+|$)")
_INTERRUPTS = re.compile(r"^ {0,3}(?:[-*+]|0*1\.)[ \t]+\S")  # may start a list right under a paragraph line
_TABLE_ROW = re.compile(r"\|")
# Text Python-Markdown would turn into one paragraph of itself: no markup characters, one
# line, no list or heading start. Most short fields are like this; they skip the parser.
_MARKUP = re.compile(r"[\\`*_\[\]<>&#!|~=:\n\t]|^\s*([-+]|\d+[.)])\s|^\s{4}")


def markdown(text: str | None) -> Markup:
    """Markdown source → sanitised HTML, safe to embed in a page."""
    if not text:
        return Markup("")
    return _converted(text)


@functools.lru_cache(maxsize=4096)  # one field shows on several pages: its entity's, a toolkit's, a copy
def _converted(text: str) -> Markup:
    if not _MARKUP.search(text.strip()):
        return Markup(f"<p>{html.escape(text.strip(), quote=False)}</p>")
    text = _lists_after_paragraphs(text)
    if not _FENCE.search(text):
        text = _SOFT_BREAK.sub("", text)  # a line wrapped between two Chinese characters is not a space
    simple = simple_markdown.to_html(text.strip("\n"))  # paragraphs, "- " lists and bold: no parser needed
    if simple is not None:
        return Markup(simple)
    return Markup(_inert(_CLEANER.clean(_MARKDOWN.reset().convert(text))).strip())


def _lists_after_paragraphs(text: str) -> str:
    """``text`` with a blank line before each list that starts right under a paragraph line.

    Fenced code, table rows and lines already inside a list are left as they are.
    """
    out: list[str] = []
    fence, in_list, previous = None, False, ""
    for line in text.split("\n"):
        opened = _FENCE.match(line)
        if fence:
            fence = None if opened and opened[1] == fence else fence
        elif opened:
            fence = opened[1]
        elif not line.strip():
            in_list = False
        elif _LIST_ITEM.match(line):
            if (not in_list and previous.strip() and _INTERRUPTS.match(line)
                    and not (_TABLE_ROW.search(line) and _TABLE_ROW.search(previous))):
                out.append("")
            in_list = True
        out.append(line)
        previous = line if not fence and not opened else ""
    return "\n".join(out)


def plain(text) -> Markup:
    """Plain text (or a number, a date) → escaped HTML."""
    if text is None:
        return Markup("")
    html_ = escape(text if isinstance(text, str) else str(text))
    return Markup(str(html_).replace("`", "&#96;")) if "`" in html_ else html_  # (Markup.replace escapes)


def _inert(html: str) -> str:
    return html.replace("`", "&#96;")
