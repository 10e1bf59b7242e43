"""The two editions of the canary hub, built with ``hub build`` (tests/fixtures/publish).

The canary hub plants a canary (``CANARY-… 金丝雀机密``) in every place the data contract
keeps internal: an internal entity of every kind with one in every text field and URL,
``internal_notes`` of every kind, internal pricing, an internal asset, a public case study
without approval, an anonymous customer's name, a page marked ``audience: internal``, and
public entities that refer to all of them. The internal edition shows every canary but the
anonymous name; the public edition shows none, in any file, and links nowhere it should not.
"""
import re

import pytest
from conftest import article, broken_links, hrefs, links_from, search_rows, text
from fixtures.publish.builds import COMMIT_DAY, DATA, DOCS, SITE_URL, canary_editions, output_texts
from fixtures.publish.fill import CANARIES, paths_of, text_paths

from pmmhub.relate.catalog import load
from pmmhub.model import KINDS

MARKERS = ("CANARY", "金丝雀", "intranet.example")  # every canary text has one; every internal URL is on intranet
ANONYMOUS = ("CANARY-anonymous-customer", "金丝雀匿名客户")
BANNER = "内部资料·金丝雀测试门户"  # data/hub.yml internal_banner
NOINDEX = '<meta name="robots" content="noindex, nofollow">'


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    return canary_editions(tmp_path_factory)


@pytest.fixture(scope="module")
def public(editions):
    return editions.public


@pytest.fixture(scope="module")
def internal(editions):
    return editions.internal


