"""The middle platform's open interfaces: what a built edition offers besides its pages.

``channel_files(site, base_url)`` computes them all from the rendered ``Site`` (one edition on
one day), deterministically:

- ``api/v1/``: ``index.json``, one JSON record per entity, one CSV per kind and the JSON
  Schemas in ``schema/`` (``api``, ``spreadsheet``, ``records``);
- ``llms.txt`` and ``llms-full.txt`` (``llms``);
- a Markdown mirror of every entity page at its URL plus ``index.md`` (``mirror``).

They hold what the edition's pages hold: the internal edition's also say who keeps each entity
and how fresh it is; the public edition's name no owner and carry no freshness or visibility
(``records.INTERNAL_ONLY``, at any depth), and its API schemas are drawn without them.

They are not pages: ``hub build`` and the MkDocs plugin compute them while the engine builds the
pages and write them into the built site (``site_files``, with the search index), and the public
build's checks (shipped files, leak check) cover them. ``hub mcp`` serves a built edition's API to AI assistants (``mcp_server``).
"""
from __future__ import annotations

from pathlib import Path

from pmmhub.channels import api, llms, mirror, spreadsheet
from pmmhub.channels.view import View
from pmmhub.render.write import put

CHANNELS = (api, spreadsheet, llms, mirror)


class ChannelConflict(Exception):
    """The built site already has a file where a channel file goes; the message says which."""


def channel_files(site, base_url: str | None = None) -> dict[str, bytes]:
    """Relative path -> bytes of every channel file of ``site``'s edition (absolute URLs with ``base_url``)."""
    view = View(site, base_url or None)
    out: dict[str, bytes] = {}
    for channel in CHANNELS:
        out.update(channel.files(view))
    return dict(sorted(out.items()))


def clashes(files: dict[str, bytes], tree) -> list[str]:
    """Channel paths that a file of the rendered docs ``tree`` also takes (the engine would copy it
    there). A page is not copied but built into HTML, so its Markdown source takes no path: with
    ``use_directory_urls: false`` the mirror of ``x.html`` is ``x.md``, the page's own source name."""
    return sorted(rel for rel in files if rel in tree.files and rel not in tree.pages)


def refuse_clashes(files: dict[str, bytes], tree) -> None:
    """``ChannelConflict`` if a file of the rendered docs ``tree`` takes one of the channel paths."""
    taken = clashes(files, tree)
    if taken:
        raise ChannelConflict("docs/ has " + ", ".join(taken) + ", where the hub writes its channel files "
                              "(JSON API, llms.txt, Markdown mirrors, CSV)\n    hint: rename or remove the file "
                              "(api/v1/, llms.txt and llms-full.txt are the hub's)")


def write(site_dir: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` into the built ``site_dir`` (``refuse_clashes`` said they have their paths)."""
    for rel, data in files.items():
        put(Path(site_dir) / rel, data)
