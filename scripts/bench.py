#!/usr/bin/env python3
"""The hub's benchmark: validate and build a synthetic hub, as whole processes.

    .venv/bin/python scripts/bench.py [--runs 5] [--build-runs 3] [--growth-runs 1] [--skip-build]

(a) ``hub validate`` on a 1,000-entity hub against (b) a process that only parses the
same files with PyYAML's C loader: the floor. Targets: (a) <= 1.0 s, (a)/(b) <= 2.
(c) ``mkdocs build`` of the portal on 1,000 and 2,000 entities against a plain Material
build of the same pages (the portal's generated Markdown, dumped by a one-off MkDocs hook,
with the same nav and Markdown extensions, without the hub and macros plugins and the
theme overrides), and the largest HTML page of the portal. Targets: ratio <= 1.3, largest
page <= 60 KB, growth linear. Skipped with a message if mkdocs.yml does not use the hub plugin.
(d) ``hub build`` with each engine (MkDocs + Material, Zensical cold and warm) at the first size.

Each figure is the median of several runs after one warm-up run (for builds, the untimed
build that dumps the pages is the warm-up); builds at sizes beyond the first only show the
growth, so they run once by default, keeping the whole benchmark under ~10 minutes on two
cores. Peak RSS is the largest of the runs (GNU time). Prints a Markdown table for the README.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TIME = Path("/usr/bin/time")  # GNU time: the peak RSS of the measured process alone
# Steady state, as on a developer's machine: the warm-up run may write bytecode caches.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
PARSE_ONLY = """\
import sys
from pathlib import Path
import yaml
for file in sorted(Path(sys.argv[1]).rglob("*.yml")):
    yaml.load(file.read_bytes(), Loader=yaml.CSafeLoader)
"""
DUMP_HOOK = """\
# One-off MkDocs hook: writes every page's final Markdown (after all plugins) and the nav.
import json, os
import yaml

OUT = os.environ["HUB_BENCH_DUMP"]


def on_nav(nav, config, files, **kwargs):
    with open(os.path.join(OUT, "nav.json"), "w", encoding="utf-8") as f:
        json.dump({"nav": _items(nav.items), "language": config.theme["language"]}, f, ensure_ascii=False)


def on_page_markdown(markdown, page, config, files, **kwargs):
    meta = {k: v for k, v in page.meta.items() if k != "template"}
    head = "---\\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\\n\\n" if meta else ""
    path = os.path.join(OUT, "docs", page.file.src_uri)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + markdown)
    return markdown


def _items(items):
    out = []
    for item in items:
        if item.is_section:
            out.append({item.title: _items(item.children)})
        elif item.is_page:
            out.append({item.title: item.file.src_uri} if item.title else item.file.src_uri)
        else:
            out.append({item.title: item.url})
    return out
"""


@dataclass
class Sample:
    times: list[float]
    rss_kb: int

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def run(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one whole process; fails loudly if it fails.

    The RSS comes from GNU time when installed; otherwise from wait4, which also counts
    what the child inherited from this process before exec (small: this script imports
    nothing heavy)."""
    with tempfile.NamedTemporaryFile(prefix="rss-", delete=False) as handle:
        rss_file = Path(handle.name)
    wrapped = [str(TIME), "-f", "%M", "-o", str(rss_file), *cmd] if TIME.exists() else cmd
    start = time.perf_counter()
    proc = subprocess.Popen(wrapped, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(map(str, cmd))}\n{stderr.decode(errors='replace')[-3000:]}")
    recorded = rss_file.read_text().split()
    rss_file.unlink()
    return elapsed, int(recorded[-1]) if recorded else usage.ru_maxrss


def measure(cmds: dict[str, list[str]], cwd: Path, runs: int, warm_up: bool = True) -> dict[str, Sample]:
    """Median of ``runs`` per command, after one warm-up each; the commands take turns."""
    samples = {name: Sample([], 0) for name in cmds}
    for name, cmd in cmds.items() if warm_up else ():
        run(cmd, cwd)
    for _ in range(runs):
        for name, cmd in cmds.items():
            elapsed, rss = run(cmd, cwd)
            samples[name].times.append(elapsed)
            samples[name].rss_kb = max(samples[name].rss_kb, rss)
    return samples


