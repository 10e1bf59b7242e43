"""Build a rendered edition with a site engine: MkDocs + Material, or Zensical.

``build_with(engine, config_file, audience, site)`` renders the edition
(``pmmhub.render.edition.prepare``) into ``build/<engine>/<audience>/docs`` under the project,
writes the config for it next to the tree and runs the engine into ``site``, strictly; while
the engine runs, it computes the edition's channel files (JSON API, llms.txt, Markdown mirrors,
CSV: ``pmmhub.channels``) and the hub's search index (``pmmhub.search``), and writes them into
the built site once the engine is done (``channels.site_files``).
Both engines get the same tree and the same settings; what differs is only how each is
invoked (``ENGINES``).
"""
from __future__ import annotations

import datetime as dt
import os
import signal
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pmmhub.channels import ChannelConflict, site_files
from pmmhub.engines import config as project_config
from pmmhub.render.edition import Prepared, prepare
from pmmhub.render.write import sync
from pmmhub.processes import die_with_parent

ENGINES = ("mkdocs", "zensical")


@dataclass(frozen=True)
class Traits:
    """How an engine differs, as far as the render step is concerned."""

    runs_macros: bool  # mkdocs-macros runs inside it; else `hub render` expands the macros itself
    links_from_source: bool  # it reads a relative link from the page's source file, not from its URL
    theme: dict  # config overrides of its own
    plugins: tuple[str, ...] = ()  # plugins of its own in the config


PAGES_PLUGIN = "hub-pages"  # pmmhub.engines.pages_plugin, by its entry-point name (importing it would load MkDocs)
TRAITS = {
    # hub-pages: the tree's pages skip Python-Markdown, no garbage collected during the build
    "mkdocs": Traits(runs_macros=True, links_from_source=False, theme={}, plugins=(PAGES_PLUGIN,)),
    # Zensical re-runs define_env for every page and rewrites every relative link from the source
    # file; its default look is its "modern" variant, "classic" is Material's, which the overrides target
    "zensical": Traits(runs_macros=False, links_from_source=True, theme={"theme.variant": "classic"}),
}
WORK = Path("build")  # under the project: /build/ is git-ignored


class EngineFailed(Exception):
    """The engine could not build the site; the message says why."""


@dataclass
class Built:
    prepared: Prepared
    config_file: Path  # the config the engine ran with
    channels: dict[str, bytes] = field(default_factory=dict)  # written into the site after the engine ran


def build_with(engine: str, config_file: Path, audience: str, site: Path, *, day: dt.date,
               env: dict[str, str] | None = None) -> Built:
    """Render ``audience`` and build it with ``engine`` into ``site`` (which must not exist yet or be empty)."""
    if engine not in ENGINES:
        raise EngineFailed(f"unknown engine '{engine}'; use {' or '.join(ENGINES)}")
    config_file = Path(config_file).resolve()
    project = config_file.parent
    config = project_config.read(config_file)
    options = {**project_config.hub_options(config), "audience": audience}
    work = project / WORK / engine / audience
    traits = TRAITS[engine]
    prepared = prepare(project, config, plugin_options=options, out=work / "docs", day=day,
                       expand_macros=not traits.runs_macros, links_from_source=traits.links_from_source)
    derived = project_config.edition_config(config, {**prepared.overrides, **traits.theme},
                                            without_plugins=("hub",) if traits.runs_macros else ("hub", "macros"))
    derived["plugins"] += traits.plugins
    _copy_theme_overrides(config, project, work / "overrides")
    out = work / "site" if engine == "zensical" else Path(site)  # Zensical writes only under its config's folder
    derived["site_dir"] = str(out.resolve())
    written = project_config.write(derived, work / "mkdocs.yml")

    def meanwhile():  # on the other core, while the engine builds the pages
        try:
            return site_files.compute(prepared, config.get("site_url"))
        except ChannelConflict as error:
            raise EngineFailed(str(error)) from None

    channels, search = RUNNERS[engine](written, out, project, env or {}, meanwhile)
    if out != Path(site):
        _move(out, Path(site))
    site_files.write(Path(site), channels, search)
    return Built(prepared, written, {**channels, **search})


def _copy_theme_overrides(config: dict, project: Path, out: Path) -> None:
    """The project's ``theme.custom_dir``, copied next to the engine's config (incrementally)."""
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    files = {}
    if custom:
        root = project / custom
        files = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    sync(out, files)


def _move(built: Path, site: Path) -> None:
    """Put the engine's output ``built`` at ``site`` (an empty or missing folder)."""
    if site.is_dir():
        site.rmdir()
    shutil.move(str(built), str(site))


def _run(command: list[str], cwd: Path, env: dict[str, str], what: str, meanwhile):
    """Run the engine as a child that dies with the build, and is stopped if the build is interrupted
    or ``meanwhile`` (work done while the engine runs) fails; what ``meanwhile`` returned. An
    engine that fails early is reported once ``meanwhile`` is done (seconds on a large hub)."""
    full_env = {"NO_MKDOCS_2_WARNING": "1", **os.environ, **env}
    # not --quiet: it silences warnings before --strict can count them, and the build would pass
    child = subprocess.Popen(command, env=full_env, cwd=cwd, preexec_fn=_engine_process)
    try:
        result = meanwhile()
        code = child.wait()
    finally:
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
    if code != 0:
        raise EngineFailed(f"{what} failed (exit {code}); the messages above say why")
    return result


def _engine_process() -> None:
    """In the engine's process, before it starts: the build stops it (not Ctrl-C), and on Linux
    it dies with the build, even a ``kill -9`` of the build (``PR_SET_PDEATHSIG``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()


def _mkdocs(config_file: Path, site: Path, project: Path, env: dict[str, str], meanwhile):
    return _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site)],
                project, env, "mkdocs build", meanwhile)


def _zensical(config_file: Path, site: Path, project: Path, env: dict[str, str], meanwhile):
    binary = shutil.which("zensical", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if binary is None:
        raise EngineFailed("zensical is not installed (pip install -e .; it is pinned in pyproject.toml)")
    return _run([binary, "build", "--strict", "-f", str(config_file)], project, env, "zensical build", meanwhile)


RUNNERS = {"mkdocs": _mkdocs, "zensical": _zensical}
