"""Child processes that never outlive the build that started them."""
from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
from typing import Callable


def die_with_parent() -> None:
    """In a child: on Linux it gets SIGTERM when its parent dies, even of ``kill -9``
    (``PR_SET_PDEATHSIG``); elsewhere nothing."""
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)


def fork(work: Callable[[], None], *, nice: int = 0) -> int:
    """Run ``work`` in a forked child and return its pid. The child ignores Ctrl-C (its parent
    handles it and stops the child), dies with its parent, collects no garbage (it is short-lived:
    a collection would only touch, and so copy, the parent's memory), and exits 0 if ``work``
    returned, 1 if it raised; it never returns into the parent's code."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        die_with_parent()
        gc.disable()
        if nice:
            os.nice(nice)
        work()
        code = 0
    except BaseException:  # noqa: BLE001 - a child must not unwind into the parent; work reports its own
        pass
    finally:
        sys.stderr.flush()
        os._exit(code)
