"""The theme's navigation sidebar rendered once per folder of pages, not once per page.

Material renders the whole navigation (``partials/nav.html``) into every page: a millisecond a
page, a tenth of a build. For a page outside the navigation (every entity, finder and toolkit
page) nothing in it is active, so it differs between two such pages only by its relative links.
Two pages in sibling folders (``products/a/``, ``products/b/``) see every link the same way
unless a link points inside one of their own folders; so the sidebar is rendered once per
parent folder and reused, and a page with a navigation link, the home page or the theme's logo
inside its own folder, a page of the navigation, or any other template is rendered as always.
The built site is byte-identical (``tests/test_nav_once.py``).
"""
from __future__ import annotations

import posixpath

NAV_TEMPLATE = "partials/nav.html"


def render_once(env, nav, config) -> None:
    """Make ``env``'s navigation template reuse its output across pages outside ``nav``."""
    try:
        template = env.get_template(NAV_TEMPLATE)
    except Exception:  # noqa: BLE001 - a theme without this partial: nothing to reuse
        return
    render, in_nav = template.root_render_func, {id(page) for page in nav.pages}
    targets = [_parts(url) for url in _link_targets(nav, config)]
    made: dict[tuple, str] = {}

    def root(context):
        page = context.get("page")
        folder = _folder(page.url) if page is not None and id(page) not in in_nav else None
        if folder is None or any(target[:len(folder)] == folder for target in targets):
            yield from render(context)
            return
        key = folder[:-1]
        if key not in made:
            made[key] = "".join(render(context))
        yield made[key]

    template.root_render_func = root


def _folder(url: str) -> tuple[str, ...] | None:
    """The folder a page's relative links start from (MkDocs skips a last part with a dot)."""
    folder, _, last = url.rpartition("/")
    parts = _parts(url if "." not in last else folder)
    return parts or None  # the site's root folder: its own links are the ones to keep


def _parts(url: str) -> tuple[str, ...]:
    return tuple(part for part in posixpath.normpath("/" + url).split("/") if part)


def _link_targets(nav, config) -> list[str]:
    """Every site URL the sidebar links: navigation pages, sections' and links' URLs, the home page, the logo."""
    found = [getattr(item, "url", None) for item in _walk(nav.items)]
    found += [getattr(nav.homepage, "url", None), (config.extra or {}).get("homepage")]
    theme = config.theme
    found += [theme.get("logo"), theme.get("favicon")]
    return [url for url in found if isinstance(url, str) and "://" not in url and not url.startswith("#")]


def _walk(items):
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or ())
