"""A Markdown mirror of every entity page, at the page's URL plus ``index.md``."""
from __future__ import annotations

import posixpath

from pmmhub.channels.markdown import entity_markdown


def files(view) -> dict[str, bytes]:
    out = {}
    for record in view.records():
        here = posixpath.dirname(view.mirror_path(record))
        out[view.mirror_path(record)] = entity_markdown(view, record, lambda other: _link(view, other, here)).encode()
    return out


def _link(view, other, here: str) -> str:
    """Another entity's mirror, relative to this one (absolute when the site URL is known)."""
    if view.base_url:
        return view.url(view.mirror_path(other))
    return posixpath.relpath(view.mirror_path(other), here or ".")
