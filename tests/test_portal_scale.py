"""At 1,000 entities no page grows with the hub: the largest page stays under 60 KB of HTML.

A real build of a synthetic hub: about half a minute on two cores (scripts/bench.py
measures the same at 1,000 and 2,000 entities, with timings).
"""

from conftest import BUILD_DAY, build, built, make_project

MAX_PAGE = 60 * 1024


def test_at_1000_entities_the_largest_page_is_under_60_kb(tmp_path):
    from hubdev.synth import generate

    generate(tmp_path / "synth", 1000, seed=1, today=BUILD_DAY)
    done = built(build(make_project(tmp_path / "portal", data=tmp_path / "synth" / "data"),
                       "synthetic hub, 1,000 entities"))
    pages = sorted((p.stat().st_size, p.relative_to(done.site).as_posix()) for p in done.site.rglob("*.html"))
    assert len(pages) > 1000
    assert pages[-1][0] <= MAX_PAGE, pages[-5:]
