"""One report of the hub's operating health on one day: ``build`` it, then show it as text,
Markdown or JSON (``formats``), as the dashboard (``render/producers/health.py``) or as owner
digests (``digest``). Nothing here reads the clock: ``today`` is always given."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pmmhub.operate import coverage, freshness, history, orphans, quality, trend


@dataclass
class Report:
    today: dt.date
    catalog: object
    soon_days: int
    orphan_days: int
    due: list[freshness.Due]
    owners: list[freshness.Debt]
    kinds: list[freshness.Debt]
    history: bool  # the data folder has git history (else the git check of orphans is skipped)
    roster: bool  # CODEOWNERS has hand-written rules (else that check is skipped)
    orphans: list[orphans.Orphan]
    matrix: coverage.Matrix
    gaps: dict[str, list[coverage.Gap]]
    scores: list[quality.Score]
    trend: list[trend.Week]
    base: Path | None = None  # files are shown relative to this (the repository root, else the hub's parent)

    def path(self, record) -> str:
        """Where ``record``'s file is, as people in the repository name it (data/products/x.yml)."""
        try:
            return Path(record.path).resolve().relative_to(self.base).as_posix()
        except (TypeError, ValueError):
            return record.path

    @property
    def stale(self) -> list[freshness.Due]:
        return [d for d in self.due if d.stale]

    @property
    def soon(self) -> list[freshness.Due]:
        return [d for d in self.due if not d.stale]

    @property
    def language(self) -> str:
        return self.catalog.hub.language

    def owner(self, owner: str) -> freshness.Debt | None:
        return next((d for d in self.owners if d.name == owner), None)

    def gaps_of(self, owner: str) -> dict[str, list[coverage.Gap]]:
        return {what: [g for g in found if g.owner == owner] for what, found in self.gaps.items()}


def build(catalog, data_dir: Path | str | None, today: dt.date, *, orphan_days: int = orphans.ORPHAN_DAYS,
          soon_days: int = freshness.SOON_DAYS, weeks: int = trend.WEEKS) -> Report:
    """The report of ``catalog`` (its valid entities) read from ``data_dir`` on ``today``.

    ``data_dir`` (None: no files to read) gives the git history, CODEOWNERS and the
    references as written; ``weeks=0`` skips the trend.
    """
    repo = history.repo_of(Path(data_dir)) if data_dir is not None else None
    changes = (history.changes(repo) or None) if repo else None  # no commit of the data folder: no history to judge by
    team = orphans.roster(repo.root / ".github" / "CODEOWNERS") if repo else None
    due = freshness.due_items(catalog, today, soon_days)
    return Report(
        today=today, catalog=catalog, soon_days=soon_days, orphan_days=orphan_days, due=due,
        owners=freshness.by_owner(catalog, due), kinds=freshness.by_kind(catalog, due),
        history=changes is not None, roster=team is not None,
        orphans=orphans.orphans(catalog, changes, team, today, orphan_days),
        matrix=coverage.matrix(catalog), gaps=coverage.gaps(catalog, data_dir and Path(data_dir), today),
        scores=quality.scores(catalog, today), trend=trend.weekly(repo, today, weeks) if weeks else [],
        base=repo.root if repo else Path(data_dir).resolve().parent if data_dir is not None else None)


