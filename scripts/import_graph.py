#!/usr/bin/env python3
"""The engine's import graph, folder by folder: which stage imports which, and who imports a site engine.

    .venv/bin/python scripts/import_graph.py          # Markdown table
    .venv/bin/python scripts/import_graph.py --dot    # Graphviz

Reads the import statements of ``pmmhub/`` (static: nothing is imported). A folder's edges
are the other folders of ``pmmhub`` its modules import; ``mkdocs``/``material``/``zensical``
are listed as the site engines they import.
"""
from __future__ import annotations

import argparse
import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "pmmhub"
ENGINES = ("mkdocs", "material", "zensical", "mkdocs_macros")


def folder_of(path: Path) -> str:
    rel = path.relative_to(ROOT)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    edges, engines = defaultdict(set), defaultdict(set)
    for path in sorted(ROOT.rglob("*.py")):
        here = folder_of(path)
        for name in imports(path):
            parts = name.split(".")
            if parts[0] == "pmmhub" and len(parts) > 1 and parts[1] != here:
                edges[here].add(parts[1])
            elif parts[0] in ENGINES:
                engines[here].add(parts[0])
        edges.setdefault(here, set())
    return edges, engines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dot", action="store_true")
    args = parser.parse_args()
    edges, engines = graph()
    if args.dot:
        print("digraph pmmhub {")
        for source, targets in sorted(edges.items()):
            for target in sorted(targets):
                print(f'  "{source}" -> "{target}";')
        print("}")
        return
    print("| folder | imports | site engine |")
    print("|---|---|---|")
    for source, targets in sorted(edges.items()):
        print(f"| `{source}` | {', '.join(sorted(targets)) or '—'} | {', '.join(sorted(engines[source])) or '—'} |")


if __name__ == "__main__":
    main()
