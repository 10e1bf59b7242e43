"""The sample hub (data/) built with the repository's own mkdocs.yml: the portal sales see."""
import re

from conftest import REPO, article, broken_links, third_party_requests

from markupsafe import escape

from pmmhub.relate.catalog import load
from pmmhub.model import KINDS

MAX_PAGE = 60 * 1024


def test_the_sample_builds_strict_without_warnings(sample_build):
    assert "WARNING" not in sample_build.output, sample_build.output


def test_every_sample_entity_has_a_page(built_site):
    catalog = load(REPO / "data")
    assert len(catalog) > 0
    for record in catalog:
        page = built_site / KINDS[record.kind].folder / record.id / "index.html"
        assert page.is_file(), record.path
        assert f"<h1>{escape(record.entity.name)}</h1>" in article(page.read_text(encoding="utf-8"))


def test_every_listing_and_the_hand_written_pages_exist(built_site):
    for path in ["index.html", "authoring/index.html", "portfolio/index.html", "industries/index.html",
                 *(f"{k.folder}/index.html" for k in KINDS.values())]:
        assert (built_site / path).is_file(), path


def test_no_broken_links_and_no_third_party_requests(built_site):
    assert broken_links(built_site) == []
    assert third_party_requests(built_site) == []


def test_pages_stay_small(built_site):
    largest = max((p.stat().st_size, p.relative_to(built_site).as_posix()) for p in built_site.rglob("*.html"))
    assert largest[0] <= MAX_PAGE, largest


def test_the_theme_language_follows_hub_yml(built_site):
    language = load(REPO / "data").hub.language
    assert re.search(rf'<html lang="{language}"', (built_site / "index.html").read_text(encoding="utf-8"))
