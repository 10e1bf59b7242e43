"""Render one edition for a site engine: load the hub, write its docs tree, say what the config changes.

``prepare`` is the whole render step, shared by ``hub render``, ``hub build`` (any engine)
and the MkDocs plugin: it reads the project's config values (plain ``mkdocs.yml`` data),
loads the hub in the edition, writes the edition's docs tree (``tree.edition_tree``)
incrementally into ``out`` (``write.sync``) and returns the config overrides
(``settings.edition_overrides``) with what was written.
"""
from __future__ import annotations

import datetime as dt
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from pmmhub.problems import HubDataError
from pmmhub.relate.catalog import DATA_DIR, today
from pmmhub.render.incremental import Incremental
from pmmhub.render.settings import edition_overrides, extra_hub
from pmmhub.render.site import Site, load
from pmmhub.render.tree import Tree, edition_tree
from pmmhub.render.write import Changes, sync


@dataclass
class Prepared:
    site: Site
    tree: Tree
    docs_dir: Path  # the rendered tree: what the engine builds
    overrides: dict  # config keys to set ("theme.language", "extra.hub", "nav", ...)
    changes: Changes
    unwritten: frozenset = frozenset()  # the files of ``tree`` not written to ``docs_dir`` (``write_generated``)


def prepare(project: Path, config: dict, *, plugin_options: dict, out: Path, day: dt.date | None = None,
            expand_macros: bool = False, links_from_source: bool = False,
            incremental: Incremental | None = None, convert_ahead: bool = False,
            write_generated: bool = True) -> Prepared:
    """Render the edition named in ``plugin_options`` (the hub plugin's options) into ``out``;
    with ``expand_macros`` the hand-written pages' macros too (for an engine without mkdocs-macros),
    with ``links_from_source`` relative links as seen from each page's source file, with
    ``incremental`` reusing what its earlier renders made (the preview; the same result), with
    ``convert_ahead`` each generated page's HTML as well, for an engine that takes it (``Tree.converted``);
    without ``write_generated``, only the files copied from ``docs/`` are written, for an engine that
    takes the generated ones from memory (``Prepared.unwritten``: a full ``mkdocs build``).

    Raises ``HubDataError`` with every problem of the data or of the hand-written pages.
    """
    project = Path(project).resolve()
    audience = plugin_options.get("audience", "internal")
    options = dict(audience=audience, day=day or today(), directory_urls=config.get("use_directory_urls", True),
                   links_from_source=links_from_source)
    data = project / plugin_options.get("data_dir", DATA_DIR)
    site, settings = incremental.load(data, **options) if incremental else (load(data, **options), None)
    docs = project / config.get("docs_dir", "docs")
    tree = edition_tree(site, docs, edit_base=_edit_base(config), config_assets=_assets(config),
                        internal_files=tuple(plugin_options.get("internal_files") or ()),
                        macro_variables={"hub": extra_hub(site, docs)} if expand_macros else None,
                        convert_ahead=convert_ahead)
    if tree.problems:
        raise HubDataError(tree.problems)
    unwritten = frozenset() if write_generated else frozenset(tree.generated)
    written = {rel: data for rel, data in tree.files.items() if rel not in unwritten} if unwritten else tree.files
    changes = sync(out, written, written=incremental.written if incremental else None)
    if incremental:
        incremental.rendered(site, settings, tree.files)
    return Prepared(site, tree, Path(out).resolve(), edition_overrides(site, config.get("nav"), tree.pages, docs), changes,
                    unwritten)


def _edit_base(config: dict) -> str | None:
    """Where MkDocs' edit links start (``repo_url`` + ``edit_uri``), ending in ``/``; None without them."""
    repo, edit = config.get("repo_url"), config.get("edit_uri")
    if not repo or not edit:
        return None
    return urllib.parse.urljoin(repo.rstrip("/") + "/", edit.rstrip("/") + "/")


def _assets(config: dict) -> tuple[str, ...]:
    """Files of the docs folder the config itself uses: extra CSS and JavaScript, logo, favicon."""
    found = [str(getattr(item, "path", item)) for key in ("extra_css", "extra_javascript") for item in config.get(key) or ()]
    theme = config.get("theme") or {}
    get = theme.get if hasattr(theme, "get") else (lambda key: None)
    found += [value for value in (get("logo"), get("favicon")) if isinstance(value, str)]
    return tuple(item for item in found if "://" not in item)
