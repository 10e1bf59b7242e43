#!/usr/bin/env python3
"""The hub's benchmark: validate, build and preview skewed synthetic hubs, as whole processes.

    .venv/bin/python scripts/bench.py [--sizes 1000,5000,10000] [--runs 5] [--build-runs 3]
                                      [--growth-runs 1] [--preview-edits 5] [--skip-build]

(a) ``hub validate`` on 1,000 entities against (b) a process that only parses the same files
with PyYAML's C loader: the floor. Targets: (a) <= 1.0 s, (a)/(b) <= 2.

Then, for each size (skewed hubs, ``hub synth --skewed``: one flagship product cited by a third
of the case studies) and each engine (MkDocs + Material, Zensical), the internal edition:

- full build from nothing (no rendered tree, no site, no cache): MkDocs as ``mkdocs build``
  with the hub plugin (the build the preview and plain MkDocs make), and as ``hub build`` (what CI
  publishes: render, strict build, leak and shipped-files checks, channels, search index, atomic
  swap); Zensical as ``hub build --engine zensical``;
- rebuild after one edit (a battle card's name): ``mkdocs build --dirty`` with the hub plugin
  into the site of the first build (only the changed files are rewritten, so only those are
  rebuilt); ``hub build`` again (MkDocs: all of it; Zensical: with its cache);
- peak RSS, the largest HTML page, the total size of the search index (``hub-search/``) and of
  the output;
- beside them, the reference: a plain Material build of as many simple Markdown pages as the
  portal has, kept out of the nav (``not_in_nav``), run right after each ``mkdocs build`` so
  that the ratio is taken pair by pair (the median of the pairs' ratios: the machine's speed
  drifts). Targets at 1,000 entities: full build <= 1.3x the reference; at every size the largest page <= 60 KB; from 5,000 to 10,000 the time per
  entity grows no more than linearly.

Last, the preview at the first size of at least 1,000 (else the first size): ``hub serve``
(``mkdocs serve --dirty`` with the hub plugin), a battle card saved ``--preview-edits`` times,
each timed until the served page's HTML shows the change; the median. Target: < 2 s.

Each figure is the median of ``--build-runs`` runs at the first size and of ``--growth-runs``
at the larger ones (default 3 and 1: the whole benchmark takes ~35 minutes on two cores
at 1,000, 5,000 and 10,000 entities). Peak RSS is the largest of the runs (GNU time).
Prints a Markdown table for the README. ``--sizes 200`` runs it small, in a few minutes.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TIME = Path("/usr/bin/time")  # GNU time: the peak RSS of the measured process alone
# Steady state, as on a developer's machine: the warm-up run may write bytecode caches.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
# how each variant is built: (full build, rebuild after the edit); {site} is its site folder
VARIANTS = {
    "mkdocs": (["mkdocs", "build", "-q", "-d", "{site}"], ["mkdocs", "build", "--dirty", "-q", "-d", "{site}"]),
    "hub-mkdocs": (["hub", "build", "--engine", "mkdocs", "--site-dir", "{site}"],) * 2,
    "zensical": (["hub", "build", "--engine", "zensical", "--site-dir", "{site}"],) * 2,
}
SHOWN = {"mkdocs": "`mkdocs build` (hub plugin)", "hub-mkdocs": "`hub build --engine mkdocs`",
         "zensical": "`hub build --engine zensical`"}
PARSE_ONLY = """\
import sys
from pathlib import Path
import yaml
for file in sorted(Path(sys.argv[1]).rglob("*.yml")):
    yaml.load(file.read_bytes(), Loader=yaml.CSafeLoader)
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


def synth_hub(root: Path, n: int, seed: int, skewed: bool = False) -> Path:
    out = root / f"hub-{n}{'-skewed' if skewed else ''}"
    if not (out / "data").exists():
        run([str(BIN / "hub"), "synth", str(out), "--entities", str(n), "--seed", str(seed),
             *(["--skewed"] if skewed else [])], root)
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


