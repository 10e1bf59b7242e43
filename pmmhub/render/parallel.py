"""Render many pages on two cores: a forked child renders every other page while this process
renders the rest.

Rendering is a pure function of the loaded site, so a child forked after the load sees the
same site and makes the same text. It sends its pages back through a temporary file (pickled
strings); if it fails in any way, this process renders its share itself, so an error in a
template is raised here, as without the child (the first broken page of this process's share,
then of the child's). If this process's own share fails, the child is stopped and reaped first.
Below ``AT_LEAST`` pages to render (the preview's few re-rendered pages, small hubs), on one
core, without ``fork``, or while other threads run (the preview's server, after its first
build: a forked child would inherit their locks), nothing is forked.
"""
from __future__ import annotations

import os
import pickle
import signal
import tempfile
import threading

from pmmhub.processes import fork

AT_LEAST = 300  # pages to render before a second process pays for itself


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _threads() -> int:
    return threading.active_count()


def render(pages: list) -> None:
    """Make sure every page of ``pages`` (``generated.Page``) has its content rendered."""
    todo = [page for page in pages if not page.rendered]
    if len(todo) < AT_LEAST or cores() < 2 or not hasattr(os, "fork") or _threads() > 1:
        for page in todo:
            page.content  # noqa: B018 - renders it
        return
    theirs, mine = todo[1::2], todo[0::2]
    with tempfile.TemporaryFile() as out:
        pid = _fork(theirs, out)
        try:
            for page in mine:
                page.content  # noqa: B018
        except BaseException:
            os.kill(pid, signal.SIGTERM)  # its work is moot: the render fails here
            os.waitpid(pid, 0)
            raise
        _, status = os.waitpid(pid, 0)
        texts = _read(out) if os.waitstatus_to_exitcode(status) == 0 else None
    if texts is not None and len(texts) == len(theirs):
        for page, text in zip(theirs, texts):
            page.set_content(text)
    for page in theirs:  # what the child did not make (it failed): made here, errors and all
        page.content  # noqa: B018


def _fork(pages: list, out) -> int:
    def work():
        pickle.dump([page.content for page in pages], out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    return fork(work)  # if it fails, the parent renders these pages itself and reports


def _read(out) -> list[str] | None:
    out.seek(0)
    try:
        texts = pickle.load(out)
    except Exception:  # noqa: BLE001 - a truncated file: the parent renders the pages
        return None
    return texts if isinstance(texts, list) and all(isinstance(t, str) for t in texts) else None
