"""Owner digests: one issue body per owner with their stale items and gaps (``hub report --digests``).

``write(report, folder)`` writes ``<slug>.md`` per owner with something to do and
``digests.json``, the manifest the scheduled workflow reads: every owner of the hub with
the issue title, the body file (null when there is nothing to do: the workflow closes that
owner's open issue) and how many items. Titles are stable, so the workflow finds the issue
it opened last week instead of opening another.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pmmhub.operate.formats import render
from pmmhub.operate.report import Report
from pmmhub.render.i18n import labels

MANIFEST = "digests.json"
LABEL = "hub-digest"  # the GitHub label of digest issues


@dataclass
class Digest:
    owner: str
    title: str
    items: int
    body: str | None  # None: nothing to do


def slug(owner: str) -> str:
    """A file name for ``owner``: readable, and unique even when two owners read the same."""
    readable = re.sub(r"[^a-z0-9]+", "-", owner.lower()).strip("-")[:40] or "owner"
    return f"{readable}-{hashlib.sha1(owner.encode()).hexdigest()[:6]}"


def digest(report: Report, owner: str) -> Digest:
    debt = report.owner(owner)
    gaps = {what: found for what, found in report.gaps_of(owner).items() if found}
    due = debt.items if debt else []
    count = len(due) + sum(len(found) for found in gaps.values())
    title = labels(report.language)("digest.title", owner=owner)
    body = render("digest.md.j2", report, markdown=True, owner=owner, debt=debt, gaps=gaps, label=LABEL) if count else None
    body = body and body.rstrip("\n") + "\n"
    return Digest(owner, title, count, body)


def digests(report: Report) -> list[Digest]:
    """One digest per owner of the hub (owners with nothing to do too), by owner."""
    return [digest(report, owner) for owner in sorted({r.entity.owner for r in report.catalog})]


def write(report: Report, folder: Path) -> list[Digest]:
    """The bodies and the manifest in ``folder`` (created; files of earlier runs there are replaced)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.md"):
        old.unlink()
    found = digests(report)
    manifest = []
    for d in found:
        name = f"{slug(d.owner)}.md" if d.body else None
        if name:
            (folder / name).write_text(d.body, encoding="utf-8")
        manifest.append({"owner": d.owner, "title": d.title, "items": d.items, "body": name})
    (folder / MANIFEST).write_text(json.dumps({"label": LABEL, "digests": manifest}, ensure_ascii=False, indent=2) + "\n",
                                   encoding="utf-8")
    return found
