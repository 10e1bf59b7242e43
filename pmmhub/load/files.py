"""Which files of a hub are read, and reading one without following or hanging on it.

Only regular files inside the hub are data. A symbolic link (to anything, broken or
not), a FIFO, a socket, a device or a folder posing as ``x.yml`` is refused with a
located problem, and so is a file or folder that cannot be read. Files are opened with
``O_NOFOLLOW | O_NONBLOCK`` and checked with ``fstat`` before at most ``MAX_BYTES + 1``
bytes are read, so a file swapped for a link or a pipe after the listing cannot leak
or hang the run.
"""
from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Callable

from pmmhub.model import KIND_BY_FOLDER, KINDS
from pmmhub.model.common import ID_MAX, ID_PATTERN
from pmmhub.problems import Problem, suggest

MAX_BYTES = 1024 * 1024
HUB_FILE = "hub.yml"
# Ids whose page would collide with a page the portal generates in the kind's folder:
# <folder>/index.md is the listing; <folder>/page/<n>.md are its further pages.
RESERVED_IDS = {"index": "the kind's listing page", "page": "the listing's further pages (<folder>/page/2/)",
                "dashboard": "the launch readiness dashboard (launches/dashboard/)"}
_ID = re.compile(ID_PATTERN)
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_KINDS_OF = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))
_LINK_HINT = "commit the file itself, not a link to it: links, pipes and devices are never read"


def _problem(shown: str, message: str, hint: str = "") -> Problem:
    return Problem(shown, 1, 1, "", message, hint)


def what_is(path: Path | str, mode: int | None = None) -> str:
    """What a non-regular file is, for people: 'a symbolic link to /dev/zero', 'a named pipe (FIFO)'."""
    if mode is None:
        mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        try:
            return f"a symbolic link to {os.readlink(path)}"
        except OSError:
            return "a symbolic link"
    return next((name for test, name in _KINDS_OF if test(mode)), "not a regular file")


def not_regular(path: Path | str, shown: str, mode: int | None = None) -> Problem:
    return _problem(shown, f"not a regular file ({what_is(path, mode)})", _LINK_HINT)


def unreadable(shown: str, err: OSError, folder: bool = False) -> Problem:
    reason = "permission denied" if isinstance(err, PermissionError) else (err.strerror or str(err)).lower()
    hint = ("make the folder readable (chmod u+rx) or remove it" if folder
            else "make the file readable (chmod u+r) or remove it")
    return _problem(shown, f"cannot read the {'folder' if folder else 'file'} ({reason})", hint)


def too_big(shown: str, size: int) -> Problem:
    found = f"{size / 1024 / 1024:.1f} MiB" if size <= 64 * MAX_BYTES else "over 64 MiB"
    return _problem(shown, f"the file is {found}; the limit is {MAX_BYTES // 1024 // 1024} MiB",
                    "split it or move large material to an asset link")


def read_bytes(file: Path | str, shown: str) -> tuple[bytes | None, Problem | None]:
    """The bytes of ``file`` if it is a regular file within the size limit, else a problem."""
    try:
        fd = os.open(file, _FLAGS)
    except OSError as err:
        if err.errno in (errno.ELOOP, errno.ENXIO, errno.EMLINK):  # a link (O_NOFOLLOW), a socket
            try:
                return None, not_regular(file, shown)
            except OSError:
                pass
        if isinstance(err, FileNotFoundError):
            return None, _problem(shown, "the file disappeared while the hub was read", "run the command again")
        return None, unreadable(shown, err)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, not_regular(file, shown, info.st_mode)
        if info.st_size > MAX_BYTES:
            return None, too_big(shown, info.st_size)
        return _read_capped(fd, shown)
    except OSError as err:
        return None, unreadable(shown, err)
    finally:
        os.close(fd)


