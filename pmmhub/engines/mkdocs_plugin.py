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
(docs, data) instead of the rendered tree; ``on_post_build`` writes the edition's channel
files (``pmmhub.channels``) into the built site. ``hub build`` does not use this plugin: it hands
any engine the same tree and settings in a config of its own.
"""
from __future__ import annotations

import contextlib
import fcntl
import logging
import sys
from pathlib import Path

import pathspec
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from pmmhub.relate.catalog import read_hub
from pmmhub.render.edition import Prepared, prepare
from pmmhub.render.error_tree import error_tree
from pmmhub.render.settings import published_nav
from pmmhub.render.write import NotARenderedTree, existing, sync
from pmmhub.problems import HubDataError
from pmmhub.relate.catalog import DATA_DIR
from pmmhub.relate.editions import AUDIENCES

RENDERED = Path("build") / "serve"  # under the project: /build/ is git-ignored


@contextlib.contextmanager
def _rendering(out: Path):
    """One render of ``out`` at a time: two previews or builds of a project share the rendered tree."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.parent / f".{out.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        yield


class HubPluginConfig(Config):
    data_dir = config_options.Type(str, default=DATA_DIR)
    audience = config_options.Choice(AUDIENCES, default="internal")
    internal_files = config_options.ListOfItems(config_options.Type(str), default=[])


class HubPlugin(BasePlugin[HubPluginConfig]):
    prepared: Prepared | None = None
    serving = False  # under `mkdocs serve`: data errors become pages, not a failed build

    def on_startup(self, command, dirty):  # defined, so MkDocs keeps this plugin across rebuilds
        self.serving = command == "serve"

    @event_priority(100)  # before search (its defaults follow the language) and macros
    def on_config(self, config):
        project = Path(config.config_file_path or ".").resolve().parent
        self.sources = {"docs": Path(config.docs_dir), "data": project / self.config.data_dir}
        out = project / RENDERED / self.config.audience / "docs"
        try:
            with _rendering(out):
                self.prepared = prepare(project, dict(config), plugin_options=dict(self.config), out=out)
        except HubDataError as error:
            self.prepared = None
            if not self.serving:
                raise PluginError(f"the hub has errors:\n{error}") from None
            return self._show_errors(config, error, out)
        except NotARenderedTree as error:
            raise PluginError(str(error)) from None
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

    def _show_errors(self, config, error: HubDataError, out: Path):
        """The preview's error pages (``render.error_tree``): every page says what is wrong."""
        # not a log warning: under `strict` it would fail the build, and the preview would hang again
        print(f"the hub has errors; the preview shows them on every page:\n{error}", file=sys.stderr, flush=True)
        previous = {rel: (out / rel).read_bytes() for rel in existing(out)} if out.is_dir() else {}
        hub = read_hub(self.sources["data"])
        tree = error_tree(previous, error.problems, hub.language if hub else "zh")
        sync(out, tree)
        config.extra["hub"] = {"banner": "", "audience": self.config.audience, "labels": {}}
        config.docs_dir = str(out.resolve())
        config.nav = published_nav(config.nav, {rel for rel in tree if rel.endswith(".md")})
        return config

    def on_post_build(self, config):
        """The edition's channel files (JSON API, llms.txt, Markdown mirrors, CSV) into the built site."""
        from pmmhub.channels import ChannelConflict, channel_files, write
        from pmmhub.search import write_index

        if self.prepared is None:  # the preview shows the data's errors: no channel has anything to say
            return
        try:
            write(Path(config.site_dir), channel_files(self.prepared.site, config.site_url), self.prepared.tree)
            write_index(Path(config.site_dir), self.prepared)  # the hub's search index
        except ChannelConflict as error:
            raise PluginError(str(error)) from None

    def on_serve(self, server, config, builder):
        server.unwatch(config.docs_dir)  # the rendered tree: rewritten by every build
        for path in self.sources.values():
            if path.exists():
                server.watch(str(path))
        return server
