"""No page grows with the hub: in a skewed hub whose flagship product is cited by 300+ case
studies, the largest page stays under 60 KB of HTML, and every cut list ends in "all n →",
a link to the finder filtered to that relation.

A real build of a synthetic hub with a real hub's long tail (``hub synth`` skewed mode):
about a minute on two cores (scripts/bench.py measures the same at larger sizes, with timings).
"""
import collections
import re

from conftest import BUILD_DAY, build, built, make_project

from pmmhub.relate.catalog import load

MAX_PAGE = 60 * 1024


def test_a_flagship_with_300_case_studies_keeps_every_page_under_60_kb(tmp_path):
    from hubdev.synth import generate

    generate(tmp_path / "synth", 1800, seed=2, today=BUILD_DAY, skewed=True)
    catalog = load(tmp_path / "synth" / "data")
    flagship, cited = collections.Counter(p for r in catalog.all("case-study") for p in r.entity.products).most_common(1)[0]
    assert cited >= 300
    done = built(build(make_project(tmp_path / "portal", data=tmp_path / "synth" / "data"),
                       "skewed synthetic hub, 1,800 entities"))
    pages = sorted((p.stat().st_size, p.relative_to(done.site).as_posix()) for p in done.site.rglob("*.html"))
    assert len(pages) > 1800
    assert pages[-1][0] <= MAX_PAGE, pages[-5:]
    page = done.page(f"products/{flagship}/")
    assert f'href="../../case-studies/?product={flagship}"' in page  # all of them, in the finder
    product = catalog.get("product", flagship)
    named = {r.key for r in catalog.targets(product)}  # proof the product cites itself is listed on the page already
    related = [r for r in catalog.referrers("product", flagship, "case-study") if r.key not in named]
    assert f"全部 {len(related)} 项" in page
    group = page[page.index('<div class="hub-related" data-hub-kind="case-study"'):]
    group = group[: group.index('<div class="hub-related"', 10) if '<div class="hub-related"' in group[10:] else None]
    assert 0 < group.count("<li ") <= 12