def _read_capped(fd: int, shown: str) -> tuple[bytes | None, Problem | None]:
    chunks, size = [], 0
    while size <= MAX_BYTES:
        chunk = os.read(fd, MAX_BYTES + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > MAX_BYTES:
        return None, too_big(shown, size)
    return b"".join(chunks), None


def exists(path: Path) -> bool:
    """True if anything (even a broken link) is at ``path``."""
    return os.path.lexists(path)


def _entries(folder: Path, shown: str, problems: list[Problem]) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as found:
            return sorted((e for e in found if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as err:
        problems.append(unreadable(shown, err, folder=True))
        return []


def list_files(root: Path, show: Callable[[Path], str], problems: list[Problem]) -> dict[str, list[Path]]:
    """Entity files per kind (regular ``<id>.yml`` files only); everything else becomes a problem."""
    files: dict[str, list[Path]] = {k: [] for k in KINDS}
    for entry in _entries(root, show(root), problems):
        if entry.name == HUB_FILE:
            continue
        path = Path(entry.path)
        kind = KIND_BY_FOLDER.get(entry.name)
        if kind is None or not entry.is_dir(follow_symlinks=False):
            problems.append(_folder_problem(entry, path, show(path)))
            continue
        seen: dict[str, Path] = {}
        for file in _entries(path, show(path), problems):
            if acceptable(file, kind.name, seen, show(Path(file.path)), problems):
                files[kind.name].append(Path(file.path))
                seen[Path(file.name).stem] = Path(file.path)
    return files


def _folder_problem(entry: os.DirEntry, path: Path, shown: str) -> Problem:
    if entry.name in KIND_BY_FOLDER:
        what = what_is(path) if entry.is_symlink() else "a file"
        return _problem(shown, f"not a hub folder: {entry.name} must be a folder, and this is {what}",
                        f"commit a real folder {entry.name}/ holding one <id>.yml file per entity")

    hint = suggest(entry.name, KIND_BY_FOLDER) or f"hub folders are {', '.join(KIND_BY_FOLDER)}"
    return _problem(shown, "not a hub folder", hint)


def acceptable(entry: os.DirEntry, kind: str, seen: dict, shown: str, problems: list[Problem]) -> bool:
    """Whether ``entry`` of a kind's folder is an entity file; if not, why into ``problems``."""
    path = Path(entry.path)
    try:
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError as err:
        problems.append(unreadable(shown, err))
        return False
    yml = path.suffix in (".yml", ".yaml")
    if stat.S_ISDIR(mode):
        problems.append(_problem(shown, f"{'a folder named like a data file' if yml else 'a folder'} is not read here",
                                 f"each {kind} is one <id>.yml file directly in {KINDS[kind].folder}/"))
        return False
    if not stat.S_ISREG(mode):
        problems.append(not_regular(path, shown, mode))
        return False
    if not yml:
        problems.append(_problem(shown, "not a .yml file", f"each {kind} is one <id>.yml file"))
        return False
    problem = id_problem(path.stem, kind)
    if problem:
        problems.append(_problem(shown, *problem))
        return False
    if path.stem in seen:
        problems.append(_problem(shown, f"duplicate id '{path.stem}': {seen[path.stem].name} has the same id",
                                 "keep one of the two files"))
        return False
    return True


def id_problem(id_: str, kind: str) -> tuple[str, str] | None:
    """(message, hint) if ``id_`` cannot name a file of ``kind``, else None."""
    if not _ID.match(id_) or len(id_) > ID_MAX:
        fixed = re.sub("[^a-z0-9]+", "-", id_.lower()).strip("-")[:ID_MAX].strip("-") or "my-id"
        return (f"the file name '{id_}' is not a valid id",
                f"use lowercase letters, digits and hyphens (at most {ID_MAX}), e.g. '{fixed}.yml'")
    if id_ in RESERVED_IDS:
        folder = KINDS[kind].folder
        return (f"the id '{id_}' is reserved: the portal uses {folder}/{id_} for {RESERVED_IDS[id_]}",
                f"choose a more specific id, e.g. '{id_}-{kind}' or a name like 'huadong-retail'")
    return None
