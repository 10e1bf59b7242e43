"""The MkDocs plugin ``hub``: load the hub, add its generated pages. Nothing else.

    plugins:
      - hub:
          data_dir: data    # the hub directory, relative to mkdocs.yml

on_config  loads and validates the hub (all problems, as file:line:col messages, stop
           the build) in the edition named by HUB_AUDIENCE (internal, the default, or
           public), and sets the theme language from ``hub.yml``;
on_files   adds every page of ``macros.portal.pages.generate`` as an in-memory file
           (an entity page's edit button opens its YAML file); outside the internal edition
           it leaves out hand-written pages marked ``audience: internal`` and everything
           under the folder of a kind the edition has nothing of (listing, finder index);
           the internal edition gets a ``robots.txt`` that disallows everything;
on_nav     drops the navigation entries of pages left out, so no link leads to them;
on_serve   makes ``mkdocs serve`` rebuild when the hub data changes.
"""
from __future__ import annotations

import logging
import os

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from .catalog import DATA_DIR
from .portal.macros_glue import load_site
from .portal.pages import PageConflict, conflict
from .render.environment import md_inline


def internal_page(file) -> bool:
    """A hand-written page whose front matter says ``audience: internal``: left out of other editions."""
    _, meta = get_data(file.content_string)
    return meta.get("audience") == "internal"


ROBOTS = "robots.txt"
DISALLOW_ALL = "# The internal edition: not for search engines (docs/deploy.md).\nUser-agent: *\nDisallow: /\n"


class HubPluginConfig(Config):
    data_dir = config_options.Type(str, default=DATA_DIR)


class HubPlugin(BasePlugin[HubPluginConfig]):
    @event_priority(100)  # before search (its defaults follow the language) and macros
    def on_config(self, config):
        self.site = load_site(config)
        config.theme["language"] = self.site.language
        hub, labels = self.site.catalog.hub, self.site.ctx.labels
        banner = hub.internal_banner if self.site.audience == "internal" else None
        if self.site.audience != "internal":  # no links into the internal repository for customers
            config.repo_url = config.edit_uri = config.edit_uri_template = None
        # pages print {{ hub.company }} into Markdown (mkdocs-macros does not escape): make it inert text
        config.extra["hub"] = {"company": md_inline(hub.company), "banner": banner or "", "audience": self.site.audience,
                               "labels": {k[len("js."):]: v for k, v in labels.table.items() if k.startswith("js.")}}
        logging.getLogger("jieba").setLevel(logging.WARNING)  # its "Building prefix dict" lines are noise
        return config

    def on_files(self, files, config):
        if self.site.audience != "internal":
            for file in files.documentation_pages():
                if internal_page(file):
                    file.inclusion = InclusionLevel.EXCLUDED
        else:
            self._disallow_robots(files, config)
        try:
            pages = self.site.pages
        except PageConflict as error:
            raise PluginError(str(error)) from None
        for page in pages:
            existing = files.get_file_from_path(page.src)
            if existing is not None:
                raise PluginError(conflict(page.src, page.origin, os.path.relpath(existing.abs_src_path)))
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            if self.site.withheld(page.src):
                inclusion = InclusionLevel.EXCLUDED
            file = File.generated(config, page.src, content=page.content, inclusion=inclusion)
            if page.source is not None:
                file.edit_uri = os.path.relpath(page.source, config.docs_dir).replace(os.sep, "/")
            files.append(file)
        return files

    def on_nav(self, nav, config, files):
        items = _published(nav.items)
        pages = _pages(items)
        for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None]):
            page.previous_page, page.next_page = before, after
        return Navigation(items, pages)

    @staticmethod
    def _disallow_robots(files, config) -> None:
        existing = files.get_file_from_path(ROBOTS)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, ROBOTS, content=DISALLOW_ALL))

    def on_serve(self, server, config, builder):
        server.watch(str(self.site.data_dir))
        return server


def _published(items: list) -> list:
    """Navigation ``items`` without pages left out of the edition, and without sections left empty."""
    kept = []
    for item in items:
        if isinstance(item, Page) and item.file.inclusion.is_excluded():
            continue
        if item.is_section:
            item.children = _published(item.children)
            if not item.children:
                continue
        kept.append(item)
    return kept


def _pages(items: list) -> list:
    out = []
    for item in items:
        if isinstance(item, Page):
            out.append(item)
        elif item.is_section:
            out.extend(_pages(item.children))
    return out
