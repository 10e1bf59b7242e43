"""Every file the hub adds to a built site besides its pages: the channel files and the search index.

``compute`` is pure work on the rendered edition, so a build runs it while the engine builds
the pages (``hub build``: beside the engine's process; the MkDocs plugin: in a forked child),
on the machine's other core. ``write`` puts the result into the built site.
"""
from __future__ import annotations

from pathlib import Path

from pmmhub.channels import channel_files, refuse_clashes, write as write_channels
from pmmhub.search import index


def compute(prepared, base_url: str | None) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The channel files and the search index files of the ``prepared`` edition (relative path ->
    bytes); ``ChannelConflict`` first if a file of its docs tree takes one of their paths."""
    channels = channel_files(prepared.site, base_url)
    refuse_clashes(channels, prepared.tree)
    index.refuse_clashes(prepared.tree)
    return channels, index.index_files(prepared)


def write(site_dir: Path, channels: dict[str, bytes], search: dict[str, bytes]) -> None:
    write_channels(site_dir, channels)
    index.write_files(site_dir, search)
