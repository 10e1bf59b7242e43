"""What a built edition may hold: its pages, the files of its rendered tree, and the engine's own.

The render step already leaves out of a customer edition every file of ``docs/`` that no
published page uses (``pmmhub.render.tree``); this check proves the built site agrees, so
nothing an engine copies on its own (a stray attachment, a screenshot of an internal page
that the text-only leak check cannot read) can ship unnoticed. Allowed:

- an HTML page made from a page of the tree, and ``404.html``;
- a file of the tree, byte for byte;
- a file of the theme (Material's or Zensical's), byte for byte;
- the engine's sitemap, and Zensical's search index (Material's is not made: ``engines.engine_index``);
- the hub's channel files (``pmmhub.channels``: JSON API, llms.txt, Markdown mirrors, CSV),
  byte for byte as computed for this edition.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from pmmhub.render.urls import page_url

ENGINE_FILES = {"404.html", "search.json", "sitemap.xml", "sitemap.xml.gz"}
THEMES = ("material", "zensical")


def unexpected(site: Path, files: dict[str, bytes], pages: set[str], directory_urls: bool = True,
               channels: dict[str, bytes] | None = None) -> list[str]:
    """Files of the built ``site`` that none of the rules above allows (relative paths, sorted)."""
    html = {page_url(src, directory_urls) for src in pages}
    html = {(url + "index.html" if url.endswith("/") or not url else url) for url in html}
    themes = theme_roots()
    out = []
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = file.relative_to(site).as_posix()
        if rel in ENGINE_FILES or rel in html:
            continue
        if rel in files and files[rel] == file.read_bytes():
            continue
        if channels and rel in channels and channels[rel] == file.read_bytes():
            continue
        if is_theme_file(rel, file, themes):
            continue
        out.append(rel)
    return out


def is_theme_file(rel: str, file: Path, themes: tuple[Path, ...]) -> bool:
    """True if ``file`` (at ``rel`` in a site) is byte for byte a file of one of the ``themes``."""
    for root in themes:
        shipped = root / rel
        if shipped.is_file() and shipped.stat().st_size == file.stat().st_size and shipped.read_bytes() == file.read_bytes():
            return True
    return False


def theme_roots() -> tuple[Path, ...]:
    """The template folders of the installed themes."""
    roots = []
    for name in THEMES:
        spec = importlib.util.find_spec(name)
        if spec and spec.origin:
            roots.append(Path(spec.origin).parent / "templates")
    return tuple(roots)
