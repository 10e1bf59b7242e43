"""The theme's navigation sidebar rendered once per folder of pages, not once per page.

Material renders the whole navigation (``partials/nav.html``) into every page: a millisecond a
page, a tenth of a build. For a page outside the navigation (every entity, finder and toolkit
page) nothing in it is active, so it differs between two such pages only by its relative links.
Two pages in sibling folders (``products/a/``, ``products/b/``) see every link the same way
unless a link points inside one of their own folders; so the sidebar is rendered once per
parent folder and reused, and a page with a navigation link, the home page or the theme's logo
inside its own folder, a page of the navigation, or any other template is rendered as always.

That reasoning holds for Material's own sidebar templates, so nothing is reused when the
project overrides one of them (``SIDEBAR``) or runs the blog plugin (its views change the
sidebar per page). The navigation is the one each page is rendered with, as the last plugin
left it. The built site is byte-identical (``tests/test_nav_once.py``).
"""
from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

NAV_TEMPLATE = "partials/nav.html"
SIDEBAR = (NAV_TEMPLATE, "partials/nav-item.html", "partials/logo.html", "partials/source.html")
PER_PAGE_PLUGINS = ("material/blog",)


def render_once(env, config) -> None:
    """Make ``env``'s navigation template reuse its output across pages outside the navigation."""
    if any(name in config.plugins for name in PER_PAGE_PLUGINS) or not _themes_own(env):
        return
    template = env.get_template(NAV_TEMPLATE)
    render = template.root_render_func
    links: dict[int, tuple] = {}  # id(nav) -> (ids of its pages, the folders it links)
    made: dict[tuple, str] = {}

    def root(context):
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None:
            yield from render(context)
            return
        if id(nav) not in links:
            links[id(nav)] = _pages_and_targets(nav, config)
        in_nav, targets = links[id(nav)]
        folder = _folder(page.url) if id(page) not in in_nav else None
        if folder is None or any(target[:len(folder)] == folder for target in targets):
            yield from render(context)
            return
        key = (id(nav), folder[:-1])
        if key not in made:
            made[key] = "".join(render(context))
        yield made[key]

    template.root_render_func = root


def _themes_own(env) -> bool:
    """Whether every sidebar template is the theme's own (none overridden in ``custom_dir``)."""
    try:
        import material
    except ImportError:
        return False
    theme = Path(material.__file__).resolve().parent / "templates"
    try:
        files = [Path(env.get_template(name).filename).resolve() for name in SIDEBAR]
    except jinja2.TemplateNotFound:
        return False
    return all(theme in file.parents for file in files)


def _pages_and_targets(nav, config) -> tuple[set[int], list[tuple[str, ...]]]:
    items = list(_walk(nav.items))
    pages = {id(item) for item in items if getattr(item, "is_page", False)}
    found = [getattr(item, "url", None) for item in items]
    found += [getattr(nav.homepage, "url", None), (config.extra or {}).get("homepage")]
    found += [config.theme.get("logo")]
    return pages, [_parts(url) for url in found if isinstance(url, str) and _relative(url)]


def _relative(url: str) -> bool:
    """A URL MkDocs writes relative to the page (``mkdocs.utils.normalize_url``)."""
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc or url.startswith(("/", "#")))


def _folder(url: str) -> tuple[str, ...] | None:
    """The folder a page's relative links start from (MkDocs skips a last part with a dot)."""
    folder, _, last = url.rpartition("/")
    parts = _parts(url if "." not in last else folder)
    return parts or None  # the site's root folder: its own links are the ones to keep


def _parts(url: str) -> tuple[str, ...]:
    return tuple(part for part in posixpath.normpath("/" + url).split("/") if part)


def _walk(items):
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or ())
