"""Real-browser testing: a built site served on loopback, and Debian's Chromium driven by
Playwright. ``conftest.py`` registers the fixtures for every test module; import the helpers.

``browser``    one headless Chromium per session (per xdist worker);
``page``       a fresh page in its own context (1280×900, zh-CN) that fails the test on a
               JavaScript error; ``new_page(browser, **options)`` makes one with other
               context options (clipboard permissions, JavaScript off, a colour scheme);
``site_url``   the sample hub's built site (``built_site``) served on 127.0.0.1 for the session;
``serve(site)`` serves any built site, as a context manager.

Without a browser the tests skip with the reason, except under ``CI=true`` where a
missing browser is a failure.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("HUB_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def _missing_browser() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no browser at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(site: Path):
    """Serve ``site`` on 127.0.0.1 on a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium for the whole session (one per xdist worker)."""
    reason = _missing_browser()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run under CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


VIEWPORT = {"width": 1280, "height": 900}


@contextmanager
def new_page(browser, **options):
    """A page in a context of its own (``options`` go to ``browser.new_context``); fails on page errors."""
    context = browser.new_context(**{"viewport": VIEWPORT, "locale": "zh-CN", **options})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield page
    finally:
        context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


@pytest.fixture
def page(browser):
    """A fresh page (own context) that fails the test on any page error."""
    with new_page(browser) as page:
        yield page


@pytest.fixture(scope="session")
def site_url(built_site):
    """The base URL of the sample hub's portal, served on loopback for the whole session."""
    with serve(built_site) as url:
        yield url
