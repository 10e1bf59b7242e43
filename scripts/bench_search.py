"""Measure the hub's search on synthetic hubs: index time against build time, index size, time to
first results after page load and bytes downloaded per query, in Chromium.

    .venv/bin/python scripts/bench_search.py [--sizes 1000,10000] [--skewed] [--engine mkdocs]

Each size is generated (``hubdev.synth``), built with ``build_with`` and indexed with
``pmmhub.search.write_index``; the figures go in the README's benchmark table.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QUERIES = ("零售", "TideHub", "价格太贵", "数据治理 案例", "retail cheaper", "指标平台")


def project(root: Path, data: Path) -> Path:
    """A copy of the repository's portal project with ``data``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, root / folder, dirs_exist_ok=True)
    shutil.copytree(data, root / "data", dirs_exist_ok=True)
    return root


def build(root: Path, engine: str = "mkdocs") -> dict:
    """Build and index; seconds of each and the index's size."""
    from pmmhub.engines.run import build_with
    from pmmhub.search import write_index

    start = time.perf_counter()
    built = build_with(engine, root / "mkdocs.yml", "internal", root / "site", day=dt.date.today())
    middle = time.perf_counter()
    files = write_index(root / "site", built.prepared)
    end = time.perf_counter()
    shards = sorted(len(v) for k, v in files.items() if "/t/" in k)
    return {"build_s": round(middle - start, 2), "index_s": round(end - middle, 2),
            "index_share": round((end - middle) / (middle - start), 3), "index_bytes": sum(map(len, files.values())),
            "files": len(files), "largest_shard": shards[-1]}


def first_results(page, base: str, query: str) -> dict:
    """Load the home page, type ``query`` at once; seconds from the load event to the results
    shown, and bytes of every search file the query fetched."""
    fetched: list[int] = []
    page.on("response", lambda r: fetched.append(len(r.body())) if "/hub-search/" in r.url else None)
    page.goto(base + "/", wait_until="load")
    loaded = page.evaluate("performance.now()")
    page.focus(".hub-search .hub-find__input")
    page.keyboard.insert_text(query)
    page.wait_for_selector(f".hub-search[data-hub-find-query={json.dumps(query, ensure_ascii=False)}]",
                           state="attached", timeout=30_000)
    shown = page.evaluate("performance.now()")
    count = page.eval_on_selector_all(".hub-search .hub-find__item", "els => els.length")
    return {"query": query, "seconds": round((shown - loaded) / 1000, 3), "bytes": sum(fetched), "shown": count}


def measure(site: Path, queries=QUERIES) -> list[dict]:
    sys.path.insert(0, str(REPO / "tests"))
    from browserkit import ARGS, CHROMIUM, serve
    from playwright.sync_api import sync_playwright

    out = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            for query in queries:
                context = browser.new_context()  # a cold cache for every query
                out.append(first_results(context.new_page(), base, query))
                context.close()
        finally:
            browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--skewed", action="store_true")
    parser.add_argument("--engine", default="mkdocs")
    args = parser.parse_args()
    from hubdev.synth import generate

    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
            hub = Path(tmp) / "hub"
            generate(hub, size, skewed=args.skewed) if args.skewed else generate(hub, size)
            root = project(Path(tmp) / "project", hub / "data")
            figures = build(root, args.engine)
            runs = measure(root / "site")
            print(json.dumps({"entities": size, "skewed": args.skewed, "engine": args.engine, **figures,
                              "first_results_s_max": max(r["seconds"] for r in runs),
                              "bytes_per_query_max": max(r["bytes"] for r in runs), "queries": runs},
                             ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
