"""The edition a site is loaded in decides its pages and its navigation (fast: no build)."""

from conftest import BUILD_DAY
from fixtures.publish.builds import DATA
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import get_navigation

from pmmhub.engines.mkdocs_plugin import HubPlugin
from pmmhub.render.site import load


def test_the_public_edition_withholds_everything_of_a_kind_it_has_nothing_of():
    site = load(DATA, day=BUILD_DAY, audience="public")
    assert site.empty_kinds == ("battlecard",)
    withheld = sorted(page.src for page in site.pages if site.withheld(page.src))
    assert withheld and all(src.startswith("battlecards/") for src in withheld)
    assert "battlecards/index.md" in withheld
    assert not {src for src in site.page_srcs() if src.startswith("battlecards/")}
    assert "products/index.md" in site.page_srcs()


def test_the_internal_edition_withholds_nothing_and_names_no_anonymous_customer():
    site = load(DATA, day=BUILD_DAY, audience="internal")
    assert not any(site.withheld(page.src) for page in site.pages)
    assert site.page_srcs() == {page.src for page in site.pages}
    assert site.catalog.get("case-study", "open-case-study").entity.customer.name == ""
    assert site.hidden == frozenset()


def navigation(tmp_path, nav, excluded):
    config = MkDocsConfig()
    (tmp_path / "docs").mkdir()
    config.load_dict({"site_name": "hub", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site"),
                      "nav": nav})
    assert config.validate() == ([], [])
    files = Files([])
    for src in ("index.md", "a.md", "b.md", "c.md"):
        inclusion = InclusionLevel.EXCLUDED if src in excluded else InclusionLevel.INCLUDED
        files.append(File(src, config.docs_dir, config.site_dir, True, inclusion=inclusion))
    return HubPlugin().on_nav(get_navigation(files, config), config, files)


def test_navigation_drops_pages_left_out_and_sections_left_empty(tmp_path):
    nav = navigation(tmp_path, ["index.md", {"内部": ["a.md", "b.md"]}, {"混合": ["a.md", "c.md"]}],
                     excluded={"a.md", "b.md"})
    assert [item.title for item in nav.items[1:]] == ["混合"]
    assert [page.file.src_uri for page in nav.pages] == ["index.md", "c.md"]
    assert nav.pages[0].next_page is nav.pages[1] and nav.pages[1].previous_page is nav.pages[0]
    assert nav.pages[1].next_page is None
