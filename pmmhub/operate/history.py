"""The data folder's git history: who changed it when, and what it held at a given commit.

Everything is read with a bounded number of git calls: one ``git log`` for the authors,
one for the first-parent commits, one ``git ls-tree`` per snapshot and one
``git cat-file --batch`` for every distinct file of every snapshot together.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pmmhub.contribute.contentdiff import blobs
from pmmhub.git import GitError, git, toplevel
from pmmhub.load import files


@dataclass(frozen=True)
class Change:
    """A commit that touched the data folder."""

    day: dt.date  # author date (UTC)
    name: str
    email: str


@dataclass(frozen=True)
class Repo:
    """Where the hub is in its git repository."""

    root: Path
    relative: str  # the data folder inside it ("." when it is the root)


def repo_of(data_dir: Path) -> Repo | None:
    """The repository holding ``data_dir``, or None outside git (or without any commit)."""
    try:
        root = toplevel(Path(data_dir).resolve())
        git("rev-parse", "--verify", "--quiet", "HEAD^{commit}", cwd=root)
        relative = Path(data_dir).resolve().relative_to(root).as_posix()
    except (GitError, ValueError):
        return None
    return Repo(root, relative)


def _utc_day(seconds: str) -> dt.date:
    return dt.datetime.fromtimestamp(int(seconds), dt.timezone.utc).date()


def changes(repo: Repo) -> list[Change]:
    """Every commit reachable from HEAD that touched the data folder, newest first."""
    out = git("log", "--no-renames", "--format=%at%x00%an%x00%ae", "HEAD", "--", repo.relative, cwd=repo.root)
    found = []
    for line in out.decode("utf-8", "replace").splitlines():
        parts = line.split("\0")
        if len(parts) == 3 and parts[0].isdigit():
            found.append(Change(_utc_day(parts[0]), parts[1], parts[2]))
    return found


def commits(repo: Repo) -> list[tuple[str, dt.date]]:
    """(sha, commit day) along the first-parent line of HEAD, newest first."""
    out = git("log", "--first-parent", "--format=%H %ct", "HEAD", cwd=repo.root).decode().split()
    return [(out[i], _utc_day(out[i + 1])) for i in range(0, len(out) - 1, 2)]


def tree(repo: Repo, sha: str) -> dict[str, str]:
    """path inside the data folder -> blob id, for the regular files within the size limit at ``sha``."""
    spec = ["--", repo.relative] if repo.relative != "." else []
    listing = git("ls-tree", "-r", "-z", "--long", "--full-tree", sha, *spec, cwd=repo.root)
    prefix = "" if repo.relative == "." else repo.relative.rstrip("/") + "/"
    out = {}
    for entry in filter(None, listing.split(b"\0")):
        meta, _, path = entry.partition(b"\t")
        mode, _, obj, size = meta.decode().split(maxsplit=3)
        name = path.decode("utf-8", "surrogateescape")
        size = size.strip()
        if mode in ("100644", "100755") and size.isdigit() and int(size) <= files.MAX_BYTES and name.startswith(prefix):
            out[name[len(prefix):]] = obj
    return out


def contents(repo: Repo, objects: set[str]) -> dict[str, bytes]:
    """The bytes of ``objects`` (blobs known to be within the size limit), read in one batch."""
    return blobs(sorted(objects), repo.root)
