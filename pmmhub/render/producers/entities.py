"""A page per entity: <folder>/<id>.md, edited through its YAML file.

It shows the entity and what it names or is named by (``Catalog.neighbours``) — a solution
also the products of the case studies it lists (``shown``) — so the preview renders it again
only after an edit to one of those (``Page.depends``).
"""
import functools
from pathlib import Path

from pmmhub.render.pages import render_entity
from pmmhub.render.urls import entity_src
from pmmhub.render.generated import Page


def shown(catalog, record) -> frozenset:
    """The keys of every entity the page of ``record`` shows (``tests/test_incremental.py`` checks
    this against what the templates read)."""
    near = catalog.neighbours(record)
    if record.kind != "solution":
        return near
    cases = (catalog.get(*key) for key in near if key[0] == "case-study")  # listed with their products
    return near.union(r.key for case in cases if case is not None for r in catalog.targets(case, "product"))


def pages(site):
    catalog = site.catalog
    for record in catalog:
        yield Page(entity_src(record.kind, record.id), functools.partial(render_entity, catalog, record, site.ctx),
                   source=Path(record.path).resolve(), origin=record.path, depends=shown(catalog, record))
