"""Child processes that never outlive the build that started them."""
from __future__ import annotations

import ctypes
import signal
import sys


def die_with_parent() -> None:
    """In a child: on Linux it gets SIGTERM when its parent dies, even of ``kill -9``
    (``PR_SET_PDEATHSIG``); elsewhere nothing."""
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)
