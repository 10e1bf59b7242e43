"""Freshness as a rule: every entity is re-verified within its review interval."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pmmhub.problems import Problem


@dataclass(frozen=True)
class Freshness:
    reviewed: dt.date
    interval: int
    age: int  # days since reviewed

    @property
    def stale(self) -> bool:
        return self.age > self.interval

    @property
    def due(self) -> dt.date:
        return self.reviewed + dt.timedelta(days=self.interval)


def freshness(catalog, record, today: dt.date | None = None) -> Freshness:
    from pmmhub.relate.catalog import today as build_day

    entity = record.entity
    interval = entity.review_every or catalog.hub.review_interval(record.kind)
    return Freshness(entity.reviewed, interval, ((today or build_day()) - entity.reviewed).days)


def stale_records(catalog, today: dt.date | None = None) -> list[Problem]:
    """A warning per entity past its review interval, located at its ``reviewed`` line."""
    out = []
    for record in catalog:
        fresh = freshness(catalog, record, today)
        if fresh.stale:
            line, col = record.doc.locate(("reviewed",))
            out.append(Problem(record.path, line, col, "reviewed",
                               f"stale: last verified {fresh.age} days ago, review every {fresh.interval} days",
                               f"verify the content with {record.entity.owner} and update `reviewed`", "warning"))
    return out
