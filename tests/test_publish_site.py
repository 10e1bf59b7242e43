"""The edition a site is loaded in decides its pages and its navigation (fast: no build)."""

from conftest import BUILD_DAY
from fixtures.publish.builds import DATA
from pmmhub.render.settings import edition_overrides, published_nav
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


def test_navigation_drops_pages_left_out_and_sections_left_empty():
    nav = ["index.md", {"内部": ["a.md", "b.md"]}, {"混合": ["a.md", "c.md"]}, {"外链": "https://example.com/"}]
    assert published_nav(nav, {"index.md", "c.md"}) == ["index.md", {"混合": ["c.md"]}, {"外链": "https://example.com/"}]
    assert published_nav([{"首页": "index.md"}, {"空": [{"深": ["x.md"]}]}], {"index.md"}) == [{"首页": "index.md"}]
    assert published_nav(None, set()) is None


def test_the_edition_settings_drop_repository_links_for_customers():
    public = edition_overrides(load(DATA, day=BUILD_DAY, audience="public"), ["index.md"], {"index.md"}, DATA)
    internal = edition_overrides(load(DATA, day=BUILD_DAY), ["index.md"], {"index.md"}, DATA)
    assert public["repo_url"] is None and public["edit_uri"] is None and "repo_url" not in internal
    assert public["extra.hub"]["banner"] == "" and internal["extra.hub"]["banner"]
    assert public["extra.hub"]["audience"] == "public" and internal["theme.language"] == "zh"
