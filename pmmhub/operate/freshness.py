"""Review debt: stale and soon-stale entities, grouped by owner and by kind, oldest first."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pmmhub.model import KINDS
from pmmhub.validate.freshness import Freshness, freshness

SOON_DAYS = 14  # "soon stale": due within this many days


@dataclass(frozen=True)
class Due:
    """One entity past (``overdue`` > 0) or near (``overdue`` <= 0) its review date."""

    record: object
    fresh: Freshness
    today: dt.date

    @property
    def overdue(self) -> int:
        """Days past the review date (negative: days left)."""
        return (self.today - self.fresh.due).days

    @property
    def stale(self) -> bool:
        return self.fresh.stale


@dataclass
class Debt:
    """How much review work one owner (or kind) has: stale count, days overdue in total, soon-stale count."""

    name: str
    stale: list[Due] = field(default_factory=list)
    soon: list[Due] = field(default_factory=list)
    entities: int = 0

    @property
    def days(self) -> int:
        return sum(d.overdue for d in self.stale)

    @property
    def items(self) -> list[Due]:
        return self.stale + self.soon


def due_items(catalog, today: dt.date, soon_days: int = SOON_DAYS) -> list[Due]:
    """Every stale or soon-stale entity, most overdue first (ties: kind order, id)."""
    order = list(KINDS)
    found = []
    for record in catalog:
        item = Due(record, freshness(catalog, record, today), today)
        if item.stale or item.overdue >= -soon_days:
            found.append(item)
    return sorted(found, key=lambda d: (-d.overdue, order.index(d.record.kind), d.record.id))


def _group(catalog, items: list[Due], key) -> dict[str, Debt]:
    groups: dict[str, Debt] = {}
    for record in catalog:
        groups.setdefault(key(record), Debt(key(record))).entities += 1
    for item in items:
        debt = groups[key(item.record)]
        (debt.stale if item.stale else debt.soon).append(item)
    return groups


def by_owner(catalog, items: list[Due]) -> list[Debt]:
    """Every owner with their debt, the most indebted first (stale count, days overdue, then name)."""
    groups = _group(catalog, items, lambda r: r.entity.owner)
    return sorted(groups.values(), key=lambda d: (-len(d.stale), -d.days, -len(d.soon), d.name))


def by_kind(catalog, items: list[Due]) -> list[Debt]:
    """Each kind the hub has, in kind order, with its debt."""
    groups = _group(catalog, items, lambda r: r.kind)
    return [groups[k] for k in KINDS if k in groups]