def synth_hub(root: Path, n: int, seed: int) -> Path:
    out = root / f"hub-{n}"
    if not (out / "data").exists():
        run([str(BIN / "hub"), "synth", str(out), "--entities", str(n), "--seed", str(seed)], root)
    return out / "data"


# (a) and (b) ------------------------------------------------------------------------------
def bench_validate(root: Path, sizes: list[int], runs: int, seed: int) -> list[list[str]]:
    script = root / "parse_only.py"
    script.write_text(PARSE_ONLY, encoding="utf-8")
    rows = []
    for n in sizes:
        data = synth_hub(root, n, seed)
        s = measure({"validate": [str(BIN / "hub"), "validate", str(data)],
                     "parse": [sys.executable, str(script), str(data)]}, root, runs)
        a, b = s["validate"], s["parse"]
        target = n == 1000  # the targets are stated at 1,000 entities; other sizes show the growth
        rows += [
            [f"(a) `hub validate`, {n:,} entities", f"{a.median:.2f} s", f"{a.rss_kb / 1024:.0f} MiB",
             "≤ 1.0 s" if target else "", _ok(a.median <= 1.0) if target else ""],
            [f"(b) parse only (PyYAML C loader), {n:,} entities", f"{b.median:.2f} s", f"{b.rss_kb / 1024:.0f} MiB",
             "floor", ""],
            [f"(a) / (b), {n:,} entities", f"{a.median / b.median:.2f}×", "", "≤ 2×", _ok(a.median / b.median <= 2)],
        ]
    return rows


# (c) ---------------------------------------------------------------------------------------
def portal_config() -> tuple[dict | None, str]:
    """The repo's mkdocs.yml if it uses the hub plugin, else ``None`` and why not."""
    file = REPO / "mkdocs.yml"
    if not file.is_file():
        return None, "no mkdocs.yml at the repository root yet"
    config = yaml.load(file.read_text(encoding="utf-8"), Loader=_LenientLoader)
    if _plugin(config, "hub") is None:
        return None, "mkdocs.yml does not use the `hub` plugin yet"
    return config, ""


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, keeping ``!!python/name:`` and ``!ENV`` tags as tagged text."""


def _tagged(loader, suffix, node):
    return Tagged(suffix, loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else
                  loader.construct_sequence(node))


class Tagged:
    def __init__(self, tag, value):
        self.tag, self.value = tag, value


def _represent_tagged(dumper, value: Tagged):
    if isinstance(value.value, list):
        return dumper.represent_sequence(value.tag, value.value)
    return dumper.represent_scalar(value.tag, value.value)


_LenientLoader.add_multi_constructor("", _tagged)
yaml.SafeDumper.add_representer(Tagged, _represent_tagged)


def _plugin(config: dict, name: str):
    for entry in config.get("plugins") or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return None


def _without_plugins(config: dict, names: set[str]) -> list:
    return [p for p in config.get("plugins") or []
            if not (set(p) & names if isinstance(p, dict) else p in names)]


def hub_project(root: Path, n: int, config: dict, seed: int) -> Path:
    """The portal as the repo builds it, with the synthetic hub as its data."""
    project = root / f"portal-{n}"
    if project.exists():
        return project
    data = synth_hub(root, n, seed)
    project.mkdir()
    for folder in ("docs", "overrides"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, project / folder)
    shutil.copytree(data, project / "data")  # the hub plugin's data_dir is relative to mkdocs.yml
    _write_config(project, config)
    return project


def plain_project(root: Path, n: int, portal: Path, config: dict) -> Path:
    """The portal's final page Markdown and nav, built by plain Material (no hub, no macros, no overrides)."""
    project = root / f"plain-{n}"
    if project.exists():
        return project
    dump = root / f"dump-{n}"
    dump.mkdir()
    hook = root / "dump_hook.py"
    hook.write_text(DUMP_HOOK, encoding="utf-8")
    traced = dict(config, hooks=[*(config.get("hooks") or []), str(hook)])
    _write_config(portal, traced, name="mkdocs-dump.yml")
    run([str(BIN / "mkdocs"), "build", "-q", "-f", str(portal / "mkdocs-dump.yml"), "-d", str(dump / "site")],
        portal, env={**ENV, "HUB_BENCH_DUMP": str(dump)})
    shutil.copytree(dump / "docs", project / "docs")
    for asset in (REPO / "docs").rglob("*") if (REPO / "docs").is_dir() else ():
        target = project / "docs" / asset.relative_to(REPO / "docs")
        if asset.is_file() and asset.suffix != ".md" and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(asset, target)
    theme = config.get("theme") or {}
    theme = {k: v for k, v in (theme if isinstance(theme, dict) else {"name": theme}).items() if k != "custom_dir"}
    plain = {k: v for k, v in config.items() if k not in ("hooks", "nav", "strict", "theme", "plugins")}
    traced = json.loads((dump / "nav.json").read_text(encoding="utf-8"))
    plain.update(theme={**theme, "name": "material", "language": traced["language"]}, strict=False,
                 plugins=_without_plugins(config, {"hub", "macros"}) or ["search"], nav=traced["nav"])
    _write_config(project, plain)
    return project


