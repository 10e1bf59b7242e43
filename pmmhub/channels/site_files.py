"""Every file the hub adds to a built site besides its pages: the channel files and the search index.

``compute`` is pure work on the rendered edition, so a build runs it while the engine builds
the pages (``hub build``: beside the engine's process; the MkDocs plugin: in a forked child),
on the machine's other core. ``write`` puts the result into the built site.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath

from pmmhub.channels import channel_files, refuse_clashes, write as write_channels
from pmmhub.search import index


def compute(prepared, base_url: str | None) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The channel files and the search index files of the ``prepared`` edition (relative path ->
    bytes); ``ChannelConflict`` first if a file of its docs tree takes one of their paths."""
    channels = channel_files(prepared.site, base_url)
    refuse_clashes(channels, prepared.tree)
    index.refuse_clashes(prepared.tree)
    return channels, index.index_files(prepared)


def write(site_dir: Path, channels: dict[str, bytes], search: dict[str, bytes], listed: Path | None = None,
          keep: frozenset[str] = frozenset()) -> None:
    """Write the files into the built ``site_dir``. ``listed`` (the preview, which writes into the
    same site again and again): a file naming the channel files the last write made; those this
    write does not make (a deleted entity's record and mirror) are removed first, unless the docs
    tree now has a file of that name (``keep``), and the file then names this write's."""
    if listed is not None:
        _remove_unmade(Path(site_dir), listed, channels, keep)
    write_channels(site_dir, channels)
    index.write_files(site_dir, search)
    if listed is not None:
        listed.write_text("".join(f"{rel}\n" for rel in sorted(channels)), encoding="utf-8")


def _remove_unmade(site_dir: Path, listed: Path, channels: dict[str, bytes], keep: frozenset[str]) -> None:
    try:
        before = listed.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, UnicodeDecodeError):
        return
    for rel in before:
        parts = PurePosixPath(rel).parts
        if rel in channels or rel in keep or not parts or parts[0] == "/" or ".." in parts:
            continue  # made again, or not a name this code wrote
        target = site_dir.joinpath(*parts)
        try:
            target.unlink()
        except (FileNotFoundError, IsADirectoryError, PermissionError):
            continue
        folder = target.parent
        while folder != site_dir and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
