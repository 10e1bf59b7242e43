"""Work the preview does after a build, in a child process, so the page shows without waiting.

Under ``mkdocs serve`` the channel files and the hub's search index of every build are
written by a forked child (``Background.start``); the next build stops a child still running
(``stop``) before it starts its own. Where ``fork`` does not exist the work runs in place.
"""
from __future__ import annotations

import os
import signal
import sys
import traceback
from typing import Callable


class Background:
    """At most one piece of work at a time, in a forked child process."""

    def __init__(self):
        self.child: int | None = None

    def start(self, work: Callable[[], None]) -> None:
        self.stop()
        if not hasattr(os, "fork"):
            work()
            return
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: do the work, never return into the server
            code = 0
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops this
                os.nice(10)  # the server and the next build come first
                work()
            except BaseException as error:  # noqa: BLE001 - a child must not unwind into the server
                print(f"the preview could not write its channel files: {error}", file=sys.stderr)
                if not isinstance(error, Exception):
                    traceback.print_exc()
                code = 1
            finally:
                sys.stderr.flush()
                os._exit(code)
        self.child = pid

    def wait(self) -> int | None:
        """Wait for the running work to end; its exit code (None if there was none)."""
        if self.child is None:
            return None
        _, status = os.waitpid(self.child, 0)
        self.child = None
        return os.waitstatus_to_exitcode(status)

    def stop(self) -> None:
        """End the running work, if any (it is superseded)."""
        if self.child is None:
            return
        try:
            done, _ = os.waitpid(self.child, os.WNOHANG)
            if not done:
                os.kill(self.child, signal.SIGTERM)
                os.waitpid(self.child, 0)
        except ChildProcessError:
            pass
        self.child = None
