#!/usr/bin/env python3
"""Screenshots of the portal for the README, made by the test tooling (tests/browserkit.py).

    .venv/bin/python scripts/screenshots.py [--site DIR] [--out docs/assets/screenshots]

Builds the sample hub (data/) with ``mkdocs build --strict`` on a fixed day (so "verified
N days ago" does not change from one run to the next), serves it on loopback and has
Debian's Chromium take each of SHOTS at its viewport: the home page and a battle card
(1280×900), a quick-deal toolkit narrowed to manufacturing (1280×1400) and the case-study
finder on a phone (390×844, filtered to retail, newest first). ``--site`` uses an existing
build instead.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browserkit import ARGS, CHROMIUM, VIEWPORT, serve  # noqa: E402
from conftest import build  # noqa: E402

PHONE = {"width": 390, "height": 844}
SHOTS = {  # file: (page, viewport)
    "home.png": ("", VIEWPORT),
    "battlecard.png": ("battlecards/shuheng-metricone/", VIEWPORT),
    "toolkit.png": ("toolkits/tidecrm/quick/?industry=manufacturing", {"width": 1280, "height": 1400}),
    "finder-phone.png": ("case-studies/?industry=retail&sort=newest", PHONE),
}


def build_sample(site: Path) -> Path:
    """The sample hub built into ``site`` on the fixture builds' fixed day; exits with the output on failure."""
    done = build(REPO, "sample hub", site=site)
    if done.returncode:
        sys.exit(done.output)
    return site


def take(site: Path, out: Path, browser=None) -> list[Path]:
    """Screenshot SHOTS of the built ``site`` into ``out`` with ``browser`` (or a Chromium of its own)."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                return take(site, out, browser)
            finally:
                browser.close()
    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as base:
        for name, (path, viewport) in SHOTS.items():
            phone = viewport is PHONE
            context = browser.new_context(viewport=viewport, locale="zh-CN", device_scale_factor=1,
                                          is_mobile=phone, has_touch=phone)
            try:
                page = context.new_page()
                page.goto(f"{base}/{path}")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=out / name, animations="disabled", caret="hide")
            finally:
                context.close()
    return [out / name for name in SHOTS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to use instead of building the sample hub")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "assets" / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_sample(Path(tmp) / "site")
        for file in take(site, args.out):
            print(file.relative_to(REPO) if file.is_relative_to(REPO) else file)


if __name__ == "__main__":
    main()
