"""Two engines, one site: the sample hub built by MkDocs + Material and by Zensical from one rendered tree.

Known differences, by design of Zensical 0.0.73 (README, "Engines"): it writes a search index of
its own (the portal's search opens the hub's under both engines), and it runs no MkDocs plugins,
so ``hub render`` expands the macros of hand-written pages for it. Everything a page says is the same.
"""
import datetime as dt
import html
import re

import pytest
from conftest import REPO, BUILD_DAY, article, broken_links, make_project

from pmmhub.engines.run import build_with
from pmmhub.model import KINDS
from pmmhub.publish.build import check_leaks
from pmmhub.relate.catalog import load
from pmmhub.relate.editions import edition

@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """{(engine, audience): site} of the sample hub, every edition with every engine."""
    project = make_project(tmp_path_factory.mktemp("engines") / "project", data=REPO / "data")
    out = {}
    for engine in ("mkdocs", "zensical"):
        for audience in ("internal", "public"):
            site = project.parent / f"site-{engine}-{audience}"
            build_with(engine, project / "mkdocs.yml", audience, site, day=BUILD_DAY)
            out[engine, audience] = site
    return out


def text(page: str) -> str:
    body = re.sub(r"<(script|style|svg)\b.*?</\1>|<a class=\"headerlink\".*?</a>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
@pytest.mark.parametrize("audience", ["internal", "public"])
def test_every_entity_of_the_edition_has_its_page(sites, engine, audience):
    catalog = edition(load(REPO / "data"), audience)
    site = sites[engine, audience]
    for record in catalog:
        assert (site / KINDS[record.kind].folder / record.id / "index.html").is_file(), record.key
    assert (site / "hub-search" / "meta.json").is_file()  # the hub's search index, under either engine
    assert (site / "robots.txt").is_file() == (audience == "internal")


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
@pytest.mark.parametrize("audience", ["internal", "public"])
def test_internal_links_resolve(sites, engine, audience):
    assert broken_links(sites[engine, audience]) == []


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_public_edition_passes_the_leak_check(sites, engine):
    assert check_leaks(sites[engine, "public"], REPO / "data", "public") == []
    assert not (sites[engine, "public"] / "battlecards").exists()


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_each_page_says_the_same_under_both_engines(sites, audience):
    material, zensical = sites["mkdocs", audience], sites["zensical", audience]
    pages = sorted(p.relative_to(material) for p in material.rglob("index.html") if p.parent != material / "404")
    assert len(pages) > (30 if audience == "internal" else 10)
    for page in pages:
        ours, theirs = (article((root / page).read_text(encoding="utf-8")) for root in (material, zensical))
        assert text(ours) == text(theirs), page
        assert text(ours), page


def test_both_engines_carry_the_edition_chrome(sites):
    for engine in ("mkdocs", "zensical"):
        internal = (sites[engine, "internal"] / "battlecards" / "qingwu-crm" / "index.html").read_text(encoding="utf-8")
        assert "内部资料，请勿外传" in internal and 'content="noindex, nofollow"' in internal, engine
        assert 'href="https://git.chengchao.example/pmm/hub/-/edit/main/data/battlecards/qingwu-crm.yml"' in internal
        public = (sites[engine, "public"] / "index.html").read_text(encoding="utf-8")
        assert "内部资料" not in public and "git.chengchao.example" not in public, engine
        assert '<html lang="zh"' in public.replace("lang=zh", 'lang="zh"'), engine


def test_a_bad_macro_fails_the_zensical_build_with_page_and_line(tmp_path):
    """Under Zensical `hub render` runs the macros itself: the same errors as under MkDocs, with page and line."""
    import subprocess
    import sys
    from pathlib import Path

    page = "---\ntitle: 简报\n---\n\n# 简报\n\n{{ product_card(\"lanyu\") }}\n"
    project = make_project(tmp_path / "project", pages={"brief.md": page})
    done = subprocess.run([str(Path(sys.executable).parent / "hub"), "build", "--engine", "zensical",
                           "--site-dir", str(tmp_path / "site")], cwd=project, capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "docs/brief.md:7:1: product_card: no product with id 'lanyu'" in done.stderr, done.stderr
    assert "did you mean 'lanyun'?" in done.stderr and not (tmp_path / "site").exists()
