"""The MkDocs plugin ``hub``: load the hub, add its generated pages. Nothing else.

    plugins:
      - hub:
          data_dir: data    # the hub directory, relative to mkdocs.yml

on_config  loads and validates the hub (all problems, as file:line:col messages, stop
           the build) in the edition named by HUB_AUDIENCE (internal, the default, or
           public), and sets the theme language from ``hub.yml``;
on_files   adds every page of ``macros.portal.pages.generate`` as an in-memory file
           (and, in the public edition, leaves out pages marked ``audience: internal``);
           an entity page's edit button opens its YAML file;
on_serve   makes ``mkdocs serve`` rebuild when the hub data changes.
"""
from __future__ import annotations

import os

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils.meta import get_data

from .portal.macros_glue import load_site
from .portal.pages import PageConflict, conflict


def internal_page(file) -> bool:
    """A hand-written page whose front matter says ``audience: internal``: left out of other editions."""
    _, meta = get_data(file.content_string)
    return meta.get("audience") == "internal"


class HubPluginConfig(Config):
    data_dir = config_options.Type(str, default="data")


class HubPlugin(BasePlugin[HubPluginConfig]):
    @event_priority(100)  # before search (its defaults follow the language) and macros
    def on_config(self, config):
        self.site = load_site(config)
        config.theme["language"] = self.site.language
        hub, labels = self.site.catalog.hub, self.site.ctx.labels
        banner = hub.internal_banner if self.site.audience == "internal" else None
        if self.site.audience != "internal":  # no links into the internal repository for customers
            config.repo_url = config.edit_uri = config.edit_uri_template = None
        config.extra["hub"] = {"company": hub.company, "banner": banner or "", "audience": self.site.audience,
                               "labels": {k[len("js."):]: v for k, v in labels.table.items() if k.startswith("js.")}}
        return config

    def on_files(self, files, config):
        if self.site.audience != "internal":
            for file in files.documentation_pages():
                if internal_page(file):
                    file.inclusion = InclusionLevel.EXCLUDED
        try:
            pages = self.site.pages
        except PageConflict as error:
            raise PluginError(str(error)) from None
        for page in pages:
            existing = files.get_file_from_path(page.src)
            if existing is not None:
                raise PluginError(conflict(page.src, page.origin, os.path.relpath(existing.abs_src_path)))
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.src, content=page.content, inclusion=inclusion)
            if page.source is not None:
                file.edit_uri = os.path.relpath(page.source, config.docs_dir).replace(os.sep, "/")
            files.append(file)
        return files

    def on_serve(self, server, config, builder):
        server.watch(str(self.site.data_dir))
        return server
