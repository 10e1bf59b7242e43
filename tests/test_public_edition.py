"""The public edition speaks to customers: its own site name and description, a home page that
leads with industries, solutions and case studies, a contact link on every page, and nothing of
the sales team's (role pages, staff handles, review ages, visibility badges, rep wording)."""
import re

import pytest
from browserkit import new_page, serve
from conftest import REPO, build, built, make_project

from pmmhub.relate.catalog import load as load_catalog
from pmmhub.render.i18n import labels

HUB = load_catalog(REPO / "data").hub
PUBLIC, INTERNAL = HUB.editions["public"], HUB.editions["internal"]
HANDLE = re.compile(r"@[a-z][a-z0-9]*(?:-[a-z0-9]+)+")  # an owner handle such as @chen-yuqing
REP_WORDS = ("天前核实", "今天核实", labels("zh")("visibility.public"), labels("zh")("home.by_role"),
             labels("zh")("js.print"), labels("zh")("roles.title"), "销售门户", "待复核", "竞争卡片")
PHONE = {"width": 390, "height": 844}
PAGES = ("", "case-studies/jinhe-retail-member-data/", "products/tidecrm/")


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("sample-public"), data=REPO / "data", audience="public")
    return built(build(project, "sample hub (public)"))


@pytest.fixture(scope="module")
def public_url(public):
    with serve(public.site) as url:
        yield url


def test_no_page_of_the_edition_holds_rep_only_text(public):
    assert INTERNAL.site_name and "销售门户" in INTERNAL.site_name
    for page in sorted(public.site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert not HANDLE.search(html), (page, HANDLE.search(html))
        for words in REP_WORDS:
            assert words not in html, (page, words)
    assert not (public.site / "roles").exists() and not (public.site / "whatsnew").exists()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_home_leads_with_industries_solutions_and_case_studies(browser, public_url, viewport):
    options = {"viewport": PHONE} if viewport == "phone" else {}
    with new_page(browser, **options) as page:
        page.goto(f"{public_url}/")
        assert page.title() == PUBLIC.site_name
        assert page.locator("meta[name=description]").get_attribute("content") == PUBLIC.site_description
        order = page.eval_on_selector_all(".hub-ways-in h2[id]", "els => els.map(e => e.id)")
        assert order[:3] == ["by-industry", "by-solution", "by-case-study"], order
        assert "by-role" not in order and "by-competitor" not in order
        assert page.locator("h1").inner_text().rstrip("¶") == labels("zh", "public")("home.title", company=HUB.company)
        _speaks_to_customers(page)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("path", PAGES[1:])
def test_an_entity_page_shows_no_handle_age_badge_or_rep_wording(browser, public_url, viewport, path):
    options = {"viewport": PHONE} if viewport == "phone" else {}
    with new_page(browser, **options) as page:
        page.goto(f"{public_url}/{path}")
        assert page.title().endswith(PUBLIC.site_name)
        assert page.locator(".hub-fresh, .hub-badge--visibility-public, .hub-customer, .hub-approvals").count() == 0
        assert page.locator(".hub-print__button").inner_text() == labels("zh", "public")("js.print")
        _speaks_to_customers(page)


def test_the_internal_edition_keeps_its_name_roles_and_handles(page, site_url):
    page.goto(f"{site_url}/")
    assert page.title() == INTERNAL.site_name
    assert page.locator(".hub-ways-in #by-role").is_visible() and page.locator(".hub-home-links a").count() == 2
    assert page.locator(".md-copyright__highlight").count() == 0  # no contact link for reps
    page.goto(f"{site_url}/products/tidecrm/")
    assert HANDLE.search(page.locator(".hub-fresh").inner_text())
    assert page.locator(".hub-header .hub-badge--visibility-public").is_visible() and page.locator(".hub-customer").is_visible()


def _speaks_to_customers(page) -> None:
    """No staff handle, role page, internal site name or rep wording anywhere on the page; the contact link."""
    body = page.locator("body").inner_text()
    assert not HANDLE.search(body), HANDLE.search(body)
    for words in REP_WORDS:
        assert words not in body, words
    assert page.locator("a[href*='roles/']").count() == 0
    contact = page.locator(".md-footer .md-copyright a.hub-contact")
    assert contact.get_attribute("href") == PUBLIC.contact.url and contact.inner_text() == PUBLIC.contact.label
    contact.scroll_into_view_if_needed()
    assert contact.is_visible()