def hub_project(root: Path, n: int, config: dict, seed: int) -> Path:
    """The portal as the repo builds it, with a skewed synthetic hub as its data."""
    project = root / f"portal-{n}"
    if project.exists():
        return project
    data = synth_hub(root, n, seed, skewed=True)
    project.mkdir()
    for folder in ("docs", "overrides"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, project / folder)
    shutil.copytree(data, project / "data")  # the hub plugin's data_dir is relative to mkdocs.yml
    _write_config(project, config)
    return project


SIMPLE_PAGE = """\
# 页面 {n}

这是第 {n} 个简单页面，用来衡量一个普通的 Material 站点在同样页数下构建要多久。
It holds a heading, two paragraphs and a short list, about as much text as a small entity page.

- 要点一：实时数据同步，门店补货周期缩短。
- 要点二：统一指标中心，数字前后一致。
- 要点三：low-code workflows, private deployment.

最后一段：没有宏，没有插件，只有 Markdown。The reference build knows nothing of the hub.
"""


def reference_project(root: Path, pages: int, language: str) -> Path:
    """A plain Material site of ``pages`` simple Markdown pages, all but the home page out of the nav."""
    project = root / f"reference-{pages}"
    if project.exists():
        return project
    docs = project / "docs"
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text("# 参考站点\n\n一个普通的 Material 站点。\n", encoding="utf-8")
    for n in range(1, pages):
        (docs / "pages" / f"{n}.md").write_text(SIMPLE_PAGE.format(n=n), encoding="utf-8")
    _write_config(project, {"site_name": "Reference", "theme": {"name": "material", "language": language},
                            "plugins": ["search"], "nav": ["index.md"], "not_in_nav": "/pages/"})
    return project


def _write_config(project: Path, config: dict, name: str = "mkdocs.yml") -> None:
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    (project / name).write_text(text, encoding="utf-8")


def largest_page(site: Path) -> tuple[int, str]:
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    return max(pages) if pages else (0, "")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def edit_card(project: Path, text: str) -> tuple[Path, str]:
    """Rename the first battle card to ``text``; the card and its original text."""
    card = sorted((project / "data" / "battlecards").glob("*.yml"))[0]
    original = card.read_text(encoding="utf-8")
    card.write_text(re.sub(r"^name: .*$", f"name: {text}", original, count=1, flags=re.M), encoding="utf-8")
    return card, original


@dataclass
class EngineRun:
    full: Sample
    rebuild: Sample
    site: Path


def bench_engine(variant: str, project: Path, root: Path, runs: int, after_full=None) -> EngineRun:
    """Full build from nothing (no rendered tree, no site, no cache), then rebuild after one edit,
    of ``variant`` (``VARIANTS``), ``runs`` times each (medians); ``after_full()`` after each full build."""
    site = root / f"site-{variant}-{project.name}"
    full, rebuild = Sample([], 0), Sample([], 0)
    first, again = ([str(BIN / cmd[0]), *(a.format(site=site) for a in cmd[1:])] for cmd in VARIANTS[variant])
    for i in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(project / "build", ignore_errors=True)  # rendered trees and Zensical's cache
        _add(full, run(first, project))
        if after_full is not None:
            after_full(site)
        card, original = edit_card(project, f"基准改名 {i}")
        try:
            _add(rebuild, run(again, project))
        finally:
            card.write_text(original, encoding="utf-8")
    return EngineRun(full, rebuild, site)


def _add(sample: Sample, measured: tuple[float, int]) -> None:
    sample.times.append(measured[0])
    sample.rss_kb = max(sample.rss_kb, measured[1])


