"""Work a build does beside the engine, in a forked child process.

Under ``mkdocs serve`` the channel files and the hub's search index of every build are
written by a child after the build, so the page shows without waiting (``start``, niced); the
next build stops a child still running (``stop``) before it starts its own. ``mkdocs build``
has a child write them while MkDocs builds the pages, on the other core, and waits for it at
the end (``start(..., waited=True)``, ``wait``). Where ``fork`` does not exist the work runs in place.
"""
from __future__ import annotations

import os
import signal
import sys
import traceback
from typing import Callable

from pmmhub.processes import fork


class Background:
    """At most one piece of work at a time, in a forked child process."""

    def __init__(self):
        self.child: int | None = None
        self.messages: int | None = None  # the read end of the child's error message

    def start(self, work: Callable[[], None], waited: bool = False,
              expected: tuple[type[Exception], ...] = ()) -> None:
        """Run ``work`` in a child. ``waited``: the parent waits for it (``wait``) and reports what
        went wrong (an ``expected`` error by its message, anything else with its traceback); else
        the child is niced below the parent and reports itself."""
        self.stop()
        if not hasattr(os, "fork"):
            work()
            return
        read, write = os.pipe()

        def child():
            os.close(read)
            try:
                work()
            except BaseException as error:
                message = f"the hub could not write its channel files: {error}"
                if not isinstance(error, expected):
                    message += "\n" + traceback.format_exc()  # a bug: where it happened
                if not waited:
                    print(message, file=sys.stderr)
                os.write(write, message.encode("utf-8", "replace")[:60_000])  # within a pipe's buffer (cut: decoded with care)
                raise

        pid = fork(child, nice=0 if waited else 10)  # niced: the server and the next build come first
        os.close(write)
        self.child, self.messages = pid, read

    def wait(self) -> str | None:
        """Wait for the running work to end; what went wrong, or None (it succeeded, or there was none)."""
        if self.child is None:
            return None
        child, fd = self.child, self.messages
        self.child = self.messages = None  # this call owns them now, whatever happens
        try:
            with os.fdopen(fd, "rb") as pipe:
                message = pipe.read().decode("utf-8", "replace")
        finally:
            _, status = os.waitpid(child, 0)
        code = os.waitstatus_to_exitcode(status)
        return None if code == 0 else message or f"the hub's channel files were not written (exit {code})"

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
        if self.messages is not None:
            os.close(self.messages)
        self.child = self.messages = None
