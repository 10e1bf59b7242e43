"""The preview's server: MkDocs' live-reload server, told of a save by the system at once.

MkDocs' server looks for changes by listing the watched folders every half second, then waits
0.1 s for the writes to settle. ``LiveServer`` is the same server (``mkdocs.livereload``) with
watchdog's native observer (inotify, FSEvents, ReadDirectoryChangesW; polling where the system
has none) and a shorter settling wait, so a rebuild starts a few milliseconds after a save.
Only changes count (``CHANGES``): a file opened or read, as every build reads the sources, is
no reason to build again. The hub plugin swaps it in from ``on_serve``, which may return the
server to use (``swap``).
"""
from __future__ import annotations

from watchdog import events
from watchdog.observers import Observer
from mkdocs.livereload import LiveReloadServer

SETTLE = 0.05  # seconds without another event before the rebuild starts (MkDocs: 0.1)
CHANGES = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
           events.FileClosedEvent, events.FileAttribEvent,
           events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]


class ChangesObserver(Observer):
    """The platform's observer, reporting changes only (not opens and reads)."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, **options):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES,
                                **options)


class LiveServer(LiveReloadServer):
    """``LiveReloadServer`` with the system's file events instead of polling."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.observer = ChangesObserver()  # no path is scheduled yet: nothing to move
        self.build_delay = SETTLE


def swap(server: LiveReloadServer, watched: list[str]) -> LiveServer:
    """A ``LiveServer`` in place of MkDocs' ``server`` (not serving yet): the same builder, address,
    folder and error pages, watching ``watched``. MkDocs then serves the one it is given."""
    host, port = server.server_address[:2]
    live = LiveServer(builder=server.builder, host=host, port=port, root=server.root,
                      mount_path=server.mount_path, shutdown_delay=server.shutdown_delay)
    live.error_handler = server.error_handler
    server.server_close()  # never bound: its socket only
    for path in watched:
        live.watch(path)
    return live