def bench_build(root: Path, sizes: list[int], runs: int, growth_runs: int, seed: int) -> tuple[list[list[str]], str]:
    """Both engines and the plain reference at every size; targets at 1,000 entities (or the first size)."""
    config, why = portal_config()
    if config is None:
        return [], f"portal builds skipped: {why}."
    rows, per_entity = [], {}
    for n in sizes:
        repeats = runs if n == sizes[0] else growth_runs
        target = n == 1000 or (n == sizes[0] and 1000 not in sizes)
        project = hub_project(root, n, config, seed)
        language = yaml.safe_load((project / "data" / "hub.yml").read_text(encoding="utf-8")).get("language", "zh")
        plain = Sample([], 0)

        def reference(site: Path) -> None:  # right after each mkdocs build: same page count, paired ratio
            project_ = reference_project(root, sum(1 for _ in site.rglob("*.html")), language)
            _add(plain, run([str(BIN / "mkdocs"), "build", "-q", "-d", str(project_ / "site")], project_))

        results = {variant: bench_engine(variant, project, root, repeats, reference if variant == "mkdocs" else None)
                   for variant in VARIANTS}
        pages = sum(1 for _ in results["mkdocs"].site.rglob("*.html"))
        paired = statistics.median(f / r for f, r in zip(results["mkdocs"].full.times, plain.times))
        rows.append([f"plain Material, {pages:,} simple pages out of the nav (reference for {n:,})",
                     f"{plain.median:.1f} s", _mib(plain.rss_kb), "", "", "", "", ""])
        for variant, result in results.items():
            size, page = largest_page(result.site)
            ratio = paired if variant == "mkdocs" else result.full.median / plain.median
            per_entity.setdefault(variant, {})[n] = result.full.median / n
            rows.append([f"{SHOWN[variant]}, {n:,} entities ({pages:,} pages)",
                         f"{result.full.median:.1f} s", _mib(max(result.full.rss_kb, result.rebuild.rss_kb)),
                         f"{result.rebuild.median:.1f} s", f"{size / 1024:.0f} KB (`{page}`) {_ok(size <= 60 * 1024)}",
                         f"{folder_size(result.site / 'hub-search') / 1024 / 1024:.1f} MiB",
                         f"{folder_size(result.site) / 1024 / 1024:.0f} MiB",
                         f"{ratio:.2f}× ref{' (paired)' if variant == 'mkdocs' else ''}"
                         + (f" (≤ 1.3×) {_ok(ratio <= 1.3)}" if target else "")])
    if 5000 in sizes and 10000 in sizes:
        for engine, per in per_entity.items():
            growth = per[10000] / per[5000]
            rows.append([f"{SHOWN[engine]}: build time per entity, 10,000 vs 5,000", f"{growth:.2f}×", "", "", "", "", "",
                         f"≤ 1× (linear) {_ok(growth <= 1.05)}"])
    note = (f"Full build and rebuild: medians of {runs} runs at {sizes[0]:,} entities and of {growth_runs} at "
            "larger sizes; the `mkdocs build` ratio is the median of the ratios of each build to the reference "
            "run right after it. Rebuild after one battle-card edit: `mkdocs build --dirty` into the full build's "
            "site; `hub build` again (Zensical with the cache of the full build).")
    return rows, note


def _mib(kib: int) -> str:
    return f"{kib / 1024:.0f} MiB"