def _write_config(project: Path, config: dict, name: str = "mkdocs.yml") -> None:
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    (project / name).write_text(text, encoding="utf-8")


def largest_page(site: Path) -> tuple[int, str]:
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    return max(pages) if pages else (0, "")


def bench_build(root: Path, sizes: list[int], runs: int, growth_runs: int, seed: int) -> tuple[list[list[str]], str]:
    """Targets at the first size (``runs`` runs); larger sizes show the growth (``growth_runs``)."""
    config, why = portal_config()
    if config is None:
        return [], f"(c) portal build skipped: {why}."
    rows, per_entity = [], []
    for n in sizes:
        target = n == sizes[0]
        portal = hub_project(root, n, config, seed)
        plain = plain_project(root, n, portal, config)
        mkdocs = str(BIN / "mkdocs")
        s = measure({"hub": [mkdocs, "build", "-q", "-f", str(portal / "mkdocs.yml"), "-d", str(portal / "site")],
                     "plain": [mkdocs, "build", "-q", "-f", str(plain / "mkdocs.yml"), "-d", str(plain / "site")]},
                    root, runs if target else growth_runs, warm_up=False)  # the dump build warmed the caches
        hub, base = s["hub"], s["plain"]
        size, page = largest_page(portal / "site")
        plain_size, _ = largest_page(plain / "site")
        pages = sum(1 for _ in (portal / "site").rglob("*.html"))
        ratio = hub.median / base.median
        per_entity.append(hub.median / n)
        rows += [
            [f"(c) `mkdocs build` portal, {n:,} entities ({pages:,} HTML pages)", f"{hub.median:.1f} s",
             f"{hub.rss_kb / 1024:.0f} MiB", "", ""],
            [f"plain Material build of the same pages, {n:,} entities", f"{base.median:.1f} s",
             f"{base.rss_kb / 1024:.0f} MiB", "", ""],
            [f"portal / plain, {n:,} entities", f"{ratio:.2f}×", "", "≤ 1.3×" if target else "",
             _ok(ratio <= 1.3) if target else ""],
            [f"largest portal page, {n:,} entities (`{page}`; plain: {plain_size / 1024:.0f} KB)",
             f"{size / 1024:.0f} KB", "", "≤ 60 KB", _ok(size <= 60 * 1024)],
        ]
    if len(sizes) > 1:
        growth = per_entity[-1] / per_entity[0]
        rows.append([f"portal build time per entity, {sizes[-1]:,} vs {sizes[0]:,}", f"{growth:.2f}×", "",
                     "≈ 1× (linear)", _ok(growth <= 1.25)])
    return rows, ""


