"""The Jinja environment for ``pmmhub/templates``: autoescaped, strict, with the text filters.

Every ``{{ value }}`` that is not already safe HTML goes through ``text.plain`` (via
``finalize``), so data text is always escaped and inert, whatever the template.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup

from pmmhub.model import KINDS
from pmmhub.render import template_cache
from pmmhub.render.finished_html import MARKER as FINISHED
from pmmhub.render.text import markdown, plain
from pmmhub.render.urls import industry_src, listing_src

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
RELATED_LIMIT = 12  # entries per list of related pages: a page must not grow with the hub
# the characters Python-Markdown unescapes (its ESCAPED_CHARS, "|" from the tables extension): an
# escape of any other ("\~") would print its backslash
_MD_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def _finalize(value):
    """What ``{{ value }}`` prints: ``plain(value)``, leaving the common case to autoescape (same result, in C)."""
    if isinstance(value, str) and "`" not in value:
        return value  # Markup stays as is; other text is escaped by autoescape exactly as plain() would
    return plain(value)


def md_inline(text) -> Markup:
    """Plain text for a Markdown context such as a heading: escaped, on one line, no Markdown syntax."""
    one_line = " ".join(str(text).split())
    return Markup(_MD_PUNCT.sub(r"\\\1", html.escape(one_line, quote=False)))


def front_matter(**fields) -> Markup:
    """A generated page's YAML front matter block, then the marker of finished HTML
    (``finished_html``: the engines store the page's HTML without parsing it again); ``title`` is
    HTML-escaped because themes print it unescaped.

    Values are written as JSON, which is YAML too, and much faster to write.
    """
    if "title" in fields:
        fields["title"] = html.escape(fields["title"])
    body = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items())
    return Markup(f"---\n{body}---\n{FINISHED}\n")


_OPTIONS = dict(autoescape=True, undefined=StrictUndefined, finalize=_finalize, trim_blocks=True,
                lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The pages' environment; compiled templates are kept between processes (``template_cache``)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), **_OPTIONS,
                      bytecode_cache=template_cache.cache("pages", _OPTIONS))
    env.filters.update(md=markdown, md_inline=md_inline)
    env.globals.update(front_matter=front_matter, KINDS=KINDS, RELATED_LIMIT=RELATED_LIMIT, listing_src=listing_src,
                       industry_src=industry_src)
    return env


def compile_all() -> None:
    """Compile every page template now (once per process): a render forked on two cores
    (``render.parallel``) then inherits them, instead of compiling each in both processes. A
    template that does not compile is left to the render that uses it, which reports it."""
    env = environment()
    for name in env.list_templates(filter_func=_page_template):
        try:
            env.get_template(name)
        except TemplateError:
            pass


def _page_template(name: str) -> bool:
    """A template of this environment (``channels/`` and the ``.j2`` text templates have their own)."""
    return name.endswith((".md", ".html")) and not name.startswith("channels/")
