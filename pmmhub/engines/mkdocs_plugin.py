"""The MkDocs plugin ``hub``: render the edition's docs tree to disk, then let MkDocs build it.

    plugins:
      - hub:
          data_dir: data          # the hub folder, relative to mkdocs.yml
          audience: internal      # the edition: internal or public
          internal_files: []      # files of docs/ that never ship outside the internal edition
          file_events: true       # the preview hears saves from the system (false: MkDocs' polling)

It is what makes plain ``mkdocs serve`` and ``mkdocs build`` work on the repository's
config. ``on_config`` loads the hub, writes the edition's docs tree (``pmmhub.render.tree``)
incrementally into ``build/serve/<audience>/`` and points ``docs_dir`` at it, with the
edition's settings (``pmmhub.render.settings``); ``on_serve`` watches the real sources
(docs, data) instead of the rendered tree; the edition's channel files (``pmmhub.channels``)
and the search index are computed by a child process that ``on_config`` starts once the
edition is rendered, written into the built site when ``on_files`` lets it (MkDocs has
emptied the site by then; the last build's files, set aside in ``on_pre_build``, are that
child's to remove), and waited for in ``on_post_build``. ``hub build`` does not use
this plugin: it hands any engine the same tree and settings in a config of its own.

Under ``mkdocs serve`` the plugin lives as long as the server and renders incrementally
(``pmmhub.render.incremental``): a save renders again only the pages that can show what
changed and rewrites only the files whose bytes changed, so ``mkdocs serve --dirty``
(``hub serve``) rebuilds only those. Then the channel files and the search index are written
by a child process (``background``), after the page is served. With ``--dirty``, the
hand-written pages that call macros are rebuilt on every save (a macro may show any entity)
and the titles of navigation pages are read, so the navigation stays whole; under ``mkdocs
serve --dirty``, what an earlier build made of a file that is gone (a deleted entity's page)
is removed, and so are the channel files the last write made that this one does not. The server hears
a save from the system's file events (``live``), and garbage is collected between builds,
not during them (``collector``); under ``mkdocs build``, not before the build is done.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import sys
from pathlib import Path

import jinja2
import pathspec
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from pmmhub.channels import ChannelConflict, site_files
from pmmhub.engines import live
from pmmhub.engines.background import Background
from pmmhub.engines.collector import Collector
from pmmhub.engines.config import with_finished_html
from pmmhub.engines.engine_index import without_engine_index
from pmmhub.engines import finished_page, memory_files, nav_once, previous_site
from pmmhub.engines.finished_page import converts_like_fast_path
from pmmhub.relate.catalog import read_hub
from pmmhub.render.edition import Prepared, prepare
from pmmhub.render.incremental import Incremental
from pmmhub.render.error_tree import error_tree
from pmmhub.render.settings import published_nav
from pmmhub.render.write import NotARenderedTree, existing, sync
from pmmhub.problems import HubDataError
from pmmhub.relate.catalog import DATA_DIR
from pmmhub.relate.editions import AUDIENCES

RENDERED = Path("build") / "serve"  # under the project: /build/ is git-ignored
# a plain `mkdocs build`'s own rendered tree (its generated pages stay in memory): a preview
# running beside it keeps its whole tree
RENDERED_PLAIN = Path("build") / "plain"
_MACRO_SYNTAX = (b"{{", b"{%")
DIRTY_WARNING = "A 'dirty' build is being performed"


class _WithoutDirtyWarning(logging.Filter):
    """MkDocs warns at every ``--dirty`` build; under ``strict`` the warning would fail each one."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


