"""The portal in a real browser (Debian's Chromium): nothing runs from data, nothing leaves.

* Data cannot run script: the injection-payload hub (tests/fixtures/publish/payloads.py,
  also read structurally by tests/test_sanitise_payloads.py) is loaded page by page — every
  page but the entity pages, and a third of those (each payload in two kinds' pages) — then
  searched, which renders the search index's text: no dialog, no console mark, no
  ``window.__pwned``, no request to another host (the payloads aim at evil.example).
* No request leaves the site (no web fonts, no CDN, no analytics: the portal is internal):
  the sample hub's home page, a battle card, a case study and a listing, with search opened
  (the search worker, its index, its language files), fetch nothing outside the site's own
  origin; every built edition's HTML and CSS name no asset on another host, and the hub's
  own scripts hold no address of one.
"""
import re

import pytest
from browserkit import serve
from conftest import third_party_requests
from fixtures.publish.builds import canary_editions
from fixtures.publish.payloads import PAYLOADS, checked_pages, payload_site

from pmmhub.publish.leakcheck import theme_file
from pmmhub.model import KINDS

PAGES = ["", "battlecards/fengtu-bi/", "case-studies/jinhe-retail-member-data/", "case-studies/", "products/tidehub/"]


def test_the_portal_requests_nothing_from_another_host(built_site, browser):
    for page in PAGES:
        assert (built_site / page / "index.html").is_file(), page
    context = browser.new_context(locale="zh-CN", service_workers="block")
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    with serve(built_site) as base:
        for page in PAGES:
            tab.goto(f"{base}/{page}", wait_until="networkidle")
        tab.keyboard.press("/")
        tab.keyboard.type("TideHub")
        tab.wait_for_selector(".hub-find__item", timeout=10_000)
        tab.wait_for_load_state("networkidle")
    context.close()
    assert any("/hub-search/t/" in url for url in requests)  # the search did load
    assert [url for url in requests if not url.startswith((base + "/", "data:", "blob:"))] == []


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    return canary_editions(tmp_path_factory)


def own_scripts(site):
    """The site's scripts that are not Material's own files, unchanged."""
    return [p for p in sorted(site.rglob("*.js")) if not theme_file(site, p)]


def test_no_built_page_or_style_loads_an_asset_from_another_host(built_site, editions):
    for site in (built_site, editions.internal, editions.public):
        assert third_party_requests(site) == [], site


def test_the_hubs_own_scripts_name_no_other_host(built_site, editions):
    for site in (built_site, editions.internal, editions.public):
        scripts = own_scripts(site)
        assert {p.name for p in scripts} >= {"hub.js"}
        found = [f"{p.relative_to(site)}: {url}" for p in scripts
                 for url in re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", p.read_text(encoding="utf-8"))]
        assert found == [], site


# data cannot run script ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def payload_built(tmp_path_factory):
    return payload_site(tmp_path_factory)


def browser_pages(site) -> list[str]:
    """Every page but the entity pages, and of those a third: each payload in two kinds' pages
    (a page load costs a quarter of a second; tests/test_sanitise_payloads.py reads every page)."""
    pages = []
    for file in checked_pages(site):
        parts = file.relative_to(site).parts
        kind = next((k for k, spec in KINDS.items() if parts[0] == spec.folder), None)
        if file.name != "index.html":
            continue
        if kind and len(parts) == 3 and parts[1] != "page" and "-" in parts[1]:  # an entity of the payload hub
            n, k = int(parts[1].rsplit("-", 1)[1]), list(KINDS).index(kind)
            if (n + k) % 3:
                continue
        pages.append(file.relative_to(site).as_posix())
    return pages


# Reports to the test when data runs: payloads log PWNED, set window.__pwned or open a dialog.
WATCH = """
(() => {
  const report = (what) => window.__hubReport(what);
  for (const name of ["log", "info", "warn", "error", "debug"]) {
    const original = console[name];
    console[name] = function (...args) {
      const text = args.map(String).join(" ");
      if (/PWNED|__pwned|evil\\.example/.test(text)) report(`console.${name}: ${text}`);
      return original.apply(this, args);
    };
  }
  Object.defineProperty(window, "__pwned", {set(value) { report(`window.__pwned = ${value}`); }, get() {}});
})();
"""


def test_no_payload_runs_in_the_browser(payload_built, browser):
    site = payload_built
    pages = browser_pages(site)
    assert len(pages) > 2 * len(PAYLOADS)
    context = browser.new_context(locale="zh-CN", service_workers="block")
    seen: list[str] = []
    context.expose_binding("__hubReport", lambda source, what: seen.append(f"{source['frame'].url}: {what}"))
    context.add_init_script(WATCH)
    tab = context.new_page()
    tab.on("dialog", lambda dialog: (seen.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    with serve(site) as base:
        tab.on("request", lambda request: request.url.startswith((base, "data:", "blob:"))
               or seen.append(f"request: {request.url}"))
        for path in pages:
            tab.goto(f"{base}/{path}", wait_until="load")
        tab.evaluate("console.log('PWNED: the watch works')")  # the watch itself reports
        assert seen and seen.pop().endswith("console.log: PWNED: the watch works")
        # search results render the index's text (every page's): search for what the payloads hold
        tab.keyboard.press("/")
        tab.keyboard.type("PWNED script")
        tab.wait_for_selector(".hub-find__item", timeout=10_000)
        tab.wait_for_timeout(300)
    context.close()
    assert seen == []
