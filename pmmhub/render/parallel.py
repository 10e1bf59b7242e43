"""Render many pages on two cores: a forked child renders every other page while this process
renders the rest.

Rendering is a pure function of the loaded site, so a child forked after the load sees the
same site and makes the same text. It sends its pages back through a temporary file (pickled
strings); if it fails in any way, this process renders its share itself, so an error in a
template surfaces here exactly as without the child. Below ``AT_LEAST`` pages (the preview's
few re-rendered pages, small hubs), or on one core, or without ``fork``, nothing is forked.
"""
from __future__ import annotations

import ctypes
import gc
import os
import pickle
import signal
import sys
import tempfile

AT_LEAST = 300  # pages to render before a second process pays for itself


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def render(pages: list) -> None:
    """Make sure every page of ``pages`` (``generated.Page``) has its content rendered."""
    todo = [page for page in pages if not page.rendered]
    if len(todo) < AT_LEAST or cores() < 2 or not hasattr(os, "fork"):
        for page in todo:
            page.content  # noqa: B018 - renders it
        return
    theirs, mine = todo[1::2], todo[0::2]
    with tempfile.TemporaryFile() as out:
        pid = _fork(theirs, out)
        for page in mine:
            page.content  # noqa: B018
        _, status = os.waitpid(pid, 0)
        texts = _read(out) if os.waitstatus_to_exitcode(status) == 0 else None
    if texts is not None and len(texts) == len(theirs):
        for page, text in zip(theirs, texts):
            page.set_content(text)
    for page in theirs:  # what the child did not make (it failed): made here, errors and all
        page.content  # noqa: B018


def _fork(pages: list, out) -> int:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent is interrupted, and gives up on this
        if sys.platform == "linux":
            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG: dies with the parent
        gc.disable()  # short-lived: a collection would only copy the parent's memory
        pickle.dump([page.content for page in pages], out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
        code = 0
    except BaseException:  # noqa: BLE001 - the parent renders these pages itself and reports
        pass
    finally:
        os._exit(code)


def _read(out) -> list[str] | None:
    out.seek(0)
    try:
        texts = pickle.load(out)
    except Exception:  # noqa: BLE001 - a truncated file: the parent renders the pages
        return None
    return texts if isinstance(texts, list) and all(isinstance(t, str) for t in texts) else None
