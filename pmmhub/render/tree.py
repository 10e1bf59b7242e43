"""One edition's docs tree: the hand-written pages it publishes plus every generated page.

``edition_tree`` is what any site engine builds from. It holds:

- every generated page of the edition (entity pages, listings, finder indexes, role,
  industry, portfolio and what's-new pages), an entity page's front matter carrying the
  ``edit_url`` of its YAML file in the internal edition;
- the hand-written pages of ``docs/``, except, outside the internal edition, those whose
  front matter says ``audience: internal``;
- the other files of ``docs/``: all of them in the internal edition; in any other, only
  those a published page or the config (``extra_css``, ``extra_javascript``) uses, never
  one marked internal (``internal_files`` patterns: ``assets/screenshots/``, ``*.key``);
- in the internal edition, a ``robots.txt`` that disallows everything.

Problems (an unknown ``audience:``, a link to an internal file from a published page, a
hand-written page where a generated one goes, a symbolic link) are collected, all of
them, with the page and line.
"""
from __future__ import annotations

import fnmatch
import json
import os
import posixpath
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from pmmhub.load.safe_yaml import parse_text
from pmmhub.problems import Problem
from pmmhub.relate.editions import AUDIENCES
from pmmhub.render import environment, finished_html, parallel
from pmmhub.render.generated import PageConflict
from pmmhub.render.page_macros import expand

