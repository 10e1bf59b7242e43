"""Customer copies: every entity the public edition has gets a customer-safe copy in the internal
edition (``<folder>/<id>/customer/``), every public product its sendable quick kit; a copy holds what
the public edition shows, links only into the hosted public edition, and the build leak-checks it."""
import io
import re
import shutil

import pypdf
import pytest
from browserkit import new_page, serve
from conftest import BUILD_DAY, REPO, make_project, text
from fixtures.publish.builds import DATA as CANARY_DATA, canary_editions, hub_build

from pmmhub.model import KINDS
from pmmhub.publish.leakcheck import copy_files, copy_leaks
from pmmhub.relate.catalog import load as load_catalog
from pmmhub.relate.editions import edition
from pmmhub.render.producers import customer_copies
from pmmhub.render.site import load

PUBLIC_URL = "https://resources.chengchao.example/"
CANARY = re.compile(r"CANARY|金丝雀")
HREF = re.compile(r'\b(?:href|src)="([^"]*)"')


def copies(site) -> dict:
    return {page.src: page for page in customer_copies.pages(site)}


@pytest.fixture(scope="module")
def sample():
    return load(REPO / "data", day=BUILD_DAY)


@pytest.fixture(scope="module")
def canary():
    return load(CANARY_DATA, day=BUILD_DAY)


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    return canary_editions(tmp_path_factory)


# what is copied ----------------------------------------------------------------

def test_every_entity_of_the_public_edition_and_every_public_products_quick_kit_has_a_copy(sample):
    public = edition(sample.full, "public")
    expected = {f"{KINDS[r.kind].folder}/{r.id}/customer.md" for r in public}
    expected |= {f"toolkits/{p.id}/quick/customer.md" for p in public.all("product")
                 if p.entity.lifecycle.stage != "end-of-life"}
    found = copies(sample)
    assert set(found) == expected and len(expected) > 10
    assert found["products/tidecrm/customer.md"].source == (REPO / "data" / "products" / "tidecrm.yml").resolve()
    assert not any(page.in_nav for page in found.values())
    assert not any(src.startswith("battlecards/") for src in found)


def test_the_public_edition_has_no_copies(tmp_path):
    assert copies(load(REPO / "data", day=BUILD_DAY, audience="public")) == {}


def test_a_copy_is_the_public_page_with_no_banner_search_or_navigation(sample):
    page = copies(sample)["case-studies/jinhe-retail-member-data/customer.md"].content
    head = page.split("\n---\n", 1)[0]
    for flag in ('customer_copy: true', 'search: {"exclude": true}', '"navigation"', "render_macros: false"):
        assert flag in head, flag
    public = load(REPO / "data", day=BUILD_DAY, audience="public")
    shown = {p.src: p.content for p in public.pages}["case-studies/jinhe-retail-member-data.md"]
    assert "锦禾优选" in page and "客户授权" not in page and "天前核实" not in page  # no approvals, no review age
    assert "可对客户公开" not in page and "@" not in text(page).replace("hello@chengchao.example", "")
    body = shown.split("\n---\n", 1)[1]
    assert text(re.sub(HREF, "", body)) in text(re.sub(HREF, "", page))  # the public page's text, all of it


def data_urls(site) -> set[str]:
    """Every http(s) or mailto address the public projection's data holds (links, assets, contact)."""
    from pmmhub.model.fields import leaves

    public = edition(site.full, "public")
    found = {v for r in public for _, v, _ in leaves(r.entity) if isinstance(v, str) and v.startswith(("http", "mailto:"))}
    contact = public.hub.editions.get("public") and public.hub.editions["public"].contact
    return found | ({contact.url} if contact else set())


def test_links_lead_only_into_the_hosted_public_edition(sample):
    external = data_urls(sample)
    for src, page in copies(sample).items():
        targets = HREF.findall(page.content)
        assert targets, src
        for target in targets:
            assert target.startswith((PUBLIC_URL, "#")) or target in external, (src, target)
    kit = copies(sample)["toolkits/tidecrm/quick/customer.md"].content
    assert f'href="{PUBLIC_URL}case-studies/zhixia-tea-crm/"' in kit


