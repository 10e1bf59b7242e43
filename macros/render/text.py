"""Data text to safe HTML: one function for Markdown fields, one for plain fields.

Long-text fields (marked ``MARKDOWN`` in the model) go through Python-Markdown and are
then sanitised with nh3 against an allowlist: formatting, lists, tables, code and links
(http, https, mailto or relative) survive; scripts, styles, images, event handlers and
any other URL scheme do not. Plain fields are HTML-escaped.

Both results are embedded in page sources that MkDocs renders once more as Markdown,
so characters that Markdown extensions act on even inside raw HTML (backticks start
fenced code) are written as character references: the browser shows them unchanged.
"""
from __future__ import annotations

import html
import re

import markdown as _markdown
import nh3
from markupsafe import Markup, escape

TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "del", "s", "sup", "sub", "code", "pre", "kbd",
    "ul", "ol", "li", "blockquote", "a", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "sane_lists"]

_MARKDOWN = _markdown.Markdown(extensions=EXTENSIONS, output_format="html")
_CLEANER = nh3.Cleaner(tags=TAGS, clean_content_tags={"script", "style"}, attributes=ATTRIBUTES,
                       url_schemes=URL_SCHEMES, link_rel="noopener noreferrer")
_HAN = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
_SOFT_BREAK = re.compile(rf"(?<={_HAN})[ \t]*\n[ \t]*(?={_HAN})")
_FENCE = re.compile(r"^\s*(```|~~~)", re.M)
# Text Python-Markdown would turn into one paragraph of itself: no markup characters, one
# line, no list or heading start. Most short fields are like this; they skip the parser.
_MARKUP = re.compile(r"[\\`*_\[\]<>&#!|~=:\n\t]|^\s*([-+]|\d+[.)])\s|^\s{4}")


def markdown(text: str | None) -> Markup:
    """Markdown source → sanitised HTML, safe to embed in a page."""
    if not text:
        return Markup("")
    if not _MARKUP.search(text.strip()):
        return Markup(f"<p>{html.escape(text.strip(), quote=False)}</p>")
    if not _FENCE.search(text):
        text = _SOFT_BREAK.sub("", text)  # a line wrapped between two Chinese characters is not a space
    return Markup(_inert(_CLEANER.clean(_MARKDOWN.reset().convert(text))).strip())


def plain(text) -> Markup:
    """Plain text (or a number, a date) → escaped HTML."""
    if text is None:
        return Markup("")
    html_ = escape(text if isinstance(text, str) else str(text))
    return Markup(str(html_).replace("`", "&#96;")) if "`" in html_ else html_  # (Markup.replace escapes)


def _inert(html: str) -> str:
    return html.replace("`", "&#96;")
