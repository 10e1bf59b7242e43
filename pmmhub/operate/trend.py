"""Stale count and entity count per week, read from git history (one commit per week).

Week ``k`` is the state of the data folder at the newest first-parent commit made on or
before ``today - 7k`` days; an entity is stale on that day when its ``reviewed`` plus its
review interval (its ``review_every``, else that commit's ``hub.yml``, else the defaults)
is before the day. Each distinct file is parsed once, however many weeks it stays the same.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath

from pmmhub.load import safe_yaml
from pmmhub.model import KIND_BY_FOLDER
from pmmhub.model.hub import DEFAULT_REVIEW_EVERY
from pmmhub.operate import history

WEEKS = 26


@dataclass(frozen=True)
class Week:
    day: dt.date
    commit: str | None  # None: the data folder did not exist yet
    entities: int = 0
    stale: int = 0


def weekly(repo: history.Repo | None, today: dt.date, weeks: int = WEEKS) -> list[Week]:
    """The last ``weeks`` weeks, oldest first; empty outside git."""
    if repo is None:
        return []
    line = history.commits(repo)
    days = [today - dt.timedelta(days=7 * k) for k in range(weeks - 1, -1, -1)]
    picked = {day: next((sha for sha, when in line if when <= day), None) for day in days}
    trees = {sha: history.tree(repo, sha) for sha in set(picked.values()) if sha}
    wanted = {obj for files in trees.values() for name, obj in files.items() if _kind(name) or name == "hub.yml"}
    facts = {obj: _facts(raw) for obj, raw in history.contents(repo, wanted).items()}
    return [_week(day, sha, trees.get(sha, {}), facts) for day, sha in picked.items()]


def _kind(name: str) -> str | None:
    path = PurePosixPath(name)
    if len(path.parts) != 2 or path.suffix not in (".yml", ".yaml"):
        return None
    kind = KIND_BY_FOLDER.get(path.parts[0])
    return kind.name if kind else None


def _facts(raw: bytes) -> dict:
    """The parsed mapping of one file ({} when it cannot be read: it still counts as an entity)."""
    text, problem = safe_yaml.decode(raw, "history")
    if problem:
        return {}
    doc, _ = safe_yaml.parse_text(text, "history")
    return doc.data if doc is not None and isinstance(doc.data, dict) else {}


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _days(value) -> int | None:
    """A positive whole number of days (the safe reader keeps scalars as text)."""
    text = str(value).strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


def _week(day: dt.date, sha: str | None, files: dict[str, str], facts: dict[str, dict]) -> Week:
    hub = facts.get(files.get("hub.yml"), {})
    written = hub.get("review_every") if isinstance(hub.get("review_every"), dict) else {}
    intervals = {**DEFAULT_REVIEW_EVERY, **{k: _days(v) for k, v in written.items() if _days(v)}}
    entities = stale = 0
    for name, obj in files.items():
        kind = _kind(name)
        if kind is None:
            continue
        entities += 1
        data = facts.get(obj, {})
        reviewed = _date(data.get("reviewed"))
        every = _days(data.get("review_every")) or intervals.get(kind, intervals["default"])
        if reviewed and (day - reviewed).days > every:
            stale += 1
    return Week(day, sha, entities, stale)
