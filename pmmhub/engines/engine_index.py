"""Material's search plugin stays for its header button; its index is not made.

The portal searches with the hub's own index (``pmmhub.search``): the theme's search button opens
the hub's dialog (``overrides/partials/search.html``), and the theme's index was never loaded. Making
it cost every build about a second at 1,000 entities (the Chinese segmenter's start-up and a pass
over every page's HTML), so its two indexing handlers are taken off MkDocs' event lists.
"""
from __future__ import annotations

SEARCH_PLUGIN = "material/search"
INDEXING_EVENTS = ("page_context", "post_build")


def without_engine_index(plugins) -> None:
    """Take the theme's search plugin's indexing handlers off ``plugins`` (MkDocs' ``PluginCollection``)."""
    search = plugins.get(SEARCH_PLUGIN)
    if search is None:
        return
    for event in INDEXING_EVENTS:
        plugins.events[event] = [handler for handler in plugins.events[event]
                                 if getattr(handler, "__self__", None) is not search]
