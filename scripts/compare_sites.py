#!/usr/bin/env python3
"""Compare two built sites file by file: what a change did to the output, byte for byte.

    .venv/bin/python scripts/compare_sites.py BEFORE_SITE AFTER_SITE [--context 2]

Prints how many files are identical, the files only in one of them, and for each file
that differs the first lines that changed (text files) or the sizes (binary files). Build
both with the same ``SOURCE_DATE_EPOCH`` so dates agree. Exit 0 when the sites are identical,
1 otherwise.
"""
from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--context", type=int, default=2, help="lines of context around a change")
    parser.add_argument("--changes", type=int, default=6, help="changed lines to show per file")
    args = parser.parse_args()
    old, new = files(args.before), files(args.after)
    same = sorted(k for k in old.keys() & new.keys() if old[k] == new[k])
    differ = sorted(k for k in old.keys() & new.keys() if old[k] != new[k])
    print(f"{len(same)} identical, {len(differ)} different, {len(old.keys() - new.keys())} only before, "
          f"{len(new.keys() - old.keys())} only after")
    for name in sorted(old.keys() - new.keys()):
        print(f"only before: {name}")
    for name in sorted(new.keys() - old.keys()):
        print(f"only after:  {name}")
    for name in differ:
        print(f"\n--- {name}")
        try:
            a, b = old[name].decode("utf-8").splitlines(), new[name].decode("utf-8").splitlines()
        except UnicodeDecodeError:
            print(f"binary: {len(old[name])} -> {len(new[name])} bytes")
            continue
        lines = [line for line in difflib.unified_diff(a, b, n=args.context, lineterm="")][2:]
        shown = [line[:200] for line in lines if line[:1] in "+-"][: args.changes]
        print("\n".join(shown))
    return 0 if not differ and old.keys() == new.keys() else 1


if __name__ == "__main__":
    sys.exit(main())