def bench_engines(root: Path, n: int, runs: int, seed: int) -> list[list[str]]:
    """(d) ``hub build`` of the internal edition with each engine, the whole pipeline (render,
    strict build, leak and shipped-files checks, atomic swap). Zensical keeps a cache beside
    its config: cold is the first build with no cache, warm a rebuild with nothing changed."""
    config, why = portal_config()
    if config is None:
        return []
    project = hub_project(root, n, config, seed)
    hub = str(BIN / "hub")
    build = {engine: [hub, "build", "--engine", engine, "--site-dir", str(root / f"site-{engine}")]
             for engine in ("mkdocs", "zensical")}
    cache = project / "build" / "zensical" / "internal" / ".cache"
    cold = ["sh", "-c", f'rm -rf "{cache}" && exec "$@"', "cold", *build["zensical"]]
    s = measure({"mkdocs": build["mkdocs"], "zensical": build["zensical"]}, project, runs)
    c = measure({"cold": cold}, project, 1, warm_up=False)
    pages = sum(1 for _ in (root / "site-zensical").rglob("*.html"))
    return [
        [f"(d) `hub build --engine mkdocs`, {n:,} entities ({pages:,} HTML pages)", f"{s['mkdocs'].median:.1f} s",
         f"{s['mkdocs'].rss_kb / 1024:.0f} MiB", "", ""],
        [f"(d) `hub build --engine zensical`, {n:,} entities, cold (no cache)", f"{c['cold'].median:.1f} s",
         f"{c['cold'].rss_kb / 1024:.0f} MiB", "", ""],
        [f"(d) `hub build --engine zensical`, {n:,} entities, warm", f"{s['zensical'].median:.1f} s",
         f"{s['zensical'].rss_kb / 1024:.0f} MiB", "", ""],
    ]


def _ok(good: bool) -> str:
    return "✅" if good else "❌ missed"


def table(rows: list[list[str]]) -> str:
    head = ["measure", "median", "peak RSS", "target", ""]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per validate figure (median)")
    parser.add_argument("--build-runs", type=int, default=3, help="timed runs per build figure at the first size")
    parser.add_argument("--growth-runs", type=int, default=1, help="timed runs per build figure at larger sizes")
    parser.add_argument("--validate-sizes", default="1000,2000", help="hub sizes for (a) and (b), comma-separated")
    parser.add_argument("--build-sizes", default="1000,2000", help="hub sizes for (c), comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-build", action="store_true", help="only (a) and (b)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and print where")
    args = parser.parse_args()
    for tool in ("hub", "mkdocs"):
        if not (BIN / tool).exists():
            raise SystemExit(f"{BIN / tool} not found: run with the project's venv, .venv/bin/python {sys.argv[0]}")
    root = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    started = time.perf_counter()
    try:
        rows = bench_validate(root, [int(n) for n in args.validate_sizes.split(",")], args.runs, args.seed)
        note = "(c) portal build skipped: --skip-build."
        if not args.skip_build:
            build_rows, note = bench_build(root, [int(s) for s in args.build_sizes.split(",")], args.build_runs,
                                           args.growth_runs, args.seed)
            rows += build_rows
            rows += bench_engines(root, int(args.build_sizes.split(",")[0]), args.build_runs, args.seed)
    finally:
        if args.keep:
            print(f"projects kept in {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    print(table(rows))
    print()
    print(f"Medians of {args.runs} runs (validate), {args.build_runs} (build at {args.build_sizes.split(',')[0]}) and "
          f"{args.growth_runs} (larger builds), each after a warm-up, on {os.cpu_count()} CPUs, "
          f"Python {sys.version.split()[0]}; whole benchmark {time.perf_counter() - started:.0f} s. Command: "
          f"`.venv/bin/python scripts/bench.py{' ' if sys.argv[1:] else ''}{' '.join(sys.argv[1:])}`.")
    if note:
        print(note)


if __name__ == "__main__":
    main()
