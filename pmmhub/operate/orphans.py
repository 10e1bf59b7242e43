"""Orphaned owners: nobody by that name changed the data folder lately, or the team no longer lists them.

An owner (``@li-na`` or ``li.na@example.com``) is matched to git authors by email, by the
email's local part, by a GitHub no-reply address's login (``123+li-na@users.noreply…``) and
by the author name written as a handle (``Li Na`` -> ``li-na``). A team handle
(``@org/team``) never commits and is never an orphan by git.

The CODEOWNERS roster is every ``@handle`` and email named by the hand-written rules of
``.github/CODEOWNERS`` (outside the block ``hub codeowners`` generates, which lists every
owner by construction). Without such rules there is no roster and that check is skipped.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from pmmhub.contribute.codeowners import BEGIN, END
from pmmhub.operate.history import Change

ORPHAN_DAYS = 90
_NOREPLY = re.compile(r"^(?:\d+\+)?([^@]+)@users\.noreply\.")


@dataclass
class Orphan:
    owner: str
    last_seen: dt.date | None  # the owner's newest change to the data folder, if any
    reasons: list[str] = field(default_factory=list)  # "git", "codeowners"
    records: list = field(default_factory=list)


def keys(owner: str) -> set[str]:
    """What an owner is matched by, lowercase: the handle without @, or the email and its local part."""
    text = owner.strip().lower()
    if text.startswith("@"):
        return {text[1:]}
    return {text, text.split("@")[0]} if "@" in text else {text}


def author_keys(change: Change) -> set[str]:
    email, name = change.email.strip().lower(), change.name.strip().lower()
    found = {email, email.split("@")[0], name, "-".join(name.split())}
    noreply = _NOREPLY.match(email)
    if noreply:
        found.add(noreply.group(1))
    return {k for k in found if k}


def is_team(owner: str) -> bool:
    return owner.startswith("@") and "/" in owner


def last_seen(owners: set[str], changes: list[Change]) -> dict[str, dt.date]:
    """Each owner's newest change (``changes`` newest first)."""
    wanted = {owner: keys(owner) for owner in owners}
    seen: dict[str, dt.date] = {}
    for change in changes:
        found = author_keys(change)
        for owner, mine in wanted.items():
            if owner not in seen and (mine & found if owner.startswith("@") else owner.lower() in found):
                seen[owner] = change.day
        if len(seen) == len(wanted):
            break
    return seen


def roster(codeowners: Path) -> set[str] | None:
    """Handles and emails of the hand-written CODEOWNERS rules (lowercase); None without any."""
    if not codeowners.is_file():
        return None
    text = codeowners.read_text(encoding="utf-8", errors="replace")
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + rest.split(END, 1)[1]
    names = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].split()
        names |= {word.lower() for word in line[1:] if word.startswith("@") or "@" in word}
    return names or None


def orphans(catalog, changes: list[Change] | None, team: set[str] | None, today: dt.date,
            days: int = ORPHAN_DAYS) -> list[Orphan]:
    """Owners with no change to the data folder in the last ``days`` days (when there is git history),
    or missing from the CODEOWNERS roster (when there is one); their entities need a new owner."""
    owned: dict[str, list] = {}
    for record in catalog:
        owned.setdefault(record.entity.owner, []).append(record)
    seen = last_seen({o for o in owned if not is_team(o)}, changes or [])
    out = []
    for owner in sorted(owned):
        reasons = []
        if changes is not None and not is_team(owner) and (owner not in seen or (today - seen[owner]).days > days):
            reasons.append("git")
        if team is not None and owner.lower() not in team:
            reasons.append("codeowners")
        if reasons:
            out.append(Orphan(owner, seen.get(owner), reasons, owned[owner]))
    return out