# the preview -----------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def bench_preview(root: Path, n: int, edits: int, seed: int, gap: float = 10.0) -> list[list[str]]:
    """``hub serve`` on ``n`` entities: a battle card saved ``edits`` times, each timed until the
    served page shows it. Between edits the preview finishes its background work (``gap`` s)."""
    config, why = portal_config()
    if config is None:
        return []
    project = hub_project(root, n, config, seed)
    shutil.rmtree(project / "build" / "serve", ignore_errors=True)
    port = free_port()
    mount = re.match(r"\w+://[^/]+(/.*)?$", str(config.get("site_url") or "http://x/"))
    base = f"http://127.0.0.1:{port}{(mount.group(1) or '/').rstrip('/')}/"
    card = sorted((project / "data" / "battlecards").glob("*.yml"))[0]
    url = f"{base}battlecards/{card.stem}/"
    log = (root / "serve.log").open("w")
    server = subprocess.Popen([str(BIN / "hub"), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                              stdout=log, stderr=subprocess.STDOUT, env=ENV)
    original = card.read_text(encoding="utf-8")
    latencies = []
    try:
        started = time.monotonic()
        while not fetch(url):
            if server.poll() is not None or time.monotonic() - started > 1800:
                raise SystemExit(f"the preview did not start:\n{(root / 'serve.log').read_text()[-3000:]}")
            time.sleep(0.5)
        startup = time.monotonic() - started
        time.sleep(gap)
        for i in range(edits):
            canary = f"PREVIEW-{i}-{time.time_ns()}"
            edit_card(project, canary)
            saved = time.monotonic()
            while canary not in fetch(url):
                if time.monotonic() - saved > 300:
                    raise SystemExit(f"the preview did not show edit {i} within 300 s")
                time.sleep(0.02)
            latencies.append(time.monotonic() - saved)
            card.write_text(original, encoding="utf-8")
            time.sleep(gap)
    finally:
        card.write_text(original, encoding="utf-8")
        server.send_signal(signal.SIGINT)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    median = statistics.median(latencies)
    shown = ", ".join(f"{t:.2f}" for t in latencies)
    return [[f"preview (`hub serve`), {n:,} entities: save a battle card → served page shows it (edits: {shown} s; "
             f"start-up {startup:.0f} s)", f"{median:.2f} s", "", "", "", "", "", f"< 2 s {_ok(median < 2)}"]]

def _ok(good: bool) -> str:
    return "✅" if good else "❌ missed"


def table(rows: list[list[str]], head: list[str]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,10000", help="hub sizes for the builds, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per validate figure (median)")
    parser.add_argument("--build-runs", type=int, default=3, help="timed runs per build figure at the first size")
    parser.add_argument("--growth-runs", type=int, default=1, help="timed runs per build figure at larger sizes")
    parser.add_argument("--preview-edits", type=int, default=5, help="saves timed in the preview (median; >= 3)")
    parser.add_argument("--validate-sizes", default="1000", help="hub sizes for (a) and (b), comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-build", action="store_true", help="only (a) and (b)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and print where")
    args = parser.parse_args()
    for tool in ("hub", "mkdocs", "zensical"):
        if not (BIN / tool).exists():
            raise SystemExit(f"{BIN / tool} not found: run with the project's venv, .venv/bin/python {sys.argv[0]}")
    sizes = [int(n) for n in args.sizes.split(",")]
    root = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    started = time.perf_counter()
    builds, previews, note = [], [], "builds skipped: --skip-build."
    try:
        validates = bench_validate(root, [int(n) for n in args.validate_sizes.split(",")], args.runs, args.seed)
        if not args.skip_build:
            builds, note = bench_build(root, sizes, args.build_runs, args.growth_runs, args.seed)
            at = next((n for n in sizes if n >= 1000), sizes[0])
            previews = bench_preview(root, at, max(3, args.preview_edits), args.seed)
    finally:
        if args.keep:
            print(f"projects kept in {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    print(table(validates, ["measure", "median", "peak RSS", "target", ""]))
    print()
    if builds or previews:
        print(table(builds + previews, ["build", "full build", "peak RSS", "rebuild after one edit", "largest page",
                                        "search index", "output", "vs reference / target"]))
        print()
    print(f"Medians of {args.runs} runs (validate); {note} On {os.cpu_count()} CPUs, Python "
          f"{sys.version.split()[0]}; whole benchmark {time.perf_counter() - started:.0f} s. Command: "
          f"`.venv/bin/python scripts/bench.py{' ' if sys.argv[1:] else ''}{' '.join(sys.argv[1:])}`.")


if __name__ == "__main__":
    main()
