"""Write a rendered tree to disk incrementally: only what changed, and nothing stale left.

A rendered tree is a mapping of relative POSIX paths to bytes. ``sync`` compares it with
the folder: a file whose bytes are the same is not touched (its time stays, so an engine's
dirty rebuild skips it), a changed or new file is written atomically (a temporary file
renamed into place, so a reader never sees half a page), and a file the tree no longer
has is removed. Into a folder this ``sync`` makes (the first render), files are written in
place: no engine reads that folder before its render is done (a render holds the tree's lock,
and an engine reads it after its own render), and renaming each file of a first render into
place cost a second at 1,000 entities. The folder carries a stamp file so ``sync`` never
empties a folder it did not make. ``put`` writes one file into any folder being filled (the
channel files and the search index into a built site), making its folder only when it is missing.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

STAMP = ".hub-rendered"
STAMP_TEXT = b"rendered by `hub render`; every file here is rewritten or removed by the next render\n"


class NotARenderedTree(Exception):
    """The output folder holds files that ``hub render`` did not write."""


@dataclass
class Changes:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{len(self.written)} written, {len(self.removed)} removed, {self.unchanged} unchanged"


def sync(out: Path, tree: dict[str, bytes], written: dict[str, bytes] | None = None) -> Changes:
    """Make the folder ``out`` hold exactly ``tree``, writing only files whose bytes differ.

    ``written``: the tree an earlier ``sync`` of this process made ``out`` hold; a file it has
    with the same bytes is taken as unchanged if its size is too, without reading it again.
    """
    out = Path(out)
    first = _claim(out)
    changes = Changes()
    written = written or {}
    folders: set[Path] = set()
    for rel, data in sorted(tree.items()):
        target = out / rel
        size = _size(target)
        if size == len(data) and (written.get(rel) == data or _holds(target, data)):
            changes.unchanged += 1
            continue
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        _create(target, data) if first else _write(target, data)
        changes.written.append(rel)
    for rel in sorted(set(existing(out)) - set(tree)):
        (out / rel).unlink()
        changes.removed.append(rel)
    _prune_empty(out)
    return changes


def existing(out: Path) -> list[str]:
    """The files under ``out`` (relative POSIX paths), the stamp left out."""
    found = []
    for folder, dirs, files in os.walk(out):
        base = Path(folder).relative_to(out)
        found += [(base / name).as_posix() for name in files if not (folder == str(out) and name == STAMP)]
    return found


def _claim(out: Path) -> bool:
    """Make ``out`` a rendered tree; whether it is a new one (no earlier render wrote it)."""
    if out.is_dir() and not (out / STAMP).is_file() and any(out.iterdir()):
        raise NotARenderedTree(f"{out} is not empty and was not made by `hub render`; "
                               "choose an empty or new folder")
    out.mkdir(parents=True, exist_ok=True)
    if (out / STAMP).is_file():
        return False
    (out / STAMP).write_bytes(STAMP_TEXT)
    return True


def _holds(target: Path, data: bytes) -> bool:
    try:
        return target.read_bytes() == data
    except OSError:  # a folder where the file belongs: replacing it fails and says so
        return False


def _size(target: Path) -> int | None:
    try:
        return target.stat().st_size
    except OSError:
        return None


def _create(target: Path, data: bytes) -> None:
    """A file of a new tree, written in place; one that is somehow there already is replaced whole."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return _write(target, data)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(fd, 0o644)
            f.write(data)
    except BaseException:  # a full disk: no half page left behind
        target.unlink(missing_ok=True)
        raise


def _write(target: Path, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def put(target: Path, data: bytes) -> None:
    """Write ``data`` to the file ``target``, making its folder only when it is missing: into a
    site being built, most folders are there already, and asking for each costs a system call."""
    try:
        target.write_bytes(data)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _prune_empty(out: Path) -> None:
    for folder, dirs, files in os.walk(out, topdown=False):
        if folder != str(out) and not os.listdir(folder):
            os.rmdir(folder)
