"""The search at scale: one query downloads at most 500 KB, whatever the hub's size.

A synthetic hub of 1,000 entities (and a skewed one: a few kinds and words dominate) is
rendered for real and indexed; its index is served inside the built sample portal (the
search UI is the same on every page) and queried in Chromium, counting the bytes of every
index file a query fetches. Times are not asserted here (they depend on the machine):
``scripts/bench_search.py`` measures them for the README's benchmark table.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from browserkit import serve
from conftest import REPO, make_project

from pmmhub.engines import config as project_config
from pmmhub.engines.run import build_with
from pmmhub.render.edition import prepare
from pmmhub.search import FOLDER, write_index

LIMIT = 500_000
QUERIES = ("零售", "TideHub", "价格太贵", "数据治理 案例", "retail cheaper", "指标平台 私有化部署 信创", "客户说你们比竞品贵很多怎么回答",
           "a", "数",
           # hostile: as many different first characters as a query may hold, Chinese and English
           "零一二三四五六七八九十百千万亿甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥东南西北中上下左右前后内外春夏秋冬金木水火土",
           " ".join(f"{a}{b}x" for a in "abcdefghij" for b in "aeiou"))


def rendered(root: Path, data: Path):
    make_project(root, data=data)
    config = project_config.read(root / "mkdocs.yml")
    options = {**project_config.hub_options(config), "audience": "internal"}
    return prepare(root, config, plugin_options=options, out=root / "build" / "docs", day=dt.date.today())


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """The sample portal, built (its pages carry the search UI)."""
    root = tmp_path_factory.mktemp("portal")
    make_project(root, data=REPO / "data")
    build_with("mkdocs", root / "mkdocs.yml", "internal", root / "site", day=dt.date(2026, 12, 1))
    return root / "site"


def bytes_per_query(page, url: str, query: str) -> int:
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(len(r.body())) if f"/{FOLDER}/" in r.url else None)
    page.goto(f"{url}/")
    page.focus(".hub-search .hub-find__input")
    page.keyboard.insert_text(query)
    page.wait_for_selector(f".hub-search[data-hub-find-query={json.dumps(query, ensure_ascii=False)}]",
                           state="attached", timeout=30_000)
    page.wait_for_load_state("networkidle")
    return sum(sizes)


@pytest.mark.parametrize("skewed", [False, True], ids=["even", "skewed"])
def test_one_query_downloads_at_most_500_kb_at_1000_entities(browser, portal, tmp_path, skewed):
    from browserkit import new_page
    from hubdev.synth import generate

    generate(tmp_path / "hub", 1000, skewed=skewed) if skewed else generate(tmp_path / "hub", 1000)
    prepared = rendered(tmp_path / "project", tmp_path / "hub" / "data")
    site = tmp_path / "site"
    shutil.copytree(portal, site)
    written = write_index(site, prepared)
    meta = json.loads(written[f"{FOLDER}/meta.json"])
    assert meta["count"] >= 1000 and meta["shards"] > 1
    largest = max(len(data) for rel, data in written.items() if "/t/" in rel)
    with serve(site) as url:
        figures = {}
        for query in QUERIES:
            with new_page(browser) as tab:  # a cold cache for every query
                figures[query] = bytes_per_query(tab, url, query)
    print(f"\nbytes per query at 1,000 entities ({'skewed' if skewed else 'even'}; largest shard {largest}): {figures}")
    assert max(figures.values()) <= LIMIT, figures
    assert min(figures.values()) > 0
