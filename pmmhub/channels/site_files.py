"""Every file the hub adds to a built site besides its pages: the channel files and the search index.

``compute`` is pure work on the rendered edition, so a build runs it while the engine builds
the pages (``hub build``: beside the engine's process; the MkDocs plugin: in a forked child),
on the machine's other core. ``write`` puts the result into the built site.
"""
from __future__ import annotations

import os
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
    write does not make (a deleted entity's record and mirror) are removed first, except what the
    engine wrote there (``keep``). The list names both writes' files until this one is done, so a
    write that is stopped half-way forgets nothing."""
    site_dir = Path(site_dir)
    before = _listed(listed) if listed is not None else []
    if listed is not None:
        _list(listed, sorted({*before, *channels}))
        gone = (_inside(site_dir, rel) for rel in before if rel not in channels and rel not in keep)
        remove_from(site_dir, [target for target in gone if target is not None])
    write_channels(site_dir, channels)
    index.write_files(site_dir, search)
    if listed is not None:
        _list(listed, sorted(channels))


def _listed(listed: Path) -> list[str]:
    try:
        return listed.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):  # none yet, or unreadable: nothing to remove
        return []


def _list(listed: Path, names: list[str]) -> None:
    """Replace the list whole (a stopped write leaves the old one or the new one)."""
    fresh = listed.with_name(listed.name + ".new")
    fresh.write_text("".join(f"{rel}\n" for rel in names), encoding="utf-8")
    os.replace(fresh, listed)


def _inside(site_dir: Path, rel: str) -> Path | None:
    """The file ``rel`` names in the site, if it is a plain relative path (else None)."""
    parts = PurePosixPath(rel).parts
    if not parts or parts[0] == "/" or ".." in parts or "\0" in rel or PurePosixPath(*parts).as_posix() != rel:
        return None
    return site_dir.joinpath(*parts)


def remove_from(site: Path, paths) -> None:
    """Remove the files ``paths`` (inside ``site``) and the folders they leave empty; what cannot
    be removed stays (the next build writes over it or leaves it)."""
    for path in sorted(paths):
        target = Path(path)
        if site not in target.parents:
            continue
        try:
            target.unlink()
        except OSError:
            continue
        folder = target.parent
        while folder != site:
            try:
                folder.rmdir()  # only an empty folder
            except OSError:
                break
            folder = folder.parent
