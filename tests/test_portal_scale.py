"""At 1,000 entities no page grows with the hub: the largest page stays under 60 KB of HTML.

A real build of a synthetic hub takes about half a minute on two cores, so it runs only
with HUB_SLOW_TESTS=1 (scripts/bench.py measures the same, with timings).
"""
import datetime as dt
import os

import pytest
from conftest import build, make_project

pytestmark = pytest.mark.skipif(not os.environ.get("HUB_SLOW_TESTS"), reason="set HUB_SLOW_TESTS=1 to run")
MAX_PAGE = 60 * 1024


def test_at_1000_entities_the_largest_page_is_under_60_kb(tmp_path):
    from macros.synth import generate

    generate(tmp_path / "synth", 1000, seed=1, today=dt.date(2026, 11, 20))
    done = build(make_project(tmp_path / "portal", data=tmp_path / "synth" / "data"), "synthetic hub, 1,000 entities")
    assert done.returncode == 0, done.output[-3000:]
    pages = sorted((p.stat().st_size, p.relative_to(done.site).as_posix()) for p in done.site.rglob("*.html"))
    assert len(pages) > 1000
    assert pages[-1][0] <= MAX_PAGE, pages[-5:]
