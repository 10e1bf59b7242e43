"""Render an edition again after an edit, reusing what the edit cannot have changed.

The preview keeps one ``Incremental`` for its whole life (the hub plugin under
``mkdocs serve``) and hands it to every ``edition.prepare``. Each render then:

- loads the hub through a ``FileCache``: only the saved files are parsed and validated again;
- compares the edition with the last one rendered (``changed_keys``): the entities added,
  removed or edited; a change to ``hub.yml``, to the day, to the render's options or, outside
  the internal edition, to which entities the edition holds, counts as a change to everything;
- generates every page again but reuses the content of each page that declares what it shows
  (``Page.depends``) when none of that changed, before or after the edit (``generated.Reuse``);
  a page that declares nothing is always rendered again;
- writes only the files whose bytes differ, without rereading the ones it wrote itself.

After any sequence of edits the tree is byte-identical to a fresh render
(``tests/test_incremental.py``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pmmhub.relate.catalog import Catalog, FileCache
from pmmhub.render.generated import Reuse
from pmmhub.render.site import Site, load


@dataclass
class Incremental:
    files: FileCache = field(default_factory=FileCache)
    last: Site | None = None  # the last edition rendered without errors
    settings: tuple | None = None  # what that render depended on besides the entities
    pages: dict = field(default_factory=dict)  # its reusable pages (``Reuse.of``)
    written: dict[str, bytes] | None = None  # the tree last written to the output folder, as written

    def load(self, data_dir, *, day, audience: str, directory_urls: bool, links_from_source: bool) -> tuple[Site, tuple]:
        """The edition, as ``site.load`` makes it, carrying what it may reuse of the last render;
        and the render's settings, for ``rendered``."""
        site = load(data_dir, day=day, audience=audience, directory_urls=directory_urls,
                    links_from_source=links_from_source, files=self.files)
        settings = (str(site.data_dir), day, audience, directory_urls, links_from_source, site.catalog.hub)
        if self.last is not None and settings == self.settings:
            changed = changed_keys(self.last, site)
            if changed is not None:
                site.reuse = Reuse(self.pages, changed)
        return site, settings

    def rendered(self, site: Site, settings: tuple, written: dict[str, bytes]) -> None:
        """Remember a render that succeeded: its edition, reusable pages and written tree."""
        self.last, self.settings, self.written = site, settings, written
        self.pages = Reuse.of(site.pages)
        site.reuse = None  # the earlier pages are not needed any more

    def forget_written(self) -> None:
        """The output folder was written by something else (the preview's error pages)."""
        self.written = None


def changed_keys(before: Site, after: Site) -> frozenset | None:
    """Keys of the entities added, removed or edited between two loads of an edition; None if
    anything may have changed (outside the internal edition, which entities it holds changed:
    the public projection of one entity depends on what else is public)."""
    old, new = before.full, after.full
    if old is None or new is None:
        return None
    if before.audience != "internal" and (before.hidden != after.hidden or _keys(before.catalog) != _keys(after.catalog)):
        return None
    changed = set()
    for kind in set(old.records) | set(new.records):
        a, b = old.records.get(kind, {}), new.records.get(kind, {})
        for id_ in set(a) | set(b):
            x, y = a.get(id_), b.get(id_)
            if x is not y and (x is None or y is None or x.path != y.path or x.entity != y.entity):
                changed.add((kind, id_))
    return frozenset(changed)


def _keys(catalog: Catalog) -> set:
    return {r.key for r in catalog}