def test_without_public_url_a_copy_links_nothing_in_the_portal(canary):
    assert canary.catalog.hub.public_url is None
    external = data_urls(canary)
    for src, page in copies(canary).items():
        for target in HREF.findall(page.content):
            assert target.startswith("#") or target in external, (src, target)
    copy = copies(canary)["products/open-product/customer.md"].content
    public = edition(canary.full, "public")
    named = [r.entity.name for r in public.all("case-study")]
    assert named and any(name in copy for name in named)  # a related page is named, as text


def test_the_sendable_kit_has_no_objections_battle_cards_or_internal_prices(canary, sample):
    kit = copies(sample)["toolkits/tidecrm/quick/customer.md"].content
    for section in ('data-hub-section="pitch"', 'data-hub-section="pricing"', 'data-hub-section="case_studies"'):
        assert section in kit
    for rep_only in ("objections", "battlecards", "hub-kit__gaps", "toolkit.source", "来源 →", "接受回访"):
        assert rep_only not in kit, rep_only
    for src, page in copies(canary).items():
        assert not CANARY.search(page.content), src  # no internal price tier, no internal case study


def test_the_internal_entity_page_offers_the_customer_copy(sample):
    pages = {p.src: p.content for p in sample.pages}
    product = pages["products/tidecrm.md"]
    assert 'href="customer/"' in product and 'href="customer/?print"' in product
    assert f'<span class="hub-copy"><a href="{PUBLIC_URL}products/tidecrm/">' in product
    assert "hub-customer" not in pages["products/tideinsight.md"]  # internal: no copy to offer
    assert 'hub-customer__open" href="customer/"' in pages["toolkits/tidecrm/quick.md"]


# the leak check ------------------------------------------------------------------

def test_the_leak_check_finds_a_planted_canary_in_a_copy_and_only_there(editions, tmp_path):
    site = shutil.copytree(editions.internal, tmp_path / "site")
    full = load_catalog(editions.project / "data")
    pages = {f"{folder}/{id_}/customer.md" for folder, id_ in (("products", "open-product"),
                                                               ("case-studies", "open-case-study"))}
    files, missing = copy_files(site, pages)
    assert len(files) == 2 and missing == []
    assert copy_leaks(site, full, files) == []  # as built: clean
    copy = site / "case-studies" / "open-case-study" / "customer" / "index.html"
    internal_page = site / "case-studies" / "open-case-study" / "index.html"
    assert "CANARY-case-study-internal-notes" in internal_page.read_text(encoding="utf-8")  # the rep's page has it
    copy.write_text(copy.read_text(encoding="utf-8").replace(
        "</article>", "<p>CANARY-case-study-internal-notes 金丝雀机密</p></article>"), encoding="utf-8")
    leaks = copy_leaks(site, full, files)
    assert leaks and {leak.file for leak in leaks} == {"case-studies/open-case-study/customer/index.html"}
    assert any(leak.text == "CANARY-case-study-internal-notes 金丝雀机密" and leak.source.endswith(": internal_notes")
               for leak in leaks), leaks
    assert copy_files(site, pages | {"products/not-built/customer.md"})[1] == ["products/not-built/customer.md"]


def test_a_staff_handle_banner_or_internal_site_name_in_a_copy_is_a_leak(tmp_path):
    """The public projection keeps ``owner`` for its own use; no customer-facing file may show it."""
    full = load_catalog(REPO / "data")
    site = tmp_path / "site"
    (site / "products/tidecrm/customer").mkdir(parents=True)
    copy = site / "products/tidecrm/customer/index.html"
    hub = full.hub
    planted = {full.get("product", "tidecrm").entity.owner: "products/tidecrm.yml: owner",
               hub.internal_banner: "hub.yml: internal_banner",
               hub.editions["internal"].site_name: "hub.yml: editions.internal.site_name"}
    for secret, source in planted.items():
        copy.write_text(f"<html><body><p>负责人 {secret}</p></body></html>", encoding="utf-8")
        leaks = copy_leaks(site, full, [copy])
        assert [leak.text for leak in leaks] == [secret] and leaks[0].source.endswith(source), (secret, leaks)
    copy.write_text("<html><body><p>TideCRM 销售云</p></body></html>", encoding="utf-8")
    assert copy_leaks(site, full, [copy]) == []


