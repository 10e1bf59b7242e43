"""One build per site folder at a time: an exclusive ``flock`` on a lock file next to it.

A second build of the same folder waits (saying so) up to a timeout, then fails with a
clear message. The holder removes the lock file when it is done; a waiter that locked a
file meanwhile removed opens the new one instead, so two builds never both hold it. A build
killed with ``kill -9`` leaves the file, unlocked: the kernel drops a dead process's locks.
"""
from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

POLL = 0.2  # seconds between attempts while waiting


class Busy(Exception):
    """Another build held the site folder for longer than the build would wait."""


def lock_file(site_dir: Path) -> Path:
    """The lock file of the site folder ``site_dir`` (``.<name>.build-lock`` next to it)."""
    return site_dir.parent / f".{site_dir.name}.build-lock"


@contextmanager
def held(site_dir: Path, wait: float, say: Callable[[str], None], what: str | None = None) -> Iterator[None]:
    """Hold the lock of ``site_dir``, waiting up to ``wait`` seconds for another build to finish."""
    what = what or f"another build of {site_dir}"
    path = lock_file(site_dir)
    deadline = time.monotonic() + wait
    told = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        if _locked(fd, path):
            break
        os.close(fd)
        if time.monotonic() >= deadline:
            raise Busy(f"{site_dir}: {what} was still running after {wait:g} s "
                       f"(it holds {path.name})\n    hint: let it finish or stop it, or wait longer "
                       f"with --wait SECONDS")
        if not told:
            say(f"waiting for {what}… (up to {wait:g} s)")
            told = True
        time.sleep(POLL)
    try:
        yield
    finally:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        os.close(fd)


def _locked(fd: int, path: Path) -> bool:
    """Whether ``fd`` now holds the lock of the file still at ``path``."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    try:
        current = os.stat(path)
    except FileNotFoundError:
        current = None
    if current is not None and (current.st_ino, current.st_dev) == (os.fstat(fd).st_ino, os.fstat(fd).st_dev):
        return True
    fcntl.flock(fd, fcntl.LOCK_UN)  # the holder removed this file while we waited: try the new one
    return False
