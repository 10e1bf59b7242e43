"""The launch readiness dashboard (launches/dashboard.md), the IPMS way, across every launch:

- the DCP checkpoints of each launch on a timeline, each done (decided), next (the first one
  pending), overdue (pending past its date) or later;
- readiness by owner and status (the owners with the most open deliverables first);
- the deliverables overdue (not done, past their due date), the longest overdue first.

Each part is cut to a fixed number of rows (upcoming launches first, then the latest past):
the page does not grow with the hub. Readiness is internal: only the internal edition has it.
"""
from __future__ import annotations

from dataclasses import dataclass

from pmmhub.render.environment import environment
from pmmhub.render.generated import Page
from pmmhub.render.pages import ordered

SRC = "launches/dashboard.md"
LAUNCHES = 8  # launches on the timeline
OWNERS = 12
OVERDUE = 12
STATUSES = ("todo", "doing", "done", "n-a")


@dataclass(frozen=True)
class Step:
    checkpoint: object
    state: str  # done, next, overdue, later


@dataclass(frozen=True)
class Row:
    record: object
    steps: list
    ready: int
    needed: int


@dataclass(frozen=True)
class Late:
    record: object
    item: object
    days: int


def pages(site):
    if site.audience != "internal" or not site.catalog.records.get("launch"):
        return
    ctx = site.ctx.at(SRC)
    launches = _launches(site)
    overdue = _overdue(site, launches)
    owners = _owners(launches)
    content = environment().get_template("launches/dashboard.md").render(
        ctx=ctx, t=ctx.t, rows=[_row(site, r) for r in launches[:LAUNCHES]], total=len(launches),
        owners=owners[:OWNERS], owner_total=len(owners), statuses=STATUSES,
        overdue=overdue[:OVERDUE], overdue_total=len(overdue))
    yield Page(SRC, content, in_nav=True)


def _launches(site) -> list:
    """Upcoming launches (soonest first), then past ones (latest first)."""
    launches = ordered(site.catalog, "launch")
    today = site.ctx.today
    return [r for r in launches if r.entity.launch_date >= today] + \
        [r for r in launches if r.entity.launch_date < today][::-1]


def _row(site, record) -> Row:
    steps, seen_next = [], False
    for cp in record.entity.checkpoints:
        if cp.decision != "pending":
            state = "done"
        elif cp.date and cp.date < site.ctx.today:
            state = "overdue"
        elif not seen_next:
            state, seen_next = "next", True
        else:
            state = "later"
        steps.append(Step(cp, state))
    return Row(record, steps, *record.entity.progress)


def _owners(launches) -> list[tuple[str, dict]]:
    """(owner, {status: n}) over every deliverable of ``launches``, most open (todo + doing) first."""
    counts: dict[str, dict] = {}
    for record in launches:
        for item in record.entity.readiness:
            owner = item.owner or ""
            counts.setdefault(owner, dict.fromkeys(STATUSES, 0))[item.status] += 1
    return sorted(counts.items(), key=lambda oc: (-(oc[1]["todo"] + oc[1]["doing"]), oc[0]))


def _overdue(site, launches) -> list[Late]:
    today = site.ctx.today
    late = [Late(r, item, (today - item.due).days) for r in launches for item in r.entity.readiness
            if item.status in ("todo", "doing") and item.due and item.due < today]
    return sorted(late, key=lambda x: (-x.days, x.record.id))
