"""A page per entity: <folder>/<id>.md, edited through its YAML file."""
from pathlib import Path

from pmmhub.render.pages import render_entity
from pmmhub.render.urls import entity_src
from pmmhub.render.generated import Page


def pages(site):
    for record in site.catalog:
        yield Page(entity_src(record.kind, record.id), render_entity(site.catalog, record, site.ctx),
                   source=Path(record.path).resolve(), origin=record.path)
