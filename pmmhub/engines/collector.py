"""The preview's garbage collection: paused while a build runs, done once its pages are served.

The preview holds a large object graph for its whole life (the parsed and validated hub, the
rendered pages); a full collection walks all of it (about 0.7 s at 1,000 entities), and the
collector starts one whenever enough new objects have piled up: in every other rebuild. Under
``mkdocs serve`` the hub plugin pauses it for each build (``pause``, at ``on_config``) and
collects a moment after the build (``resume``), when the page has been served. Under
``mkdocs build`` it is paused from ``on_config`` to the end of the build and then switched back on
with everything the build made frozen (``delay=None``, ``gc.freeze``): the build's garbage goes
with its process, and neither a later collection nor the interpreter's exit walks it (the exit's
collection alone took 1.8 s at 1,000 entities). A program that runs such builds one after
another in one process keeps what each made unless it calls ``gc.unfreeze()`` after each. At
10,000 entities collecting during the build cost about a sixth of it; the price is memory (see
the README's benchmark).
"""
from __future__ import annotations

import gc
import threading

DELAY = 1.0  # seconds after a build: the reloaded page has been served by then


class Collector:
    """Automatic collection off during builds; one full collection after each (if ``delay`` is None:
    none, and what the build made is frozen, left to the process's exit)."""

    def __init__(self, delay: float | None = DELAY):
        self.delay = delay
        self.timer: threading.Timer | None = None
        self.enabled: bool | None = None  # the collector's state when the build started; None: not paused

    def pause(self) -> None:
        if self.timer is not None:
            self.timer.cancel()  # a build started first: collect after it instead
            self.timer = None
        if self.enabled is None:
            self.enabled = gc.isenabled()
            gc.disable()

    def resume(self) -> None:
        if self.enabled is None:
            return
        if self.delay is None:
            gc.freeze()
        if self.enabled:
            gc.enable()
        self.enabled = None
        if self.delay is None:
            return
        self.timer = threading.Timer(self.delay, gc.collect)
        self.timer.daemon = True
        self.timer.start()

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