ROBOTS = "robots.txt"
DISALLOW_ALL = b"# The internal edition: not for search engines (docs/deploy.md).\nUser-agent: *\nDisallow: /\n"
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?)(?:\.{3}|-{3})[ \t]*\n", re.S)
_LINKS = re.compile(r"\]\(\s*<?([^)\s>]+)|\b(?:src|href)\s*=\s*[\"']([^\"']+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)


@dataclass
class Tree:
    """Relative path -> bytes, which of them are Markdown pages, and what was wrong."""

    files: dict[str, bytes] = field(default_factory=dict)
    pages: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    origins: dict[str, str] = field(default_factory=dict)  # path -> where it came from, for messages
    # generated page -> (its Markdown body's digest, that body as HTML), converted on the render's two cores
    converted: dict[str, tuple] = field(default_factory=dict)
    generated: set[str] = field(default_factory=set)  # the files the hub made (not copied from docs/)


def edition_tree(site, docs_dir: Path | None, *, edit_base: str | None = None,
                 config_assets: tuple[str, ...] = (), internal_files: tuple[str, ...] = (),
                 macro_variables: dict | None = None, convert_ahead: bool = False) -> Tree:
    """The docs tree of ``site``'s edition (see the module docstring). With ``macro_variables``
    the macros of hand-written pages are expanded here (``page_macros``), not by the engine; with
    ``convert_ahead`` the generated pages' HTML is made too (``Tree.converted``)."""
    tree = Tree()
    _generated(site, docs_dir, edit_base, tree, convert_ahead)
    if site.audience == "internal":
        tree.files[ROBOTS] = DISALLOW_ALL
        tree.origins[ROBOTS] = "the internal edition"
        tree.generated.add(ROBOTS)
    if docs_dir is not None and docs_dir.is_dir():
        _hand_written(site, Path(docs_dir), tree, config_assets, internal_files, macro_variables)
    tree.problems.sort()
    return tree


def _generated(site, docs_dir: Path | None, edit_base: str | None, tree: Tree, convert_ahead: bool) -> None:
    try:
        pages = site.pages
    except PageConflict as error:
        tree.problems.append(Problem(site.data_dir.name, 1, 1, "", str(error).split("\n")[0]))
        return
    pages = [page for page in pages if not site.withheld(page.src)]
    if parallel.forks(len(pages)):
        environment.compile_all()  # the half of the render forked on the other core inherits them
    made = parallel.render(pages, finished_html.ahead if convert_ahead else None)
    tree.converted = {src: converted for src, converted in made.items() if converted}
    for page in pages:
        content = page.content
        if page.src.endswith(".md"):
            internal = edit_base and page.source is not None and site.audience == "internal"
            content = _with_edit_url(content, _edit_url(edit_base, page.source, docs_dir) if internal else "")
        tree.files[page.src] = content.encode("utf-8")
        tree.origins[page.src] = page.origin
        tree.generated.add(page.src)
        if page.src.endswith(".md"):
            tree.pages.add(page.src)


def _edit_url(edit_base: str, source: Path, docs_dir: Path | None) -> str:
    """The edit link of the YAML file ``source``, as MkDocs makes one (``edit_base`` ends in ``/``)."""
    rel = os.path.relpath(source, docs_dir) if docs_dir is not None else source.name
    return urllib.parse.urljoin(edit_base, rel.replace(os.sep, "/"))


def _with_edit_url(content: str, url: str) -> str:
    """The page source with ``edit_url`` added to its front matter (rendered pages always have one)."""
    head, _, rest = content.partition("\n")
    return f"{head}\nedit_url: {json.dumps(url)}\n{rest}" if head == "---" else content


def _hand_written(site, docs: Path, tree: Tree, config_assets, internal_files, macro_variables) -> None:
    public = site.audience != "internal"
    statics: dict[str, Path] = {}
    for rel, path, problem in _walk(docs):
        if problem:
            tree.problems.append(problem)
            continue
        if rel in tree.files:
            tree.problems.append(Problem(_shown(path), 1, 1, "", f"the page {rel} is already made by "
                                         f"{tree.origins.get(rel, 'a producer')}",
                                         "names of portal pages are reserved; rename the hand-written page"))
            continue
        if not rel.endswith(".md"):
            statics[rel] = path
            continue
        data = path.read_bytes()
        audience = _audience(data, path, tree.problems)
        if public and audience == "internal":
            continue
        if macro_variables is not None:
            text, problem = expand(site, rel, data.decode("utf-8", "replace"), _shown(path), macro_variables)
            tree.problems += [problem] if problem else []
            data = text.encode("utf-8")
        tree.files[rel], tree.origins[rel] = data, _shown(path)
        tree.pages.add(rel)
    uses = _uses(tree) if public else set()  # the internal edition ships every file
    used = {rel for rel, _ in uses} | set(config_assets)
    for rel, path in statics.items():
        if not public or (rel in used and not _matches(rel, internal_files)):
            tree.files[rel], tree.origins[rel] = path.read_bytes(), _shown(path)
    if public:
        for rel, page in sorted(uses):
            if rel in statics and _matches(rel, internal_files):
                tree.problems.append(Problem(tree.origins.get(page, page), 1, 1, "",
                                             f"links {rel}, which is marked internal (internal_files)",
                                             "remove the link, or mark this page `audience: internal`"))


def _walk(docs: Path):
    """(relative path, path, problem) for every file under ``docs``; links and special files are problems."""
    for folder, dirs, files in os.walk(docs):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        for name in sorted(files) + [d for d in dirs if (base / d).is_symlink()]:
            if name.startswith("."):
                continue
            path = base / name
            rel = path.relative_to(docs).as_posix()
            if path.is_symlink():
                yield rel, path, Problem(_shown(path), 1, 1, "", f"a symbolic link (to {os.readlink(path)}); "
                                         "the portal publishes only regular files", "copy the file itself into docs/")
            elif not path.is_file():
                yield rel, path, Problem(_shown(path), 1, 1, "", "not a regular file", "remove it from docs/")
            elif not os.access(path, os.R_OK):
                yield rel, path, Problem(_shown(path), 1, 1, "", "cannot read the file (permission denied)",
                                         "make it readable, or remove it from docs/")
            else:
                yield rel, path, None


def _audience(data: bytes, path: Path, problems: list[Problem]) -> str | None:
    """The page's ``audience:`` front matter value, checked: internal, public or absent."""
    text = data.decode("utf-8", "replace")
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    doc, found = parse_text(match.group(1), _shown(path))
    if doc is None or not isinstance(doc.data, dict) or "audience" not in doc.data:
        return None
    value = doc.data["audience"]
    if value in AUDIENCES:
        return value
    line, column = doc.locate(("audience",))
    hint = f"write `audience: {str(value).strip().lower()}`" if str(value).strip().lower() in AUDIENCES \
        else "leave it out for a page every edition shows"
    problems.append(Problem(_shown(path), line + 1, column, "audience",
                            f"expected internal or public; found '{value}'", hint))
    return "internal"  # when in doubt, keep the page out of the customer edition


def _uses(tree: Tree) -> set[tuple[str, str]]:
    """(file, page) for every relative link or source of a published Markdown page, as a docs path."""
    found = set()
    for page in tree.pages:
        text = tree.files[page].decode("utf-8", "replace")
        for groups in _LINKS.findall(text):
            target = next(g for g in groups if g)
            rel = _resolve(page, target)
            if rel:
                found.add((rel, page))
    return found


def _resolve(page: str, target: str) -> str | None:
    """``target`` as a docs path, seen from ``page``; None for other sites, anchors and mail."""
    parts = urllib.parse.urlsplit(urllib.parse.unquote(target.strip()))
    if parts.scheme or parts.netloc or not parts.path or target.startswith(("#", "//", "\\")):
        return None
    base = "" if parts.path.startswith("/") else posixpath.dirname(page)
    rel = posixpath.normpath(posixpath.join(base, parts.path.lstrip("/")))
    return None if rel.startswith("..") else rel


def _matches(rel: str, patterns) -> bool:
    """True if ``rel`` or a folder above it matches one of the ``internal_files`` patterns."""
    for pattern in patterns:
        pattern = pattern.strip().lstrip("/")
        if pattern.endswith("/"):
            if rel.startswith(pattern) or fnmatch.fnmatch(rel, pattern + "*"):
                return True
        elif fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(posixpath.basename(rel), pattern):
            return True
    return False


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
