"""The navigation sidebar is rendered once per folder of pages outside the navigation
(``engines.nav_once``), and the built site is byte for byte the one Material makes page by page."""
import datetime as dt
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import REPO, make_project
from pmmhub.engines import nav_once, run

DAY = dt.date(2026, 12, 1)


def build_here(config_file: Path, site: Path) -> dict[str, bytes]:
    """Build ``config_file`` in this process (so a test can change the plugin); every HTML file's bytes."""
    config = load_config(str(config_file), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def rendered_once(monkeypatch) -> list[int]:
    """Count the sidebars actually rendered by ``nav_once`` (the rest are reused)."""
    made = []
    original = nav_once.render_once

    def counting(env, config):
        template = env.get_template(nav_once.NAV_TEMPLATE)
        inner = template.root_render_func

        def root(context):
            made.append(1)
            yield from inner(context)

        template.root_render_func = root
        original(env, config)  # reuses what ``root`` renders

    monkeypatch.setattr(nav_once, "render_once", counting)
    return made


def without_nav_once(monkeypatch) -> None:
    monkeypatch.setattr(nav_once, "render_once", lambda env, config: None)


def test_the_portal_is_the_same_with_the_sidebar_rendered_once_per_folder(tmp_path, monkeypatch):
    project = make_project(tmp_path / "p", data=REPO / "data")
    config_file = run.build_with("mkdocs", project / "mkdocs.yml", "internal", tmp_path / "first", day=DAY).config_file
    assert "hub-pages" in yaml.safe_load(config_file.read_text(encoding="utf-8"))["plugins"]
    with monkeypatch.context() as patched:
        counted = rendered_once(patched)
        once = build_here(config_file, tmp_path / "once")
    with monkeypatch.context() as patched:
        without_nav_once(patched)
        every = build_here(config_file, tmp_path / "every")
    assert len(once) > 40 and sorted(once) == sorted(every)
    assert [rel for rel in once if once[rel] != every[rel]] == []
    assert 0 < len(counted) < len(once) / 2  # most pages reuse a sidebar


PAGE = "# {title}\n\nText.\n"


def small_site(root: Path, **config) -> Path:
    """A Material site with ``hub-pages``: the home page and ``a/y/z/`` in the navigation; ``a/x/``,
    ``a/y/`` and ``b/w/`` outside it."""
    docs = root / "docs"
    for rel, title in {"index.md": "Home", "a/x.md": "X", "a/y.md": "Y", "a/y/z.md": "Z", "b/w.md": "W"}.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(PAGE.format(title=title), encoding="utf-8")
    settings = {"site_name": "t", "theme": {"name": "material"}, "plugins": ["search", "hub-pages"],
                "nav": ["index.md", {"Z": "a/y/z.md"}], "not_in_nav": "/a/\n/b/", **config}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return root / "mkdocs.yml"


def both_ways(config_file: Path, root: Path, monkeypatch) -> tuple[dict, dict]:
    once = build_here(config_file, root / "once")
    with monkeypatch.context() as patched:
        without_nav_once(patched)
        every = build_here(config_file, root / "every")
    assert sorted(once) == sorted(every)
    return once, every


def test_a_page_with_a_navigation_link_inside_its_own_folder_gets_its_own_sidebar(tmp_path, monkeypatch):
    """``a/x/`` and ``a/y/`` are siblings outside the navigation, but the navigation links ``a/y/z/``:
    from ``a/y/`` that is ``z/``, from ``a/x/`` ``../y/z/``; a shared sidebar would link wrongly."""
    once, every = both_ways(small_site(tmp_path), tmp_path, monkeypatch)
    assert [rel for rel in once if once[rel] != every[rel]] == []
    assert 'href="z/"' in once["a/y/index.html"].decode() and 'href="../y/z/"' in once["a/x/index.html"].decode()


def test_an_overridden_sidebar_template_is_rendered_for_every_page(tmp_path, monkeypatch):
    """The reuse holds for Material's own sidebar; an override may show anything of the page."""
    (tmp_path / "overrides" / "partials").mkdir(parents=True)
    (tmp_path / "overrides" / "partials" / "nav.html").write_text("<nav>here: {{ page.title }}</nav>", encoding="utf-8")
    config_file = small_site(tmp_path, theme={"name": "material", "custom_dir": "overrides"})
    counted = rendered_once(monkeypatch)
    once, every = both_ways(config_file, tmp_path, monkeypatch)
    assert [rel for rel in once if once[rel] != every[rel]] == []
    assert "here: X" in once["a/x/index.html"].decode() and "here: W" in once["b/w/index.html"].decode()
    assert len(counted) == len(once)  # every page (404 included) rendered a sidebar of its own