_DIRTY_FILTER = _WithoutDirtyWarning()


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's compiled templates, kept for the preview's next build (MkDocs makes a new
    template environment for each); a template whose source changed is compiled again."""

    def __init__(self):
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


@contextlib.contextmanager
def _rendering(out: Path):
    """One render of ``out`` at a time: two previews or builds of a project share the rendered tree."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.parent / f".{out.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        yield


def _channel_list(site_dir: str) -> Path:
    """Beside the preview's site (outside it, not served): the channel files its last write made."""
    return Path(os.path.normpath(site_dir) + ".hub-channel-files")


class HubPluginConfig(Config):
    data_dir = config_options.Type(str, default=DATA_DIR)
    audience = config_options.Choice(AUDIENCES, default="internal")
    internal_files = config_options.ListOfItems(config_options.Type(str), default=[])
    file_events = config_options.Type(bool, default=True)


class HubPlugin(BasePlugin[HubPluginConfig]):
    prepared: Prepared | None = None
    serving = False  # under `mkdocs serve`: data errors become pages, not a failed build
    dirty = False  # `--dirty`: MkDocs rebuilds only the files whose time changed
    incremental: Incremental | None = None  # the preview's renders reuse what earlier ones made
    background: Background | None = None  # the preview's channel files, written after the page
    alongside: Background | None = None  # a full build's channel files, written while MkDocs builds
    alongside_for: tuple = ()  # the site folder and URL they are computed for
    aside: Path | None = None  # the site whose last build was set aside, until the channel child removed it
    templates: _CompiledTemplates | None = None  # the preview's compiled theme templates
    collector: Collector | None = None  # garbage collection: the preview's between builds, none during a build
    frame: str | None = None  # with --dirty: what every page's frame showed at the last build (``_frame``)
    outputs: set[str] | None = None  # with --dirty: what the last build's files became in the site
    made: frozenset[str] = frozenset()  # under serve: the site paths of this build's files
    site_dir: str | None = None

    def on_startup(self, command, dirty):  # defined, so MkDocs keeps this plugin across rebuilds
        self.serving = command == "serve"
        self.dirty = dirty
        if self.serving:
            self.incremental, self.background, self.templates = Incremental(), Background(), _CompiledTemplates()
        self.collector = Collector() if self.serving else Collector(delay=None)
        if self.dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_DIRTY_FILTER)  # once: the same filter

    def on_shutdown(self):
        for child in (self.background, self.alongside):
            if child is not None:
                child.stop()
        self._remove_aside()  # an interrupted build (Ctrl-C reaches no on_build_error)
        if self.serving and self.site_dir:
            with contextlib.suppress(OSError):
                os.remove(_channel_list(self.site_dir))
        if self.collector is not None:
            self.collector.stop()

    def on_build_error(self, error):
        if self.alongside is not None:
            self.alongside.stop()
            self.alongside = None
        self._remove_aside()
        if self.collector is not None:
            self.collector.resume()

    @event_priority(100)  # before search (its defaults follow the language) and macros
    def on_config(self, config):
        if self.collector is not None:
            self.collector.pause()
        without_engine_index(config.plugins)
        project = Path(config.config_file_path or ".").resolve().parent
        self.sources = {"docs": Path(config.docs_dir), "data": project / self.config.data_dir}
        self.site_dir = config.site_dir
        in_memory = not (self.serving or self.dirty)
        out = project / (RENDERED_PLAIN if in_memory else RENDERED) / self.config.audience / "docs"
        if self.background is not None:
            self.background.stop()  # the channels of the last build: this one writes newer ones
        try:
            with _rendering(out):
                self.prepared = prepare(project, dict(config), plugin_options=dict(self.config), out=out,
                                        incremental=self.incremental, convert_ahead=self._converts_ahead(config),
                                        write_generated=not in_memory)
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
        config.markdown_extensions = with_finished_html(config.markdown_extensions)  # pages' HTML not parsed again
        logging.getLogger("jieba").setLevel(logging.WARNING)  # its "Building prefix dict" lines are noise
        if not self.serving:
            self._start_channels(config)
        return config

    @staticmethod
    def _converts_ahead(config) -> bool:
        """Whether the pages will convert as the fast path does once ``on_config`` adds the finished-HTML
        extension: then the render converts them already (``finished_html.ahead``), on both cores."""
        return converts_like_fast_path(config, with_finished_html(config.markdown_extensions))

    def _show_errors(self, config, error: HubDataError, out: Path):
        """The preview's error pages (``render.error_tree``): every page says what is wrong."""
        # not a log warning: under `strict` it would fail the build, and the preview would hang again
        print(f"the hub has errors; the preview shows them on every page:\n{error}", file=sys.stderr, flush=True)
        previous = {rel: (out / rel).read_bytes() for rel in existing(out)} if out.is_dir() else {}
        hub = read_hub(self.sources["data"])
        tree = error_tree(previous, error.problems, hub.language if hub else "zh")
        sync(out, tree)
        if self.incremental is not None:
            self.incremental.forget_written()
        config.extra["hub"] = {"banner": "", "audience": self.config.audience, "labels": {}}
        config.docs_dir = str(out.resolve())
        config.nav = published_nav(config.nav, {rel for rel in tree if rel.endswith(".md")})
        return config

    def on_pre_build(self, config):
        """Before ``mkdocs build`` empties the site, the last build's files are set aside for the
        channel child to remove (``previous_site``), on the other core."""
        if self.alongside is not None and not self.dirty:
            self.aside = Path(config.site_dir)
            previous_site.set_aside(self.aside, str(os.getpid()))

    def _remove_aside(self) -> None:
        """What ``on_pre_build`` set aside, when the channel child did not remove it (the build failed)."""
        if self.aside is not None:
            aside, self.aside = self.aside, None
            previous_site.remove(aside)

    @event_priority(100)  # before other plugins: they see the generated pages, as in a written tree
    def on_files(self, files, config):
        """In ``mkdocs build`` (MkDocs has emptied the site, unless ``--dirty``), the channel files
        computed since ``on_config`` (``_start_channels``) are written now. With ``--dirty``: the
        hand-written pages that call macros count as changed (their output may show any entity),
        and after a change of what every page's frame shows (``_frame``: site name, banner, labels,
        navigation, the config file, the theme) every page does, by making their last output older
        than their source; under ``mkdocs serve --dirty``, what the last build made of a file that
        is gone leaves the site (``_remove_gone``). Without ``--dirty`` or serve, the generated pages
        come from memory (``memory_files``)."""
        if self.prepared is not None and self.prepared.unwritten:
            files = memory_files.with_generated(files, config, self.prepared.tree.files, self.prepared.unwritten)
        if self.alongside is not None:
            if self.alongside_for != (config.site_dir, config.site_url):  # a later plugin changed them
                self._start_channels(config)
            self.alongside.release()
        if self.serving:
            self.made = frozenset(file.dest_uri for file in files)
        if self.dirty:
            self._remove_gone(files, config)
        if not self.dirty or self.prepared is None:
            return files
        frame = _frame(self.prepared.overrides, config)
        everything, self.frame = self.frame is not None and frame != self.frame, frame
        tree, generated = self.prepared.tree, self.prepared.site.page_srcs()
        for file in files.documentation_pages():
            if not os.path.isfile(file.abs_dest_path):
                continue
            data = tree.files.get(file.src_uri)
            if everything or (data is not None and file.src_uri not in generated
                              and any(s in data for s in _MACRO_SYNTAX)):
                os.utime(file.abs_dest_path, ns=(0, 0))
        return files

    def _remove_gone(self, files, config) -> None:
        """Under ``mkdocs serve --dirty``, from its second build on: what an earlier build made of a
        file that is gone now (a deleted entity's page) leaves the site, which MkDocs only adds to."""
        outputs = {file.abs_dest_path for file in files}
        before, self.outputs = self.outputs or set(), outputs  # first: a failure here is not repeated
        site_files.remove_from(Path(os.path.normpath(config.site_dir)), before - outputs)

    def on_env(self, env, config, files):
        if self.templates is not None:
            env.bytecode_cache = self.templates
        env.auto_reload = False  # a build uses each template as it found it: no file check per include of each page
        nav_once.render_once(env, config)
        return env

    def on_nav(self, nav, config, files):
        """Generated pages convert by the hub (``finished_page``); with ``--dirty``, the titles of
        navigation pages MkDocs does not read again are read."""
        if self.prepared is not None:
            ahead, self.prepared.tree.converted = self.prepared.tree.converted, {}  # for this build's pages only
            if converts_like_fast_path(config):
                finished_page.convert((file.page for file in files.documentation_pages()),
                                      self.prepared.site.page_srcs(), ahead)
        if self.dirty:
            for page in nav.pages:
                if page.markdown is None and not page.file.is_modified():
                    page.read_source(config)
        return nav

    def on_post_build(self, config):
        """The edition's channel files (JSON API, llms.txt, Markdown mirrors, CSV) and search index:
        under ``mkdocs build``, wait for the child writing them; under ``mkdocs serve``, start one
        now that the pages are served."""
        if self.collector is not None:
            self.collector.resume()
        if self.prepared is None:  # the preview shows the data's errors: no channel has anything to say
            return
        if self.background is not None:
            self.background.start(self._channels_work(config), expected=(ChannelConflict,))
            return
        failed = self.alongside.wait() if self.alongside is not None else None
        self.alongside = None
        if failed:
            self._remove_aside()
            raise PluginError(failed)
        self.aside = None  # the child removed it

    def _start_channels(self, config) -> None:
        """A child computes the channel files and the search index from the rendered edition, on the
        other core, and writes them once ``on_files`` says MkDocs has emptied the site
        (``Background``); ``on_post_build`` waits for it."""
        prepared, site_dir, url = self.prepared, Path(config.site_dir), config.site_url
        if self.alongside is not None:
            self.alongside.stop()
        self.alongside, self.alongside_for = Background(), (config.site_dir, config.site_url)
        self.alongside.start(lambda: site_files.compute(prepared, url), waited=True, expected=(ChannelConflict,),
                             then=lambda made: (site_files.write(site_dir, *made), previous_site.remove(site_dir)))

    def _channels_work(self, config):
        prepared, site_dir, url = self.prepared, Path(config.site_dir), config.site_url
        # the preview writes into one site again and again: what its last write made is listed
        # beside that site (each preview has its own), and what MkDocs made there is never removed
        listed, keep = (_channel_list(config.site_dir), self.made) if self.serving else (None, frozenset())
        return lambda: site_files.write(site_dir, *site_files.compute(prepared, url), listed=listed, keep=keep)

    def on_serve(self, server, config, builder):
        """Watch the real sources (docs, data) instead of the rendered tree, which every build
        rewrites; with ``file_events``, in a server that hears saves at once (``live.swap``)."""
        server.unwatch(config.docs_dir)
        sources = [str(path) for path in self.sources.values() if path.exists()]
        if self.config.file_events:
            # what MkDocs watches besides the docs: mkdocs.yml, the theme with --watch-theme
            watched = list(getattr(server, "_watched_paths", None) or [config.config_file_path])
            return live.swap(server, watched + sources)
        for path in sources:
            server.watch(path)
        return server


def _frame(overrides: dict, config) -> str:
    """What every built page shows besides its own content: the edition's config overrides (site
    name, banner, labels, navigation), the config file and the theme's own templates, as one string."""
    stamps = [json.dumps(overrides, sort_keys=True, default=str)]
    for path in [config.config_file_path, *(config.theme.dirs[:1] if config.theme.custom_dir else ())]:
        found = Path(path) if path else None
        files = sorted(found.rglob("*")) if found and found.is_dir() else [found] if found else []
        # names as seen from the folder: MkDocs gives the config's path relative, then absolute
        stamps += [f"{f.relative_to(found) if found.is_dir() else f.name}:{f.stat().st_mtime_ns}" for f in files
                   if f.is_file()]
    return "\n".join(stamps)