def page(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def html_pages(site):
    return sorted(site.rglob("*.html"))


# the fixture plants what it says ---------------------------------------------------------

def test_the_canary_hub_plants_a_canary_in_every_internal_only_place():
    catalog = load(DATA)
    assert not catalog.problems
    for id_, (kind, _) in CANARIES.items():  # every text field of every kind, no field left out
        entity = catalog.get(kind, id_).entity
        assert paths_of(entity) >= text_paths(KINDS[kind].model), f"{id_}: regenerate with tests/fixtures/publish/fill.py"
    assert {kind for kind, visibility in CANARIES.values() if visibility == "internal"} == set(KINDS)
    public = [r for r in catalog if r.entity.visibility == "public" and r.id not in CANARIES]
    assert {r.kind for r in public} == set(KINDS) - {"battlecard"}
    assert all("CANARY" in (r.entity.internal_notes or "") for r in public if r.id != "open-priced")
    product = catalog.get("product", "open-product").entity
    assert product.pricing.visibility == "internal" and "CANARY" in product.pricing.model
    assert [a.visibility for a in product.assets if "CANARY" in a.title] == ["internal"]
    assert catalog.get("case-study", "canary-unapproved").entity.approvals.public_story is False
    customer = catalog.get("case-study", "open-case-study").entity.customer
    assert customer.anonymous and customer.name.startswith(ANONYMOUS[0])
    assert "audience: internal" in (DOCS / "canary-internal.md").read_text(encoding="utf-8")


def test_the_internal_edition_shows_every_canary_but_the_anonymous_name(internal):
    planted = set()
    for file in [*DATA.rglob("*.yml"), *DOCS.glob("*.md")]:
        planted |= set(re.findall(r"CANARY-[A-Za-z0-9-]+", file.read_text(encoding="utf-8")))
    shown = "\n".join(output_texts(internal).values())
    assert len(planted) > 100
    # customer.aliases are what the anonymity check looks for, never content: no page shows them
    aliases = {c for c in planted if c.endswith("-customer-aliases")}
    assert len(aliases) == 2
    assert sorted(c for c in planted - aliases if c not in shown) == [ANONYMOUS[0]]
    assert not any(alias in shown for alias in aliases)


# 1. absent everywhere -------------------------------------------------------------------

def test_no_canary_reaches_any_file_of_the_public_edition(public):
    files = output_texts(public)
    assert "hub-search/meta.json" in files and "sitemap.xml" in files and "404.html" in files
    assert not [name for name in files if name.startswith("search/")]  # the theme's index (unused) is not made
    found = [f"{name}: {marker}" for name, content in files.items() for marker in MARKERS if marker in content]
    assert found == []


def test_the_public_edition_has_pages_for_public_entities_only(public, internal):
    for path in ("products/open-product", "products/open-priced", "personas/open-persona",
                 "case-studies/open-case-study", "solutions/open-solution", "launches/open-launch", "open-guide"):
        assert (public / path / "index.html").is_file(), path
    for id_, (kind, _) in CANARIES.items():
        assert (internal / KINDS[kind].folder / id_ / "index.html").is_file()
        assert not (public / KINDS[kind].folder / id_).exists(), id_
    assert not (public / "canary-internal").exists() and (internal / "canary-internal" / "index.html").is_file()
    for page_ in ("authoring", "contributing", "deploy"):  # the repository's own pages marked audience: internal
        assert not (public / page_).exists()


def test_a_kind_with_nothing_public_has_no_listing_no_index_and_no_nav_entry(public, internal):
    assert (internal / "battlecards" / "index.html").is_file()
    assert not (public / "battlecards").exists()
    rows = search_rows(public)
    assert rows and not [row[0] for row in rows if row[0].startswith(("battlecards/", "canary-internal/"))]
    for file in html_pages(public):  # navigation, header and footer of every page, the 404 page included
        html = file.read_text(encoding="utf-8")
        if "<article" in html:
            html = html[: html.index("<article")] + html[html.index("</article>"):]
        targets = set(re.findall(r'href="([^"]*)"', html))
        assert not {t for t in targets if re.search(r"(^|/)(battlecards|canary-internal|authoring|deploy)/", t)}, file
    assert 'href="battlecards/"' in page(internal, "")


def test_the_public_sitemap_lists_public_pages_only(public):
    sitemap = (public / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"{SITE_URL}products/open-product/" in urls
    pages = {u[len(SITE_URL):] for u in urls}
    assert all((public / p / "index.html").is_file() for p in pages), pages
    assert not [u for u in urls if "canary" in u or "battlecards" in u]


def test_no_public_page_links_to_a_page_that_is_not_there(public):
    assert [b for b in broken_links(public) if not b.startswith("index.html:")] == []


def test_the_home_page_has_no_way_into_a_kind_with_nothing_public(public):
    assert [b for b in broken_links(public) if b.startswith("index.html:")] == []


def test_a_public_page_that_refers_to_internal_content_neither_links_to_it_nor_names_it(public, internal):
    referring = ("products/open-product/", "case-studies/open-case-study/", "solutions/open-solution/",
                 "personas/open-persona/", "open-guide/")
    for path in referring:
        full, shown = page(internal, path), page(public, path)
        assert "canary-" in " ".join(hrefs(article(full)))  # the internal edition links the internal entities…
        assert "canary-" not in " ".join(hrefs(shown)), path  # …the public one does not
        assert all((public / target / "index.html").is_file() for target in links_from(shown, path)), path
        assert "CANARY" in text(article(full)) and "CANARY" not in text(shown)
    assert 'id="competitors"' not in page(public, "products/open-product/")  # only internal battle cards
    assert "PUBLIC-product-evidence" in text(page(public, "products/open-product/"))  # public proof stays


def test_public_pricing_stays_internal_pricing_goes(public):
    assert "PUBLIC-pricing-model" in text(page(public, "products/open-priced/"))
    assert 'id="pricing"' not in page(public, "products/open-product/")
    assert "PUBLIC-product-asset" in text(page(public, "products/open-product/"))


def test_an_anonymous_customer_is_nameless_in_both_editions_search_index_included(public, internal):
    for site in (public, internal):
        found = [name for name, content in output_texts(site).items() if any(a in content for a in ANONYMOUS)]
        assert found == [], site.name
        assert "某制造客户（匿名）" in text(page(site, "case-studies/open-case-study/"))


# 6. internal hygiene --------------------------------------------------------------------

def test_every_internal_page_carries_noindex_and_the_banner_from_hub_yml(internal):
    pages = html_pages(internal)
    assert len(pages) > 20
    for file in pages:
        html = file.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        assert NOINDEX in head, file
        copy = file.parent.name == "customer"  # a customer copy is the customer's page: no internal banner
        assert (f'<span class="hub-banner">{BANNER}</span>' in html) != copy, file


def test_the_internal_robots_txt_disallows_everything(internal):
    lines = [line for line in (internal / "robots.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert lines == ["User-agent: *", "Disallow: /"]


def test_the_public_edition_has_no_noindex_no_banner_no_disallow_all(public):
    for file in html_pages(public):
        html = file.read_text(encoding="utf-8")
        assert 'name="robots"' not in html and "hub-banner" not in html and BANNER not in html, file
    robots = public / "robots.txt"
    assert not robots.exists() or "Disallow: /\n" not in robots.read_text(encoding="utf-8")


def test_dates_come_from_the_last_commit(public, internal):
    for site in (public, internal):
        assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site / "sitemap.xml").read_text())) == {COMMIT_DAY}