def test_no_built_copy_holds_a_canary(editions):
    built = sorted(editions.internal.glob("**/customer/index.html"))
    assert {p.parent.parent.name for p in built} >= {"open-product", "open-case-study", "open-solution",
                                                     "open-persona", "open-launch", "open-priced"}
    for page in built:
        html = page.read_text(encoding="utf-8")
        assert not CANARY.search(html), page
        assert "内部资料·金丝雀测试门户" not in html  # no internal banner


# in Chromium ------------------------------------------------------------------------

def test_open_print_and_copy_the_link_from_the_entity_page(browser, site_url):
    with new_page(browser, permissions=["clipboard-read", "clipboard-write"]) as page:
        page.add_init_script("window.print = function () { window.__printed = (window.__printed || 0) + 1; };")
        page.goto(f"{site_url}/products/tidecrm/")
        box = page.locator(".hub-customer")
        assert box.is_visible()
        box.locator(".hub-customer__link .hub-copy__button").click()
        assert page.evaluate("navigator.clipboard.readText()") == f"{PUBLIC_URL}products/tidecrm/"
        box.locator(".hub-customer__open").click()
        page.wait_for_url("**/products/tidecrm/customer/")
        assert page.title() == "TideCRM 销售云 - 澄潮数智 · 客户资源中心"  # the tab, the PDF's title
        assert "销售门户" not in page.content() and "竞争卡片" not in page.content()
        assert page.locator(".md-banner, .md-sidebar--primary .md-nav__link, .md-footer, .md-search").count() == 0
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
        assert hrefs and all(h.startswith((PUBLIC_URL, "https://", "mailto:", "#")) for h in hrefs), hrefs
        assert page.evaluate("window.__printed || 0") == 0
        page.goto(f"{site_url}/products/tidecrm/")
        page.locator(".hub-customer__print").click()
        page.wait_for_url("**/products/tidecrm/customer/?print")
        page.wait_for_function("window.__printed === 1")


def test_a_kit_copy_keeps_the_industry_the_kit_is_narrowed_to(page, site_url):
    page.goto(f"{site_url}/toolkits/tidecrm/quick/?industry=manufacturing")
    page.locator(".hub-kit .hub-customer__open").click()
    page.wait_for_url("**/toolkits/tidecrm/quick/customer/?industry=manufacturing")
    shown = page.locator(".hub-kit__section[data-hub-section=case_studies] .hub-kit__item:visible")
    assert shown.count() >= 1
    assert all(i == "hengyue-precision-crm" for i in shown.evaluate_all("els => els.map(e => e.dataset.hubId)"))


def test_a_copy_prints_with_no_internal_text(browser, editions, tmp_path):
    with serve(editions.internal) as url, new_page(browser) as page:
        page.goto(f"{url}/products/open-product/customer/")
        page.emulate_media(media="print")
        printed = page.locator("body").inner_text()
        assert "PUBLIC-product" in printed and not CANARY.search(printed)
        pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
        paper = "".join(sheet.extract_text() for sheet in pdf.pages)
        assert "PUBLIC-product" in paper and not CANARY.search(paper)
        assert "内部资料·金丝雀测试门户" not in paper  # no banner on paper either


def test_a_theme_that_puts_the_banner_on_copies_fails_the_build(tmp_path):
    """A careless theme edit shows the internal banner on customer copies: `hub build` refuses it."""
    project = make_project(tmp_path / "project", data=REPO / "data")
    main = project / "overrides" / "main.html"
    guard = " and not (page.meta and page.meta.customer_copy)"
    assert guard in main.read_text(encoding="utf-8")
    main.write_text(main.read_text(encoding="utf-8").replace(guard, "", 1), encoding="utf-8")
    done = hub_build(project, "internal", tmp_path / "site")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "leak check of the customer copies failed" in done.stderr
    assert "products/tidecrm/customer/index.html: contains internal text '内部资料，请勿外传' from hub.yml: internal_banner" \
        in done.stderr
    assert not (tmp_path / "site").exists()  # nothing half-written
