"""Work a build does beside the engine, in a forked child process.

Under ``mkdocs serve`` the channel files and the hub's search index of every build are
written by a child after the build, so the page shows without waiting (``start``, niced); the
next build stops a child still running (``stop``) before it starts its own. ``mkdocs build``
has a child compute them as soon as the edition is rendered and write them once MkDocs has
emptied the site (``start(..., waited=True, then=...)``, ``release``), on the other core while
MkDocs builds the pages, and waits for it at the end (``wait``). Where ``fork`` does not exist
the work runs in place.
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
        self.gate: int | None = None  # the write end of the pipe a child with ``then`` waits on
        self.pending: Callable[[], None] | None = None  # without fork: ``then``, done at ``release``

    def start(self, work: Callable[[], object], waited: bool = False,
              expected: tuple[type[Exception], ...] = (), then: Callable[[object], None] | None = None) -> None:
        """Run ``work`` in a child. ``waited``: the parent waits for it (``wait``) and reports what
        went wrong (an ``expected`` error by its message, anything else with its traceback); else
        the child is niced below the parent and reports itself. ``then``: a second step, given what
        ``work`` returned, that the child takes only once the parent calls ``release``."""
        self.stop()
        if not hasattr(os, "fork"):
            done = work()
            if then is not None:
                self.pending = lambda: then(done)
            return
        read, write = os.pipe()
        gate_read, self.gate = os.pipe() if then is not None else (None, None)

        def child():
            os.close(read)
            if self.gate is not None:
                os.close(self.gate)
            try:
                done = work()
                if then is not None:
                    if os.read(gate_read, 1) != b"1":
                        return  # the parent went away without releasing it: nothing to write
                    then(done)
            except BaseException as error:
                message = f"the hub could not write its channel files: {error}"
                if not isinstance(error, expected):
                    message += "\n" + traceback.format_exc()  # a bug: where it happened
                if not waited:
                    print(message, file=sys.stderr)
                os.write(write, message.encode("utf-8", "replace")[:60_000])  # within a pipe's buffer (cut: decoded with care)
                raise

        try:
            pid = fork(child, nice=0 if waited else 10)  # niced: the server and the next build come first
        except OSError:  # no process to be had: none of the pipes is needed
            for fd in (read, self.gate):
                if fd is not None:
                    os.close(fd)
            self.gate = None
            raise
        finally:
            os.close(write)
            if gate_read is not None:
                os.close(gate_read)
        self.child, self.messages = pid, read

    def release(self) -> None:
        """Let the child take its second step (``then``)."""
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending()
        if self.gate is not None:
            gate, self.gate = self.gate, None
            try:
                os.write(gate, b"1")
            except BrokenPipeError:  # the child is gone already: ``wait`` says why
                pass
            finally:
                os.close(gate)

    def wait(self) -> str | None:
        """Wait for the running work to end; what went wrong, or None (it succeeded, or there was none)."""
        self.release()  # a child still held back would never end
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
        self.pending = None
        if self.gate is not None:
            os.close(self.gate)  # a child held back reads the end and writes nothing
            self.gate = None
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
