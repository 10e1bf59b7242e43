"""The MkDocs plugin ``hub-pages`` (its name: ``engines.run.PAGES_PLUGIN`` and pyproject.toml), in
the config ``hub build`` writes for MkDocs (never in mkdocs.yml).

The tree is rendered already, so the ``hub`` plugin is left out; this one does for that build
what the ``hub`` plugin does for its own: pages skip Python-Markdown (``finished_page``), the
navigation sidebar is rendered once per folder (``nav_once``), the theme's unused search index is
not made (``engine_index``), and no garbage is collected until the build is done (``collector``).
"""
from __future__ import annotations

from mkdocs.plugins import BasePlugin

from pmmhub.engines import finished_page, nav_once
from pmmhub.engines.collector import Collector
from pmmhub.engines.engine_index import without_engine_index


class HubPagesPlugin(BasePlugin):
    collector: Collector | None = None

    def on_startup(self, command, dirty):
        self.collector = Collector(delay=None) if command == "build" else None

    def on_config(self, config):
        if self.collector is not None:
            self.collector.pause()
        without_engine_index(config.plugins)
        return config

    def on_nav(self, nav, config, files):
        if finished_page.converts_like_fast_path(config):
            finished_page.convert(file.page for file in files.documentation_pages())
        return nav

    def on_env(self, env, config, files):
        env.auto_reload = False  # a build uses each template as it found it: no file check per include of each page
        nav_once.render_once(env, config)
        return env

    def on_post_build(self, config):
        if self.collector is not None:
            self.collector.resume()

    def on_build_error(self, error):
        self.on_post_build(None)
