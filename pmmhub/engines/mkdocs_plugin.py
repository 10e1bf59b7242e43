"""The MkDocs plugin ``hub``: render the edition's docs tree to disk, then let MkDocs build it.

    plugins:
      - hub:
          data_dir: data          # the hub folder, relative to mkdocs.yml
          audience: internal      # the edition: internal or public
          internal_files: []      # files of docs/ that never ship outside the internal edition

It is what makes plain ``mkdocs serve`` and ``mkdocs build`` work on the repository's
config. ``on_config`` loads the hub, writes the edition's docs tree (``pmmhub.render.tree``)
incrementally into ``build/serve/<audience>/`` and points ``docs_dir`` at it, with the
edition's settings (``pmmhub.render.settings``); ``on_serve`` watches the real sources
(docs, data) instead of the rendered tree. ``hub build`` does not use this plugin: it hands
any engine the same tree and settings in a config of its own.
"""
from __future__ import annotations

import logging
from pathlib import Path

import pathspec
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from pmmhub.render.edition import Prepared, prepare
from pmmhub.problems import HubDataError
from pmmhub.relate.catalog import DATA_DIR
from pmmhub.relate.editions import AUDIENCES

RENDERED = Path("build") / "serve"  # under the project: /build/ is git-ignored


class HubPluginConfig(Config):
    data_dir = config_options.Type(str, default=DATA_DIR)
    audience = config_options.Choice(AUDIENCES, default="internal")
    internal_files = config_options.ListOfItems(config_options.Type(str), default=[])


class HubPlugin(BasePlugin[HubPluginConfig]):
    prepared: Prepared | None = None

    @event_priority(100)  # before search (its defaults follow the language) and macros
    def on_config(self, config):
        project = Path(config.config_file_path or ".").resolve().parent
        self.sources = {"docs": Path(config.docs_dir), "data": project / self.config.data_dir}
        try:
            self.prepared = prepare(project, dict(config), plugin_options=dict(self.config),
                                    out=project / RENDERED / self.config.audience / "docs")
        except HubDataError as error:
            raise PluginError(f"the hub has errors:\n{error}") from None
        for key, value in self.prepared.overrides.items():
            if key == "not_in_nav":
                config.not_in_nav = pathspec.gitignore.GitIgnoreSpec.from_lines(value.splitlines())
            elif "." in key:
                section, name = key.split(".", 1)
                config[section][name] = value
            else:
                config[key] = value
        config.docs_dir = str(self.prepared.docs_dir)
        logging.getLogger("jieba").setLevel(logging.WARNING)  # its "Building prefix dict" lines are noise
        return config

    def on_serve(self, server, config, builder):
        server.unwatch(config.docs_dir)  # the rendered tree: rewritten by every build
        for path in self.sources.values():
            if path.exists():
                server.watch(str(path))
        return server
