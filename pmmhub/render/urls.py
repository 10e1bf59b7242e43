"""Where pages live: source paths (``battlecards/xinghe.md``) and the links between them.

The URL scheme is ``<folder>/<id>/`` for an entity and ``<folder>/`` for a kind's listing;
links are relative, so the built site works from any path and from the file system.
"""
from __future__ import annotations

from pmmhub.model import KINDS

PORTFOLIO = "portfolio.md"
INDUSTRIES = "industries"


def entity_src(kind: str, id_: str) -> str:
    return f"{KINDS[kind].folder}/{id_}.md"


def listing_src(kind: str, page: int = 1) -> str:
    """Page 1 of a listing is <folder>/index.md, page n is <folder>/page/<n>.md."""
    folder = KINDS[kind].folder
    return f"{folder}/index.md" if page == 1 else f"{folder}/page/{page}.md"


def industry_src(industry: str) -> str:
    return f"{INDUSTRIES}/{industry}.md"


def page_url(src: str, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives the page at ``src`` ("" is the home page)."""
    stem = src[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(url: str, base: str) -> str:
    """``url`` as seen from the page at ``base`` (both site-relative)."""
    here = base.split("/")[:-1]  # the folder of the base page
    there = url.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    rel = "../" * (len(here) - common) + "/".join(there[common:])
    return rel or "./"
