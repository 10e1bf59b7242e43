"""A page per entity: <folder>/<id>.md, edited through its YAML file.

It shows the entity and what it names or is named by (``Catalog.neighbours``), so the
preview renders it again only after an edit to one of those (``Page.depends``).
"""
import functools
from pathlib import Path

from pmmhub.render.pages import render_entity
from pmmhub.render.urls import entity_src
from pmmhub.render.generated import Page


def pages(site):
    catalog = site.catalog
    for record in catalog:
        yield Page(entity_src(record.kind, record.id), functools.partial(render_entity, catalog, record, site.ctx),
                   source=Path(record.path).resolve(), origin=record.path, depends=catalog.neighbours(record))
