"""Work on two cores: a forked child does every other item while this process does the rest.

``on_two_cores`` is ``[function(item) for item in items]`` made that way; ``render`` renders pages
with it, and the leak check (``publish.leakcheck``) reads the built files with it.
Rendering (or checking a built file) is a pure function of what was loaded before, so a child
forked after the load computes the same values. It sends them back through a temporary file
(pickled); if it fails in any way, this process computes its share itself, so an error is raised
here, as without the child (the first failing item of this process's share, then of the child's).
If this process's own share fails, the child is stopped and reaped first. Below ``AT_LEAST``
items (the preview's few re-rendered pages, small hubs), on one core, without ``fork``, or while
other threads run (the preview's server, after its first build: a forked child would inherit
their locks), nothing is forked.
"""
from __future__ import annotations

import functools
import os
import pickle
import signal
import tempfile
import threading
from typing import Callable, TypeVar

from pmmhub.processes import fork

AT_LEAST = 300  # items (pages to render) before a second process pays for itself
T, R = TypeVar("T"), TypeVar("R")


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _threads() -> int:
    return threading.active_count()


def render(pages: list, then: Callable[[str], R] | None = None) -> dict[str, R]:
    """Make sure every page of ``pages`` (``generated.Page``) has its content rendered; with ``then``,
    also ``then(content)`` of each page rendered now, on the same core, by the page's path."""
    todo = [page for page in pages if not page.rendered]
    made: dict[str, R] = {}
    for page, (text, extra) in zip(todo, on_two_cores(functools.partial(_content, then), todo)):
        page.set_content(text)
        if then is not None:
            made[page.src] = extra
    return made


def _content(then, page) -> tuple:
    return page.content, then(page.content) if then is not None else None


def forks(count: int, at_least: int | None = None) -> bool:
    """Whether ``on_two_cores`` forks for ``count`` items (``at_least``: ``AT_LEAST``, read now)."""
    least = AT_LEAST if at_least is None else at_least
    return count >= least and cores() >= 2 and hasattr(os, "fork") and _threads() <= 1


def on_two_cores(function: Callable[[T], R], items: list[T], at_least: int | None = None) -> list[R]:
    """``[function(item) for item in items]``, on two cores when ``forks``; what ``function`` does
    besides returning a value is lost for the child's items (``render`` sets their content)."""
    if not forks(len(items), at_least):
        return [function(item) for item in items]
    theirs, mine = items[1::2], items[0::2]
    with tempfile.TemporaryFile() as out:
        pid = _fork(function, theirs, out)
        try:
            done = [function(item) for item in mine]
            _, status = os.waitpid(pid, 0)
        except BaseException:  # this fails here (or is interrupted): the child's work is moot
            _stop(pid)
            raise
        made = _read(out, len(theirs)) if os.waitstatus_to_exitcode(status) == 0 else None
    if made is None:  # the child failed: its share is made here, errors and all
        made = [function(item) for item in theirs]
    results: list = [None] * len(items)
    results[0::2], results[1::2] = done, made
    return results


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):  # already reaped
        pass


def _fork(function, items: list, out) -> int:
    def work():
        pickle.dump([function(item) for item in items], out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    return fork(work)  # if it fails, the parent makes these itself and reports


def _read(out, count: int) -> list | None:
    out.seek(0)
    try:
        made = pickle.load(out)
    except Exception:  # noqa: BLE001 - a truncated file: the parent makes them
        return None
    return made if isinstance(made, list) and len(made) == count else None
